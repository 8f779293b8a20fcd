import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { contentSecurityPolicy } from '../../../shared/security/csp';
import type { Core } from '../../compose';
import { inProcessPages, type PageHost } from '../../host/inProcess';
import { refuseUpgrade } from '../../host/refuseUpgrade';
import type { Logger } from '../../log/logger';
import { liveNotHere, mediaBasePath, servedByShell, serveMedia } from '../../live/httpMedia';
import { contentTypeOf, rendererFile } from '../staticFiles';

export interface BrowserServerOptions {
  /** The core: in its own process (CoreHost, as `npm run serve` runs it), or in this one (component tests). */
  core: PageHost | Core;
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

/**
 * Browser mode: the built renderer and the contract over a WebSocket, on 127.0.0.1 only. Every
 * request must carry a Host naming this loopback port (DNS rebinding) and, when present, an Origin
 * of this same server. The WebSocket (every call and event) needs the per-run token in its address;
 * the page keeps it in its tab's sessionStorage, so a reload without `?token=` still connects.
 * Once let through, the upgrade is handed to the core (PageHost.takePage), which completes the
 * handshake and serves the page in its own process: no call, answer, event or live video passes
 * through here. The renderer's files and a clip's preview (/media/clips, read from disk here) also
 * take the page's session cookie, which is not the token and opens no call by itself (see `session`).
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const server = http.createServer();
  let port = 0;

  // The page's session cookie: a random value of its own, never the token. Cookies are not scoped by
  // port, so every server on 127.0.0.1 receives it: alone it opens nothing but the renderer's files
  // (public code) and clip previews whose unguessable addresses only a call hands out. Calls and
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

  const log = options.log ?? ('context' in options.core ? options.core.context.log : { log: () => undefined });
  const core: PageHost = 'context' in options.core ? inProcessPages(options.core, log) : options.core;
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
      if (url.pathname.startsWith(`${mediaBasePath}/`)) {
        if (!servedByShell(url.pathname.slice(mediaBasePath.length))) return void res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end(`${liveNotHere}\n`);
        return serveMedia(core, req, res, url.pathname);
      }
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
      if (refusal) return refuseUpgrade(socket, '403 Forbidden');
      // The token stays here: the core gets the path and the headers its handshake reads.
      const { cookie: _cookie, ...headers } = req.headers;
      core.takePage({ t: 'page', method: req.method ?? 'GET', url: url!.pathname, headers, head }, socket);
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
  let closing: Promise<void> | null = null;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    // Once: a second server.close() would wait for a 'close' event that already came.
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        core.closePages();
        server.close(() => resolve());
      })),
  };
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
