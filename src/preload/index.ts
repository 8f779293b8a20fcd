import { contextBridge, ipcRenderer } from 'electron';
import { coreRestartingMessage } from '../shared/app/contract';
import { callNames } from '../shared/contract/calls';
import { fail, type Result } from '../shared/contract/errors';
import { eventNames } from '../shared/contract/events';
import { corePortChannel, eventChannel } from '../shared/contract/ipcChannels';
import { joinChunks, type MediaAnswer } from '../shared/live/mediaFrame';
import type { DesktopBridge } from './api';

/**
 * The window's bridge to the core. The main process hands this window a MessagePort straight to
 * the core's process (again after the core restarts); calls and events go over it, never through
 * the main process. Exposed: one method per call, a subscription per event; never the port itself.
 */
type FromCore =
  | { t: 'result-part'; id: number; part: string }
  | { t: 'result'; id: number; json: string }
  | { t: 'event'; json: string }
  | { t: 'media-head'; id: number; status: number; headers: Record<string, string> }
  | { t: 'media-body'; id: number; chunk: Uint8Array }
  | { t: 'media-end'; id: number; error?: string }
  | { t: string };

/** The renderer world's MessagePort, as far as this bridge uses it. */
interface CorePort {
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
}

/**
 * Made once, by this entry: the window's port to the core and its bookkeeping (calls awaiting an
 * answer, event listeners, media answers, the page's tickets) live in this closure, as long as the window.
 */
function bridgeToCore(): DesktopBridge {
  const restarting = coreRestartingMessage;
  let port: CorePort | null = null;
  let nextId = 1;
  const pending = new Map<number, { parts: string[]; resolve(result: Result<unknown>): void }>();
  const waiting: Array<(port: CorePort) => void> = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  /** Live media asked for on the port (the page's hls.js loader): its answer is gathered here and handed over whole. */
  const media = new Map<number, { status: number; headers: Record<string, string>; chunks: Uint8Array[]; resolve(answer: MediaAnswer): void }>();
  const unreachable = (): MediaAnswer => ({ status: 0, headers: {}, body: new Uint8Array(0) });

  function failPending(message: string): void {
    for (const call of pending.values()) call.resolve(fail('internal', message));
    pending.clear();
    for (const asked of media.values()) asked.resolve(unreachable());
    media.clear();
  }

  function receive(m: FromCore): void {
    if (m.t === 'event' && 'json' in m) {
      const e = JSON.parse(m.json) as { event: string; payload: unknown };
      listeners.get(e.event)?.forEach((l) => l(e.payload));
    } else if (m.t === 'result-part' && 'part' in m) {
      pending.get(m.id)?.parts.push(m.part);
    } else if (m.t === 'result' && 'json' in m) {
      const call = pending.get(m.id);
      pending.delete(m.id);
      call?.resolve(JSON.parse(call.parts.join('') + m.json) as Result<unknown>);
    } else if (m.t === 'media-head' && 'status' in m) {
      const asked = media.get(m.id);
      if (asked) Object.assign(asked, { status: m.status, headers: m.headers });
    } else if (m.t === 'media-body' && 'chunk' in m) {
      media.get(m.id)?.chunks.push(m.chunk);
    } else if (m.t === 'media-end' && 'id' in m) {
      const asked = media.get(m.id);
      media.delete(m.id);
      if (!asked) return;
      if ('error' in m && m.error) asked.resolve({ status: 502, headers: {}, body: new Uint8Array(0) });
      else asked.resolve({ status: asked.status, headers: asked.headers, body: joinChunks(asked.chunks) });
    }
  }

  ipcRenderer.on(corePortChannel, (event) => {
    const next = event.ports[0] as unknown as CorePort | undefined;
    if (!next) return;
    // A new port means a new core: what the old one had not answered never will be.
    if (port) failPending(restarting);
    port?.close();
    port = next;
    port.onmessage = (e) => receive(e.data as FromCore);
    port.start();
    for (const resolve of waiting.splice(0)) resolve(next);
  });
  ipcRenderer.on(eventChannel('app.coreStatus'), (_event, status: { state: string }) => {
    if (status.state === 'restarting') failPending(restarting);
    listeners.get('app.coreStatus')?.forEach((l) => l(status));
  });
  // The native menu's commands (command palette, shortcuts dialog) come from the main process itself.
  ipcRenderer.on(eventChannel('app.command'), (_event, payload: unknown) => listeners.get('app.command')?.forEach((l) => l(payload)));
  ipcRenderer.send(corePortChannel);

  const corePort = (): Promise<CorePort> => (port ? Promise.resolve(port) : new Promise((resolve) => waiting.push(resolve)));

  // The page's tickets of calls still open -> their ids on the port.
  const tickets = new Map<number, number>();
  // The page's tickets of media requests still open -> their ids on the port.
  const mediaTickets = new Map<number, number>();

  const calls = Object.fromEntries(
    callNames.map((name) => [
      name,
      async (input: unknown, ticket?: number) => {
        const id = nextId++;
        const own = typeof ticket === 'number';
        if (own) tickets.set(ticket, id);
        const to = await corePort();
        // Cancelled while the port was awaited: nothing was sent.
        if (own && tickets.get(ticket) !== id) return fail('cancelled', 'The request was cancelled.');
        return new Promise<Result<unknown>>((resolve) => {
          pending.set(id, { parts: [], resolve });
          to.postMessage({ t: 'call', id, name, input });
        }).finally(() => {
          if (tickets.get(ticket!) === id) tickets.delete(ticket!);
        });
      },
    ]),
  ) as DesktopBridge['calls'];

  return {
    calls,
    async media(path, ticket) {
      if (typeof path !== 'string' || typeof ticket !== 'number') return unreachable();
      const id = nextId++;
      mediaTickets.set(ticket, id);
      const to = await corePort();
      if (mediaTickets.get(ticket) !== id) return unreachable(); // cancelled while the port was awaited
      return new Promise<MediaAnswer>((resolve) => {
        media.set(id, { status: 0, headers: {}, chunks: [], resolve });
        to.postMessage({ t: 'media', id, path, method: 'GET' });
      }).finally(() => {
        if (mediaTickets.get(ticket) === id) mediaTickets.delete(ticket);
      });
    },
    cancelMedia(ticket) {
      const id = mediaTickets.get(ticket);
      if (id === undefined) return;
      mediaTickets.delete(ticket);
      const asked = media.get(id);
      if (!asked) return;
      media.delete(id);
      port?.postMessage({ t: 'media-cancel', id });
      asked.resolve(unreachable());
    },
    cancel(ticket) {
      const id = tickets.get(ticket);
      if (id === undefined) return;
      tickets.delete(ticket);
      const call = pending.get(id);
      if (!call) return; // not sent yet: it answers "cancelled" once the port is there
      pending.delete(id);
      port?.postMessage({ t: 'cancel', id });
      call.resolve(fail('cancelled', 'The request was cancelled.'));
    },
    subscribe(name, listener) {
      if (!eventNames.includes(name)) return () => undefined;
      const set = listeners.get(name) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(name, set);
      return () => void set.delete(listener as (payload: unknown) => void);
    },
  };
}

contextBridge.exposeInMainWorld('roc', bridgeToCore());
