import type { CallInput, CallName, CallOutput } from '../../../shared/contract/calls';
import { fail, type Result } from '../../../shared/contract/errors';
import type { EventName, EventPayload } from '../../../shared/contract/events';
import type { ServerMessage } from '../../../shared/contract/wire';

/**
 * The renderer's only door to the core. In the desktop shell it is the preload's bridge; in
 * browser mode, a WebSocket to the local server. Nothing else in the renderer knows which.
 */
export interface ApiClient {
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<Result<CallOutput<K>>>;
  subscribe<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function createApiClient(): ApiClient {
  const bridge = window.roc;
  if (bridge) {
    return {
      call: (name, input) => bridge.calls[name](input),
      subscribe: (name, listener) => bridge.subscribe(name, listener),
    };
  }
  return createSocketClient();
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

function createSocketClient(): ApiClient {
  const token = browserModeToken();
  if (!token) {
    return {
      call: async () => fail('auth_failed', noTokenMessage),
      subscribe: () => () => undefined,
    };
  }
  const address = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/api?token=${encodeURIComponent(token)}`;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, Set<Listener>>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let opened: Promise<WebSocket> | null = null;

  const connect = (): Promise<WebSocket> => {
    if (opened) return opened;
    opened = new Promise((resolve, reject) => {
      const ws = new WebSocket(address);
      ws.onopen = () => {
        performance.mark('roc:socket-open');
        socket = ws;
        resolve(ws);
      };
      ws.onmessage = (e) => {
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
      ws.onclose = () => {
        socket = null;
        opened = null;
        for (const settle of pending.values()) settle(fail('offline', 'The connection to the console was lost. Reload the page, or restart "npm run serve".'));
        pending.clear();
        reject(new Error('closed'));
      };
    });
    return opened;
  };

  // Open the socket now: it is ready by the time the first view asks for data.
  void connect().catch(() => undefined);
  return {
    async call(name, input) {
      let ws: WebSocket;
      try {
        ws = socket ?? (await connect());
      } catch {
        return fail('offline', 'The console cannot reach its local server. Restart "npm run serve" and open the address it prints.');
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as (r: Result<unknown>) => void);
        ws.send(JSON.stringify({ id, call: name, input }));
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
  call: (name, input) => client().call(name, input),
  subscribe: (name, listener) => client().subscribe(name, listener),
};
