import { create } from 'zustand';
import type { CallInput, CallName, CallOutput } from '../../../shared/contract/calls';
import { fail, type Result } from '../../../shared/contract/errors';
import type { EventName, EventPayload } from '../../../shared/contract/events';
import type { ServerMessage } from '../../../shared/contract/wire';
import { decodeMediaFrame, type MediaAnswer } from '../../../shared/live/mediaFrame';
import type { CoreStatus } from '../../../shared/app/contract';
import type { DesktopBridge } from '../../../preload/api';
import { coreRestartingMessage } from '../../../shared/app/contract';
import { lossOf, noteCoreStatus } from './coreLink';
import { silenceWatch } from './silence';

/**
 * The renderer's only door to the core. In the desktop shell it is the preload's bridge; in
 * browser mode, a WebSocket to the local server. Nothing else in the renderer knows which.
 */
export interface ApiClient {
  /**
   * `signal`: the view gives the call up when it aborts (a newer request, the view left). The call
   * answers "cancelled" at once and the core stops the work it started.
   */
  call<K extends CallName>(name: K, input: CallInput<K>, options?: CallOptions): Promise<Result<CallOutput<K>>>;
  subscribe<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  /**
   * Live media from the core over this same link (never through a shell): `path` is below the media
   * base (`/live/<session>/<channel>.m3u8`, a segment). Status 0: the core could not be asked.
   * `signal`: hls.js gave it up; the core stops the vendor request.
   */
  media?(path: string, signal?: AbortSignal): Promise<MediaAnswer>;
  /**
   * Browser mode: tries the local server again now, not at the next of its backed-off retries;
   * true once connected (the core-status event says so too). Absent where there is nothing to retry.
   */
  reconnectNow?(): Promise<boolean>;
}

export interface CallOptions {
  signal?: AbortSignal;
}

const cancelled = () => fail('cancelled', 'The request was cancelled.');
const noMedia = (): MediaAnswer => ({ status: 0, headers: {}, body: new Uint8Array(0) });

export function createApiClient(): ApiClient {
  const bridge = window.roc;
  return bridge ? bridgeClient(bridge) : createSocketClient();
}

/**
 * The desktop shell's client over the preload's bridge (component tests hand in their own bridge).
 * A call that waits while the core is silent and does not answer a check either fails in words
 * (silence.ts); the core's crash and restart fail the waiting calls in the preload already.
 */
export function bridgeClient(bridge: DesktopBridge, options: { quietMs?: number; probeMs?: number } = {}): ApiClient {
  let nextTicket = 1;
  const waiting = new Map<number, (result: Result<never>) => void>();
  bridge.subscribe('app.coreStatus', noteCoreStatus);
  const silence = silenceWatch({
    quietMs: options.quietMs ?? quietMs,
    probeMs: options.probeMs ?? probeMs,
    waiting: () => waiting.size,
    probe: () => bridge.calls['app.info']({}),
    silent: (seconds) => {
      for (const [ticket, settle] of waiting) {
        bridge.cancel(ticket);
        settle(fail('timeout', noAnswerMessage(seconds, 'restart the console')));
      }
      waiting.clear();
    },
  });
  return {
    async call(name, input, options) {
      const signal = options?.signal;
      if (signal?.aborted) return cancelled();
      const ticket = nextTicket++;
      const drop = () => bridge.cancel(ticket);
      signal?.addEventListener('abort', drop, { once: true });
      try {
        return await new Promise((resolve, reject) => {
          waiting.set(ticket, resolve);
          silence.arm();
          bridge.calls[name](input, ticket).then((result) => {
            silence.heard();
            // the preload's failure of the calls a restarting core never answered
            resolve(!result.ok && result.error.message === coreRestartingMessage ? lossOf(result) : result);
          }, reject);
        });
      } finally {
        waiting.delete(ticket);
        signal?.removeEventListener('abort', drop);
      }
    },
    subscribe: (name, listener) =>
      bridge.subscribe(name, (payload) => {
        silence.heard();
        listener(payload);
      }),
    async media(path, signal) {
      if (signal?.aborted) return noMedia();
      const ticket = nextTicket++;
      const drop = () => bridge.cancelMedia(ticket);
      signal?.addEventListener('abort', drop, { once: true });
      try {
        return await bridge.media(path, ticket);
      } finally {
        signal?.removeEventListener('abort', drop);
      }
    },
  };
}

