import type { CallInput, CallName, CallOutput } from '../../../shared/contract/calls';
import { fail, type Result } from '../../../shared/contract/errors';
import type { EventName, EventPayload } from '../../../shared/contract/events';
import type { ServerMessage } from '../../../shared/contract/wire';
import type { CoreStatus } from '../../../shared/app/contract';

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
}

export interface CallOptions {
  signal?: AbortSignal;
}

const cancelled = () => fail('cancelled', 'The request was cancelled.');

export function createApiClient(): ApiClient {
  const bridge = window.roc;
  if (bridge) {
    let nextTicket = 1;
    return {
      async call(name, input, options) {
        const signal = options?.signal;
        if (signal?.aborted) return cancelled();
        const ticket = nextTicket++;
        const drop = () => bridge.cancel(ticket);
        signal?.addEventListener('abort', drop, { once: true });
        try {
          return await bridge.calls[name](input, ticket);
        } finally {
          signal?.removeEventListener('abort', drop);
        }
      },
      subscribe: (name, listener) => bridge.subscribe(name, listener),
    };
  }
  return createSocketClient();
}

/**
 * The calls a view makes one at a time (a panel, a report, an overlay): starting the next gives up
 * the one before, whose answer nobody wants any more, so the core stops its work; `stop` gives up
 * the last one (the view is left).
 */
export function latestCall(): { next(): AbortSignal; stop(): void } {
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
const goneRetryMs = 30_000;
/**
 * Calls have no fixed deadline: some are long by nature (a cold tree, a report over years, a vendor
 * that answers slowly, a folder dialog). What gives a call up is silence: after `quietMs` with calls
 * waiting and nothing at all from the core (no answer, no event), the client asks the core a cheap
 * question (app.info); an answer is a sign of life and the calls wait on. No answer within
 * `probeMs` either: the waiting calls fail in words and the socket is dropped and reconnected.
 */
const quietMs = 45_000;
const probeMs = 20_000;
const noAnswerMessage = (seconds: number) =>
  `The console's core has not answered for ${seconds} s, not even a check that it is running, so the request was given up. Try again; if this goes on, restart "npm run serve".`;

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
  const listeners = new Map<string, Set<Listener>>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let opened: Promise<WebSocket> | null = null;
  // Since when the open socket is lost (null while connected, or before it ever opened).
  let lostSince: number | null = null;
  let toldGone = false;
  let retryDelay = firstRetryMs;
  let retrying = false;
  // The last time the core said anything on this socket (or a call was sent to a quiet one).
  let heardAt = 0;
  let watch: ReturnType<typeof setTimeout> | null = null;
  // Drops the current socket as if it had closed.
  let dropSocket: (() => void) | null = null;

  const tell = (status: CoreStatus) => listeners.get('app.coreStatus')?.forEach((l) => l(status));
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

  /** Watches the waiting calls for silence (see quietMs); runs only while calls wait. */
  const watchSilence = (ws: WebSocket) => {
    if (watch || pending.size === 0) return;
    watch = setTimeout(() => {
      watch = null;
      if (socket !== ws || pending.size === 0) return;
      if (Date.now() - heardAt < quiet) return watchSilence(ws);
      const askedAt = Date.now();
      const id = nextId++;
      // Its answer, like any message, counts as a sign of life (onmessage); the result itself is not needed.
      pending.set(id, () => undefined);
      ws.send(JSON.stringify({ id, call: 'app.info', input: {} }));
      watch = setTimeout(() => {
        watch = null;
        pending.delete(id);
        if (socket !== ws) return;
        if (heardAt >= askedAt) return watchSilence(ws);
        const message = noAnswerMessage(Math.round((Date.now() - heardAt) / 1000));
        for (const settle of pending.values()) settle(fail('timeout', message));
        pending.clear();
        dropSocket?.();
        ws.close();
      }, probe);
    }, Math.max(0, heardAt + quiet - Date.now()));
  };

  const connect = (): Promise<WebSocket> => {
    if (opened) return opened;
    opened = new Promise((resolve, reject) => {
      const ws = new WebSocket(address);
      let open = false;
      ws.onopen = () => {
        performance.mark('roc:socket-open');
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
      let dropped = false;
      ws.onmessage = (e) => {
        if (dropped) return;
        heardAt = Date.now();
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
        if (dropSocket === lose) dropSocket = null;
        socket = null;
        opened = null;
        for (const settle of pending.values()) settle(fail('offline', lostMessage));
        pending.clear();
        if (open) {
          lostSince = Date.now();
          tell({ state: 'restarting', message: reconnectingMessage });
        }
        if (lostSince !== null) {
          if (serverGone() && !toldGone) {
            toldGone = true;
            tell({ state: 'restarting', message: serverGoneMessage });
          }
          retry();
        }
        reject(new Error('closed'));
      };
      ws.onclose = lose;
      dropSocket = lose;
    });
    return opened;
  };

  // Open the socket now: it is ready by the time the first view asks for data.
  void connect().catch(() => undefined);
  return {
    async call(name, input, options) {
      const signal = options?.signal;
      let ws: WebSocket;
      try {
        ws = socket ?? (await connect());
      } catch {
        return fail('offline', lostSince !== null && !serverGone() ? lostMessage : serverGoneMessage);
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
        if (pending.size === 1) heardAt = Date.now();
        ws.send(JSON.stringify({ id, call: name, input }));
        watchSilence(ws);
      });
    },
    subscribe(name, listener) {
      const set = listeners.get(name) ?? new Set();
      set.add(listener as Listener);
      listeners.set(name, set);
      void connect().catch(() => undefined);
      return () => set.delete(listener as Listener);
    },
  };
}

let current: ApiClient | null = null;

/** Chooses the client explicitly (component tests hand in one wired to a real core). */
export function setApiClient(client: ApiClient): void {
  current = client;
}

const client = (): ApiClient => (current ??= createApiClient());

/** Makes the client before the first render, so that browser mode connects while React renders. */
export function connectEarly(): void {
  client();
}

export const api: ApiClient = {
  call: (name, input, options) => client().call(name, input, options),
  subscribe: (name, listener) => client().subscribe(name, listener),
};
