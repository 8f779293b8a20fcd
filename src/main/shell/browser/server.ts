import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { fail } from '../../../shared/contract/errors';
import { contentSecurityPolicy } from '../../../shared/security/csp';
import type { Core } from '../../compose';
import { inProcessClient, type CoreClient } from '../../host/inProcess';
import type { Logger } from '../../log/logger';
import { mediaBasePath, serveMedia } from '../../live/httpMedia';
import { contentTypeOf, rendererFile } from '../staticFiles';
import { pageWriter } from './pageWriter';
import { parseClientMessage, type ServerMessage } from '../../../shared/contract/wire';

export interface BrowserServerOptions {
  /** The core: in its own process (CoreHost, as `npm run serve` runs it), or in this one (component tests). */
  core: CoreClient | Core;
  /** Where the server's own failures are logged (the in-process core's log by default). */
  log?: Logger;
  /** The built renderer (out/renderer). */
  staticDir: string;
  port?: number;
  token?: string;
}

export interface BrowserServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const sessionCookie = 'roc_session';
const maxMessageBytes = 1024 * 1024;

/**
 * Browser mode: the built renderer and the contract over a WebSocket, on 127.0.0.1 only. Every
 * request must carry a Host naming this loopback port (DNS rebinding) and, when present, an Origin
 * of this same server. The WebSocket (every call and event) needs the per-run token in its address;
 * the page keeps it in its tab's sessionStorage, so a reload without `?token=` still connects.
 * The renderer's files and live media also take the page's session cookie, which is not the token
 * and opens no call by itself (see `session`).
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  let port = 0;

  // The page's session cookie: a random value of its own, never the token. Cookies are not scoped by
  // port, so every server on 127.0.0.1 receives it: alone it opens nothing but the renderer's files
  // (public code) and live media whose unguessable session ids only a call hands out. Calls and
  // events need the token, which only the printed address and the tab that opened it (its
  // sessionStorage, scoped to this origin) hold.
  const session = randomBytes(24).toString('base64url');

  const guard = (req: http.IncomingMessage, url: URL, accepts: 'token' | 'token or session'): string | null => {
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!allowedHosts.includes(req.headers.host ?? '')) return 'unexpected Host header';
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts.some((h) => origin === `http://${h}`)) return 'foreign Origin';
    // An empty ?token= is no token: it must not hide the session cookie of a tab opened without one.
    const presented = url.searchParams.get('token') || null;
    if (presented !== null) return sameToken(presented, token) ? null : 'missing or wrong token';
    const cookie = accepts === 'token or session' ? cookieValue(req.headers.cookie, sessionCookie) : null;
    return cookie && sameToken(cookie, session) ? null : 'missing or wrong token';
  };

  const core: CoreClient = 'context' in options.core ? inProcessClient(options.core) : options.core;
  const log = options.log ?? ('context' in options.core ? options.core.context.log : { log: () => undefined });
  // Whatever a request holds (any path, header or byte), it gets an answer or a closed socket, never a thrown error.
  server.on('request', (req, res) => {
    try {
      const url = requestUrl(req);
      if (!url) return refuse(res, 'unreadable address', 400);
      const refusal = guard(req, url, 'token or session');
      if (refusal) return refuse(res, refusal);
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      if (url.pathname.startsWith(`${mediaBasePath}/`)) return serveMedia(core, req, res, url.pathname);
      serveStatic(options.staticDir, url.pathname, req, res, url.searchParams.get('token') ? session : undefined, log);
    } catch (e) {
      failRequest(res, e, log);
    }
  });

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    try {
      const url = requestUrl(req);
      const refusal = !url ? 'unreadable address' : url.pathname === '/api' ? guard(req, url, 'token') : 'unknown path';
      if (refusal) {
        socket.end(`HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => attach(ws, core, log));
    } catch (e) {
      log.log('error', 'browser mode: upgrade failed', { error: e instanceof Error ? e.message : String(e) });
      socket.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * One page's socket. Answers and events arrive from the core as JSON text and are sent as they
 * are (wrapped with the page's own call id), never parsed or serialised again on this loop. A long
 * answer's parts are encoded for the socket one by one as they arrive, and written at its end as
 * the fragments of one message (pageWriter), never copied into one string or buffer: joining the
 * large estate's 4 MB tree into one string and encoding it, or even copying the encoded parts into
 * one buffer, held this loop for tens of ms (bench core-host).
 */
function attach(ws: WebSocket, core: CoreClient, log: Logger): void {
  const page = pageWriter(ws, log);
  const sendText = page.text;
  const send = (message: ServerMessage) => sendText(JSON.stringify(message));
  // The page's calls still running in the core: the page's call id -> the core's.
  const open = new Map<number, number>();
  const unsubscribe = core.onEvent(sendText);
  const gone = () => {
    unsubscribe();
    // The page went away: its calls still running in the core are given up.
    for (const id of open.values()) core.cancel(id);
    open.clear();
  };
  ws.on('close', gone);
  ws.on('error', gone);
  ws.on('message', (data, isBinary) => {
    const message = isBinary ? null : parseClientMessage(data.toString());
    if (!message) {
      send({ id: null, result: fail('invalid_input', 'The request could not be read.', 'not a {id, call, input} message') });
      return;
    }
    if ('cancel' in message) {
      // The page no longer wants it (a newer request, a view left): the core stops its work.
      const running = open.get(message.cancel);
      if (running !== undefined) core.cancel(running);
      return;
    }
    const parts: Buffer[] = [];
    const call = core.callInParts(message.call, message.input, (part) => parts.push(Buffer.from(part)));
    open.set(message.id, call.id);
    void call.result.then(({ json, whole }) => {
      open.delete(message.id);
      const head = `{"id":${message.id},"result":`;
      if (whole) sendText(`${head}${json}}`);
      else page.fragments([Buffer.from(head), ...parts, Buffer.from(`${json}}`)]);
    });
  });
}

/** The request's address, or null when it cannot be read as one. */
function requestUrl(req: http.IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://127.0.0.1');
  } catch {
    return null;
  }
}

function failRequest(res: http.ServerResponse, e: unknown, log: Logger): void {
  log.log('error', 'browser mode: request failed', { error: e instanceof Error ? e.message : String(e) });
  if (res.headersSent) res.destroy();
  else refuse(res, 'the request could not be served', 500);
}

function serveStatic(root: string, pathname: string, req: http.IncomingMessage, res: http.ServerResponse, newSession: string | undefined, log: Logger): void {
  const file = rendererFile(root, pathname);
  if (!file) return refuse(res, 'bad path', 400);

  fs.promises.stat(file).then((stat) => {
    if (!stat.isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    const headers: http.OutgoingHttpHeaders = {
      'Content-Type': contentTypeOf(file),
      'Content-Length': stat.size,
      'Content-Security-Policy': contentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
      'Cross-Origin-Opener-Policy': 'same-origin',
    };
    if (newSession) headers['Set-Cookie'] = `${sessionCookie}=${newSession}; HttpOnly; SameSite=Strict; Path=/`;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return void res.end();
    const body = fs.createReadStream(file);
    body.on('error', () => res.destroy());
    body.pipe(res);
  }, (err: unknown) => {
    const code = (err as { code?: unknown }).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') log.log('warn', 'browser mode: could not read a renderer file', { error: err instanceof Error ? err.message : String(err) });
    if (!res.headersSent) res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
  }).catch((e: unknown) => failRequest(res, e, log));
}

function refuse(res: http.ServerResponse, reason: string, status = 403): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`Refused: ${reason}. Open the address printed by "npm run serve".\n`);
}

function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