/** The calls a view makes one at a time: `next` gives up the one before and signals the new one, `stop` gives up the last. */
export interface LatestCall {
  next(): AbortSignal;
  stop(): void;
}

/**
 * The calls a view makes one at a time (a panel, a report, an overlay): starting the next gives up
 * the one before, whose answer nobody wants any more, so the core stops its work; `stop` gives up
 * the last one (the view is left). Its instance is state: kept by the view's store, not the module.
 */
export function latestCall(): LatestCall {
  let current: AbortController | null = null;
  return {
    next() {
      current?.abort();
      current = new AbortController();
      return current.signal;
    },
    stop() {
      current?.abort();
      current = null;
    },
  };
}

type Listener = (payload: unknown) => void;

const tokenKey = 'roc.token';

/**
 * Browser mode's per-run token: from the address the server printed, kept in this tab's
 * sessionStorage (scoped to this origin, unlike cookies) so a reload without `?token=` still works.
 */
function browserModeToken(): string | null {
  const fromAddress = new URLSearchParams(window.location.search).get('token');
  try {
    if (fromAddress) window.sessionStorage.setItem(tokenKey, fromAddress);
    return fromAddress || window.sessionStorage.getItem(tokenKey);
  } catch {
    return fromAddress || null; // storage disabled: the address is the only source
  }
}

const noTokenMessage = 'This tab was opened without the console\'s access key. Open the address printed by "npm run serve" (it ends in ?token=...).';
/** A call cut by the socket closing: the core stopped (it is restarting) or the connection dropped. */
const lostMessage = "The console's core stopped or the connection to it was lost. Try again in a moment.";
const reconnectingMessage = "The console's core stopped or the connection to it was lost; reconnecting.";
const serverGoneMessage = 'The console cannot reach its local server. Restart "npm run serve" and open the address it prints.';
/** How long reconnecting may fail before the page says the server itself is gone (a restarting core takes seconds). */
const serverGoneMs = 15_000;
const firstRetryMs = 250;
const lastRetryMs = 5_000;
/** Once the server is said to be gone, a tab tries it again this seldom (a call the user makes tries at once). */
export const goneRetryMs = 30_000;
/** The silence after which the core is asked whether it runs, and how long it has to answer (silence.ts). */
const quietMs = 45_000;
const probeMs = 20_000;
const noAnswerMessage = (seconds: number, restart: string) =>
  `The console's core has not answered for ${seconds} s, not even a check that it is running, so the request was given up. Try again; if this goes on, ${restart}.`;

export interface SocketClientOptions {
  serverGoneAfterMs?: number;
  quietMs?: number;
  probeMs?: number;
  /** Schedules a reconnect attempt (tests read the delays). */
  scheduleRetry?(attempt: () => void, delayMs: number): void;
}

function createSocketClient(): ApiClient {
  const token = browserModeToken();
  if (!token) {
    return {
      call: async () => fail('auth_failed', noTokenMessage),
      subscribe: () => () => undefined,
    };
  }
  return socketClient(`${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/api?token=${encodeURIComponent(token)}`);
}

/**
 * Browser mode's client over one WebSocket at `address` (component tests hand in a server's). Its
 * socket is served by the core's own process: when the core stops, the socket closes. Then pending
 * calls fail in words, the core-status banner says so, and the client reconnects with a growing
 * delay (the server holds the new socket until the restarted core serves it); once back, the banner
 * says so and events flow again to every subscriber. When reconnecting keeps failing, the server
 * itself is gone, and the banner and the calls say so.
 */
