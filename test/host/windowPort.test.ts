import { once } from 'node:events';
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { serveWindowPort, type WindowPort } from '../../src/main/host/coreServer';
import type { FromCore } from '../../src/main/host/protocol';
import type { UpdateStatus } from '../../src/shared/updates/updatePolicy';
import { startTestCore } from '../support/core';

// A desktop window's own port to the core (Electron's MessagePortMain in the utility process), played
// by a Node MessageChannel: both say 'close' on one end when the other end goes.
const quiet = { log: () => undefined };
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

function windowPortOver(port: MessageChannel['port1'], posted: FromCore[]): WindowPort {
  return {
    postMessage: (m) => {
      posted.push(m as FromCore);
      port.postMessage(m);
    },
    on: (event: 'message' | 'close', listener: (e: { data: unknown }) => void) => {
      if (event === 'message') port.on('message', (data) => listener({ data }));
      else port.on('close', () => (listener as () => void)());
    },
    start: () => port.start(),
  } as WindowPort;
}

const checking = (checkedAt: number): UpdateStatus => ({ offReason: null, phase: { phase: 'idle' }, checkedAt });

describe("a desktop window's own port", () => {
  it('hears events while the window is there; once the window lets it go, the core makes none for it', async () => {
    const core = startTestCore({ shell: 'desktop' });
    const { port1, port2 } = new MessageChannel();
    const posted: FromCore[] = [];
    serveWindowPort(core, windowPortOver(port1, posted), quiet);
    const events = () => posted.filter((m) => m.t === 'event').map((m) => (JSON.parse((m as { json: string }).json) as { event: string }).event);

    core.updates.set(checking(1_765_000_000_000));
    await turns(5);
    expect(events()).toEqual(['app.updates']);

    // The window closed or reloaded: its end of the port is gone.
    const closed = once(port1, 'close');
    port2.close();
    await closed;
    core.updates.set(checking(1_765_000_060_000));
    await turns(5);
    expect(events()).toEqual(['app.updates']);
  });
});
