import type { WebSocket } from 'ws';
import type { Logger } from '../../log/logger';

export interface PageWriter {
  /** A message as JSON text. */
  text(text: string): void;
  /** One text message written as these fragments (UTF-8), one a turn. */
  fragments(fragments: Buffer[]): void;
}

/**
 * What browser mode writes to one page's socket. A long answer goes as the fragments of one
 * message, one fragment a turn, so that no turn of this loop writes several MB to the socket; what
 * else is to be sent meanwhile (answers, events) waits behind it, since nothing may come between a
 * message's fragments. A socket no longer open takes nothing.
 */
export function pageWriter(ws: WebSocket, log: Logger): PageWriter {
  // While a long answer is being written: the writes that wait for its end, in order.
  let waiting: Array<() => void> | null = null;
  const write = (send: () => void) => {
    if (ws.readyState !== ws.OPEN) return false;
    try {
      send();
      return true;
    } catch (e) {
      log.log('error', 'browser mode: an answer could not be sent', { error: e instanceof Error ? e.message : String(e) });
      return false;
    }
  };
  const inTurn = (w: () => void) => (waiting ? waiting.push(w) : w());
  const resume = () => {
    const queued = waiting ?? [];
    waiting = null;
    while (queued.length > 0) {
      // A long answer among them takes the socket again: the rest waits for it.
      if (waiting) return void (waiting as Array<() => void>).push(...queued);
      queued.shift()!();
    }
  };
  return {
    text: (text) => inTurn(() => void write(() => ws.send(text))),
    fragments: (fragments) =>
      inTurn(() => {
        waiting = [];
        let i = 0;
        const next = () => {
          const fin = i === fragments.length - 1;
          if (!write(() => ws.send(fragments[i]!, { binary: false, fin })) || fin) return resume();
          i++;
          setImmediate(next);
        };
        next();
      }),
  };
}