export function socketClient(address: string, options: SocketClientOptions = {}): ApiClient {
  const serverGoneAfterMs = options.serverGoneAfterMs ?? serverGoneMs;
  const quiet = options.quietMs ?? quietMs;
  const probe = options.probeMs ?? probeMs;
  const scheduleRetry = options.scheduleRetry ?? ((attempt, delayMs) => void setTimeout(attempt, delayMs));
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const media = new Map<number, (answer: MediaAnswer) => void>();
  // Calls waiting for the socket to open: the same silence gives them up (a server that takes the
  // connection and never completes the handshake would keep them waiting for ever).
  const connecting = new Set<(result: Result<never>) => void>();
  const listeners = new Map<string, Set<Listener>>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let opened: Promise<WebSocket> | null = null;
  // Since when the open socket is lost (null while connected, or before it ever opened).
  let lostSince: number | null = null;
  let toldGone = false;
  let retryDelay = firstRetryMs;
  let retrying = false;
  // Drops the current socket as if it had closed.
  let dropSocket: (() => void) | null = null;

  const tell = (status: CoreStatus) => {
    noteCoreStatus(status);
    listeners.get('app.coreStatus')?.forEach((l) => l(status));
  };
  const serverGone = () => lostSince !== null && Date.now() - lostSince >= serverGoneAfterMs;
  const retry = () => {
    if (retrying) return;
    retrying = true;
    scheduleRetry(() => {
      retrying = false;
      void connect().catch(() => undefined);
    }, toldGone ? goneRetryMs : retryDelay);
    retryDelay = Math.min(lastRetryMs, retryDelay * 2);
  };

  // A silent core: the waiting calls fail in words, and the socket is dropped and reconnected.
  const silence = silenceWatch({
    quietMs: quiet,
    probeMs: probe,
    waiting: () => pending.size + connecting.size,
    probe: () =>
      new Promise((resolve, reject) => {
        if (!socket) return reject(new Error('closed'));
        const id = nextId++;
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, call: 'app.info', input: {} }));
      }),
    silent: (seconds) => {
      const ws = socket;
      const given = lossOf(fail('timeout', noAnswerMessage(seconds, 'restart "npm run serve"')));
      for (const settle of pending.values()) settle(given);
      pending.clear();
      for (const settle of connecting) settle(given);
      connecting.clear();
      dropSocket?.();
      ws?.close();
    },
  });

  const connect = (): Promise<WebSocket> => {
    if (opened) return opened;
    opened = new Promise((resolve, reject) => {
      const ws = new WebSocket(address);
      ws.binaryType = 'arraybuffer';
      let open = false;
      let dropped = false;
      ws.onopen = () => {
        if (dropped) return ws.close();
        performance.mark('roc:socket-open');
        silence.heard();
        open = true;
        socket = ws;
        retryDelay = firstRetryMs;
        if (lostSince !== null) {
          lostSince = null;
          toldGone = false;
          tell({ state: 'running', message: 'The console is running again.' });
        }
        resolve(ws);
      };
      ws.onmessage = (e) => {
        if (dropped) return;
        silence.heard();
        if (e.data instanceof ArrayBuffer) {
          const frame = decodeMediaFrame(e.data);
          if (!frame) return;
          media.get(frame.media)?.({ status: frame.status, headers: frame.headers, body: frame.body });
          media.delete(frame.media);
          return;
        }
        let message: ServerMessage;
        try {
          message = JSON.parse(String(e.data)) as ServerMessage;
        } catch {
          return;
        }
        if ('event' in message) {
          listeners.get(message.event)?.forEach((l) => l(message.payload));
        } else if (message.id !== null) {
          pending.get(message.id)?.(message.result);
          pending.delete(message.id);
        }
      };
      // Closed, or given up for its silence (its close may come much later, or never).
      const lose = () => {
        if (dropped) return;
        dropped = true;
        if (dropSocket === drop) dropSocket = null;
        socket = null;
        opened = null;
        const lost = lossOf(fail('offline', lostMessage));
        for (const settle of pending.values()) settle(lost);
        pending.clear();
        for (const settle of media.values()) settle(noMedia());
        media.clear();
        if (open) {
          lostSince = Date.now();
          tell({ state: 'restarting', message: reconnectingMessage });
        }
        if (lostSince !== null) {
          if (serverGone() && !toldGone) {
            toldGone = true;
            tell({ state: 'restarting', message: serverGoneMessage, serverGone: true });
          }
          retry();
        }
        reject(new Error('closed'));
      };
      ws.onclose = lose;
      // given up for its silence: still opening, it is closed too (else it could open later unwatched)
      const drop = () => {
        lose();
        if (!open) ws.close();
      };
      dropSocket = drop;
    });
    return opened;
  };

  // Open the socket now: it is ready by the time the first view asks for data.
  void connect().catch(() => undefined);
  return {
    async call(name, input, options) {
      const signal = options?.signal;
      let ws: WebSocket;
      if (socket) ws = socket;
      else {
        let giveUp: (result: Result<never>) => void = () => undefined;
        const givenUp = new Promise<Result<never>>((resolve) => connecting.add((giveUp = resolve)));
        silence.arm();
        try {
          const first = await Promise.race([connect(), givenUp]);
          if ('ok' in first) return first;
          ws = first;
        } catch {
          return lossOf(fail('offline', lostSince !== null && !serverGone() ? lostMessage : serverGoneMessage));
        } finally {
          connecting.delete(giveUp);
        }
      }
      if (signal?.aborted) return cancelled();
      const id = nextId++;
      return new Promise((resolve) => {
        const drop = () => {
          if (!pending.delete(id)) return;
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ cancel: id }));
          resolve(cancelled());
        };
        pending.set(id, (result) => {
          signal?.removeEventListener('abort', drop);
          resolve(result as never);
        });
        signal?.addEventListener('abort', drop, { once: true });
        ws.send(JSON.stringify({ id, call: name, input }));
        silence.arm();
      });
    },
    subscribe(name, listener) {
      const set = listeners.get(name) ?? new Set();
      set.add(listener as Listener);
      listeners.set(name, set);
      void connect().catch(() => undefined);
      return () => set.delete(listener as Listener);
    },
    async media(path, signal) {
      let ws: WebSocket;
      try {
        ws = socket ?? (await connect());
      } catch {
        return noMedia();
      }
      if (signal?.aborted || ws.readyState !== ws.OPEN) return noMedia();
      const id = nextId++;
      return new Promise<MediaAnswer>((resolve) => {
        const drop = () => {
          if (!media.delete(id)) return;
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ mediaCancel: id }));
          resolve(noMedia());
        };
        media.set(id, (answer) => {
          signal?.removeEventListener('abort', drop);
          resolve(answer);
        });
        signal?.addEventListener('abort', drop, { once: true });
        ws.send(JSON.stringify({ media: id, path }));
      });
    },
    async reconnectNow() {
      try {
        await (socket ? Promise.resolve(socket) : connect());
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** The window's client: made at its first use, or chosen by setApiClient. */
const useApiClient = create<{ current: ApiClient | null }>(() => ({ current: null }));

/** Chooses the client explicitly (component tests hand in one wired to a real core). */
export function setApiClient(client: ApiClient): void {
  useApiClient.setState({ current: client });
}

function client(): ApiClient {
  const { current } = useApiClient.getState();
  if (current) return current;
  const made = createApiClient();
  useApiClient.setState({ current: made });
  return made;
}

/** Makes the client before the first render, so that browser mode connects while React renders. */
export function connectEarly(): void {
  client();
}

export const api: Required<ApiClient> = {
  call: (name, input, options) => client().call(name, input, options),
  subscribe: (name, listener) => client().subscribe(name, listener),
  media: (path, signal) => client().media?.(path, signal) ?? Promise.resolve(noMedia()),
  reconnectNow: () => client().reconnectNow?.() ?? Promise.resolve(true),
};
