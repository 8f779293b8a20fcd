import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { fail } from '../../shared/contract/errors';
import { parseClientMessage, type ServerMessage } from '../../shared/contract/wire';
import { encodeMediaFrame, maxMediaBodyBytes } from '../../shared/live/mediaFrame';
import type { Core } from '../compose';
import type { Logger } from '../log/logger';
import { serveClient } from './coreServer';
import type { FromCore, PageHandoff, ToCore } from './protocol';

/** The largest message a page may send (its calls' inputs are small). */
const maxMessageBytes = 1024 * 1024;

export interface PageWriter {
  /** A message as JSON text. */
  text(text: string): void;
  /** One text message written as these fragments (UTF-8), one a turn. */
  fragments(fragments: Buffer[]): void;
  /** One binary message (a live media answer). */
  binary(bytes: Uint8Array): void;
}

/**
 * What is written to one page's socket. A long answer goes as the fragments of one message, one
 * fragment a turn, so that no turn of the loop writes several MB to the socket; what else is to be
 * sent meanwhile (answers, events) waits behind it, since nothing may come between a message's
 * fragments. A socket no longer open takes nothing.
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
    binary: (bytes) => inTurn(() => void write(() => ws.send(bytes, { binary: true }))),
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

/**
 * Serves one browser-mode page on its own socket, in the process the core runs in: browser mode's
 * wire format (wire.ts) spoken to the core's client server (serveClient), the page's call ids as
 * the calls' ids. A long answer's parts are encoded one by one as they come and written at its end
 * as the fragments of one message, never joined into one string or buffer. Live media (the page's
 * hls.js loader) comes whole, as one binary frame per answer. Returns the way to stop.
 */
export function servePage(core: Core, ws: WebSocket, log: Logger, partChars?: number): () => void {
  const page = pageWriter(ws, log);
  const send = (message: ServerMessage) => page.text(JSON.stringify(message));
  const parts = new Map<number, Buffer[]>();
  const media = new Map<number, { status: number; headers: Record<string, string>; chunks: Uint8Array[]; bytes: number }>();
  const listeners: Array<(m: ToCore) => void> = [];
  const tell = (m: ToCore) => listeners.forEach((l) => l(m));
  const stop = serveClient(
    core,
    {
      post(m: FromCore) {
        switch (m.t) {
          case 'result-part': {
            const list = parts.get(m.id) ?? [];
            list.push(Buffer.from(m.part));
            parts.set(m.id, list);
            return;
          }
          case 'result': {
            const head = `{"id":${m.id},"result":`;
            const leading = parts.get(m.id);
            parts.delete(m.id);
            if (leading) page.fragments([Buffer.from(head), ...leading, Buffer.from(`${m.json}}`)]);
            else page.text(`${head}${m.json}}`);
            return;
          }
          case 'event':
            page.text(m.json);
            return;
          case 'media-head':
            media.set(m.id, { status: m.status, headers: m.headers, chunks: [], bytes: 0 });
            return;
          case 'media-body': {
            const answer = media.get(m.id);
            if (!answer) return;
            answer.bytes += m.chunk.byteLength;
            if (answer.bytes <= maxMediaBodyBytes) return void answer.chunks.push(m.chunk);
            // Far more than a live segment: the core stops reading it and the page hears why.
            media.delete(m.id);
            tell({ t: 'media-cancel', id: m.id });
            page.binary(encodeMediaFrame({ media: m.id, status: 502, headers: {} }, [new TextEncoder().encode('the answer is too large for the live player')]));
            return;
          }
          case 'media-end': {
            const answer = media.get(m.id);
            media.delete(m.id);
            if (!answer && !m.error) return;
            if (m.error || !answer) page.binary(encodeMediaFrame({ media: m.id, status: 502, headers: {} }, []));
            else page.binary(encodeMediaFrame({ media: m.id, status: answer.status, headers: answer.headers }, answer.chunks));
            return;
          }
        }
      },
      onMessage: (l) => listeners.push(l),
    },
    log,
    { partChars },
  );
  ws.on('message', (data, isBinary) => {
    const message = isBinary ? null : parseClientMessage(data.toString());
    if (!message) {
      send({ id: null, result: fail('invalid_input', 'The request could not be read.', 'not a {id, call, input} message') });
      return;
    }
    // The page no longer wants it (a newer request, a view left, hls.js aborted): the core stops its work.
    if ('mediaCancel' in message) {
      media.delete(message.mediaCancel);
      return tell({ t: 'media-cancel', id: message.mediaCancel });
    }
    if ('media' in message) return tell({ t: 'media', id: message.media, path: message.path, method: 'GET' });
    tell('cancel' in message ? { t: 'cancel', id: message.cancel } : { t: 'call', id: message.id, name: message.call, input: message.input });
  });
  let stopped = false;
  const gone = () => {
    if (stopped) return;
    stopped = true;
    // The page went away: its calls still running are given up.
    stop();
    parts.clear();
    media.clear();
  };
  ws.on('close', gone);
  ws.on('error', gone);
  return gone;
}

/** The core's page sockets: each completes its WebSocket handshake here and is served by servePage. */
export interface PageServer {
  accept(page: PageHandoff, socket: Duplex): void;
  /** Closes every page's socket (the server stops). */
  closeAll(): void;
}

export function pageServer(core: Core, log: Logger, partChars?: number): PageServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  return {
    accept(page, socket) {
      socket.on('error', () => socket.destroy());
      try {
        // What the handshake reads of the request (method, headers), as the shell received it.
        const request = { method: page.method, url: page.url, headers: page.headers } as IncomingMessage;
        wss.handleUpgrade(request, socket, Buffer.from(page.head), (ws) => void servePage(core, ws, log, partChars));
      } catch (e) {
        log.log('error', 'browser mode: a page socket could not be opened', { error: e instanceof Error ? e.message : String(e) });
        socket.destroy();
      }
    },
    closeAll() {
      for (const client of wss.clients) client.terminate();
    },
  };
}
