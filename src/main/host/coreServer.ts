import { fail, type Result } from '../../shared/contract/errors';
import type { Core } from '../compose';
import type { Logger } from '../log/logger';
import { partChars, type FromCore, type ToCore } from './protocol';

/** One end of a MessagePort-shaped channel. `post` resolves once the message is handed to the channel. */
export interface Port<In, Out> {
  post(message: Out): Promise<void> | void;
  onMessage(listener: (message: In) => void): void;
}

const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Where a part of a long answer that starts at `at` ends: `size` characters on, one fewer when that
 * would cut a character made of two UTF-16 units (an emoji in a store's name) in half. Browser mode
 * encodes each part to UTF-8 on its own, and half a pair would arrive as U+FFFD.
 */
export function partEnd(json: string, at: number, size: number): number {
  const end = at + size;
  const last = json.charCodeAt(end - 1);
  return size > 1 && last >= 0xd800 && last <= 0xdbff ? end - 1 : end;
}

export interface ServeOptions {
  /** Answers longer than this go in parts of this size. */
  partChars?: number;
  /** Every event of the core goes to the client (true unless told: the shell's channel asks for them). */
  events?: boolean;
  /** The media paths this client may ask for (all unless told: the shell's channel none, see coreProcess.ts). */
  mediaPaths?: (path: string) => boolean;
}

/**
 * Serves one client of the core (the shell's channel, a window's own port, a browser-mode page's
 * socket): its calls, its cancels, live media, and every event. Answers go out as JSON text; a long
 * one in parts, each waiting for the channel, so that short answers pass between them.
 */
export function serveClient(core: Core, port: Port<ToCore, FromCore>, log: Logger, options: ServeOptions = {}): () => void {
  const partSize = options.partChars ?? partChars;
  const open = new Map<number, AbortController>();
  const media = new Map<number, { cancelled: boolean; cancel?: () => void }>();

  const send = (message: FromCore) => {
    try {
      return Promise.resolve(port.post(message)).catch(() => undefined);
    } catch {
      return Promise.resolve(); // the client is gone
    }
  };

  const answer = async (id: number, made: Result<unknown> | Promise<string>) => {
    let json: string;
    try {
      json = made instanceof Promise ? await made : JSON.stringify(made);
    } catch (e) {
      log.log('error', 'host: an answer could not be serialised', { error: String(e) });
      json = JSON.stringify(fail('internal', 'Something went wrong inside the console. The details are in its log.'));
    }
    let at = 0;
    while (json.length - at > partSize) {
      const end = partEnd(json, at, partSize);
      await send({ t: 'result-part', id, part: json.slice(at, end) });
      at = end;
      await yieldTurn();
    }
    await send({ t: 'result', id, json: at === 0 ? json : json.slice(at) });
  };

  const unsubscribe = options.events === false ? () => undefined : core.subscribe((event, payload) => void send({ t: 'event', json: JSON.stringify({ event, payload }) }));

  port.onMessage((m) => {
    switch (m.t) {
      case 'call': {
        const call = new AbortController();
        open.set(m.id, call);
        // The Result as JSON text: a read worker's answer goes on as it came, never parsed here.
        const made = core.answer(m.name, m.input, call.signal);
        const done = () => {
          if (call.signal.aborted) return;
          open.delete(m.id);
          return answer(m.id, made);
        };
        void made.then(done, done);
        return;
      }
      case 'cancel': {
        const call = open.get(m.id);
        if (!call) return;
        // The caller hears "cancelled" now; the call's signal stops the work it started.
        call.abort();
        open.delete(m.id);
        void answer(m.id, fail('cancelled', 'The request was cancelled.'));
        return;
      }
      case 'media':
        if (options.mediaPaths && !options.mediaPaths(m.path)) {
          void send({ t: 'media-head', id: m.id, status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } }).then(() => send({ t: 'media-end', id: m.id }));
          return;
        }
        void serveMedia(m.id, m.path, m.method, m.range ?? null);
        return;
      case 'media-cancel': {
        const stream = media.get(m.id);
        if (stream) {
          stream.cancelled = true;
          stream.cancel?.();
        }
        return;
      }
    }
  });

  async function serveMedia(id: number, path: string, method: string, range: string | null): Promise<void> {
    // A cancel stops the vendor request too (hls.js gave the segment up, the page went away).
    const stopped = new AbortController();
    const state: { cancelled: boolean; cancel?: () => void } = { cancelled: false, cancel: () => stopped.abort() };
    media.set(id, state);
    try {
      const res = await core.media.handle({ path, method, range, signal: stopped.signal });
      if (state.cancelled) {
        if (res.body && !(res.body instanceof Uint8Array)) await res.body.cancel().catch(() => undefined);
        return;
      }
      await send({ t: 'media-head', id, status: res.status, headers: res.headers });
      if (res.body instanceof Uint8Array) {
        if (res.body.byteLength > 0) await send({ t: 'media-body', id, chunk: res.body });
      } else if (res.body) {
        const reader = res.body.getReader();
        state.cancel = () => {
          stopped.abort();
          void reader.cancel().catch(() => undefined);
        };
        if (state.cancelled) state.cancel();
        for (;;) {
          const { done, value } = await reader.read();
          if (done || state.cancelled) break;
          await send({ t: 'media-body', id, chunk: value });
        }
      }
      await send({ t: 'media-end', id });
    } catch (e) {
      if (!state.cancelled) await send({ t: 'media-end', id, error: e instanceof Error ? e.message : String(e) });
    } finally {
      media.delete(id);
    }
  }

  return () => {
    unsubscribe();
    for (const call of open.values()) call.abort();
    open.clear();
    for (const stream of media.values()) stream.cancel?.();
  };
}

/** Electron's MessagePortMain (a window's own port, in the core's utility process), as far as the core uses it. */
export interface WindowPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  on(event: 'close', listener: () => void): void;
  start?(): void;
}

/**
 * Serves a window's own port until its other end goes (the window closed, reloaded, or got a new
 * port): then the window's open calls stop their work and no more events are made for it, as a
 * browser-mode page's socket does when it closes (pageSocket.ts).
 */
export function serveWindowPort(core: Core, port: WindowPort, log: Logger, options: ServeOptions = {}): void {
  const stop = serveClient(core, { post: (m) => port.postMessage(m), onMessage: (l) => port.on('message', (e) => l(e.data as ToCore)) }, log, options);
  port.on('close', stop);
  port.start?.();
}
