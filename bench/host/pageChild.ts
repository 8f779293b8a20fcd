// A browser-mode page in its own process, for bench/core-host: it talks to the real browser-mode
// server over its WebSocket, as the renderer does (the server hands the socket to the core's
// process, which serves it), and parses every answer and event it gets, so the process the bench
// watches does only the shell's part. The bench drives it
// over IPC with small messages; whole answers never travel back to the bench.
//   argv: the server's WebSocket address (ws://127.0.0.1:<port>/api?token=...)
import WebSocket from 'ws';
import type { ClientMessage } from '../../src/shared/contract/wire';

/**
 * From the bench: a call (the answer's value comes back only with `want`), app.info polling on or
 * off, or the round trips of the last polling run (asked once the bench stopped watching its loop).
 */
export type ToPage = { t: 'call'; id: number; name: string; input: unknown; want?: boolean } | { t: 'poll'; on: boolean } | { t: 'times' };
/** To the bench: a call's outcome, polling stopped, the round trips of a polling run, a sync run that finished. */
export type FromPage =
  | { t: 'open' }
  | { t: 'answer'; id: number; ok: boolean; chars: number; ms: number; value?: unknown; error?: string }
  | { t: 'stopped' }
  | { t: 'polled'; ms: number[] }
  | { t: 'finished'; runId: number };

type Answer = { ok: true; value: unknown } | { ok: false; error: { message: string; detail?: string } };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const send = (m: FromPage) => process.send?.(m);

function main(): void {
  const ws = new WebSocket(process.argv[2]!);
  let nextId = 1;
  const waiting = new Map<number, (answer: Answer, chars: number) => void>();
  const call = (name: string, input: unknown) =>
    new Promise<{ answer: Answer; chars: number }>((resolve) => {
      const id = nextId++;
      waiting.set(id, (answer, chars) => resolve({ answer, chars }));
      ws.send(JSON.stringify({ id, call: name, input } satisfies ClientMessage));
    });

  ws.on('message', (data) => {
    const text = data.toString();
    const m = JSON.parse(text) as { id: number; result: Answer } | { event: string; payload: { id?: number } };
    if ('event' in m) {
      if (m.event === 'sync.finished' && typeof m.payload.id === 'number') send({ t: 'finished', runId: m.payload.id });
      return;
    }
    const resolve = waiting.get(m.id);
    waiting.delete(m.id);
    resolve?.(m.result, text.length);
  });

  let polling: Promise<number[]> | null = null;
  let lastTimes: number[] = [];
  let pollOn = false;
  const poll = async () => {
    const times: number[] = [];
    while (pollOn) {
      const t0 = performance.now();
      const { answer } = await call('app.info', {});
      times.push(performance.now() - t0);
      if (!answer.ok) throw new Error(`app.info failed: ${answer.error.message}`);
      await sleep(5);
    }
    return times;
  };

  process.on('message', (m: ToPage) => {
    if (m.t === 'times') return void send({ t: 'polled', ms: lastTimes });
    if (m.t === 'poll') {
      pollOn = m.on;
      if (m.on) polling = poll();
      else
        void polling?.then((ms) => {
          lastTimes = ms;
          send({ t: 'stopped' });
        });
      return;
    }
    const t0 = performance.now();
    void call(m.name, m.input).then(({ answer, chars }) =>
      send({ t: 'answer', id: m.id, ok: answer.ok, chars, ms: performance.now() - t0, ...(answer.ok ? (m.want ? { value: answer.value } : {}) : { error: `${answer.error.message} ${answer.error.detail ?? ''}` }) }),
    );
  });
  ws.on('open', () => send({ t: 'open' }));
  ws.on('error', (e) => {
    console.error(`the bench's page: ${e.message}`);
    process.exit(1);
  });
  // Never outlive the bench.
  process.on('disconnect', () => process.exit(0));
}

main();
