import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { wrapResponseBody, type FaultController } from '../faults';
import type { SimAuth } from './auth';
import { errorBody, HttpError, reason, type Vendor } from './errors';
import { parseJson, readBody, sendJson, sendText } from './json';
import type { RouteDef, Router, SimRequest } from './router';

interface Limiter {
  inFlight: Map<string, number>;
}

/** node:http server running the router: auth, concurrency limits, faults, then the handler. */
export class SimServer {
  readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly hung = new Set<ServerResponse>();
  private readonly limiters = new Map<string, Limiter>();

  constructor(
    private readonly router: Router,
    private readonly auth: SimAuth,
    private readonly faults: FaultController,
  ) {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 5_000;
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        const addr = this.server.address();
        resolve(typeof addr === 'object' && addr ? addr.port : port);
      });
    });
  }

  async close(): Promise<void> {
    for (const res of this.hung) res.destroy();
    this.hung.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let vendor: Vendor = 'sim';
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const m = this.router.match(req.method ?? 'GET', url.pathname);
      if (!m) throw new HttpError(404, `no such endpoint: ${req.method} ${url.pathname}`);
      if ('allowed' in m) throw new HttpError(405, `method ${req.method} not allowed here`, { Allow: m.allowed.join(', ') });
      const { route, params, vendorPath } = m;
      vendor = route.vendor;
      const subscription = route.vendor === 'retailnext' ? params.subscription : undefined;
      if (route.vendor === 'retailnext' && !this.auth.knownSubscription(subscription)) {
        throw new HttpError(404, `unknown subscription "${subscription ?? ''}"`);
      }
      if (route.auth !== false) this.auth.check(route.vendor, req, subscription);

      let bodyCache: Promise<Buffer> | undefined;
      const r: SimRequest = {
        req,
        res,
        vendor: route.vendor,
        routeName: route.name,
        params,
        query: url.searchParams,
        path: vendorPath,
        subscription,
        body: () => (bodyCache ??= readBody(req)),
        json: async <T>() => parseJson<T>(await r.body()),
        prepared: undefined,
      };

      const release = this.acquire(route, subscription);
      if (release === null) {
        throw new HttpError(429, `too many concurrent requests (at most ${route.concurrencyLimit} per subscription)`, { 'Retry-After': '1' });
      }
      if (release) res.once('close', release);

      if (route.prepare) {
        r.prepared = route.prepare(r);
        // A fault may answer in the handler's place: its failure is then nobody's to report.
        r.prepared.catch(() => undefined);
      }
      if (!route.noFaults && (await this.applyFaults(r, route))) return;
      await route.handler(r);
      if (!res.writableEnded && !res.headersSent && !this.hung.has(res)) throw new Error(`handler ${route.name} sent nothing`);
    } catch (err) {
      this.sendError(res, vendor, err);
    }
  }

  /** undefined = no limit; null = over the limit; else a release function. */
  private acquire(route: RouteDef, subscription: string | undefined): (() => void) | undefined | null {
    const max = route.concurrencyLimit;
    if (max === undefined) return undefined;
    let limiter = this.limiters.get(route.name);
    if (!limiter) {
      limiter = { inFlight: new Map() };
      this.limiters.set(route.name, limiter);
    }
    const key = subscription ?? '';
    const n = limiter.inFlight.get(key) ?? 0;
    if (n >= max) return null;
    limiter.inFlight.set(key, n + 1);
    let released = false;
    const l = limiter;
    return () => {
      if (released) return;
      released = true;
      l.inFlight.set(key, (l.inFlight.get(key) ?? 1) - 1);
    };
  }

  /** true when a fault answered (or swallowed) the request. */
  private async applyFaults(r: SimRequest, route: RouteDef): Promise<boolean> {
    const fired = this.faults.take({ vendor: route.vendor, routeName: route.name, path: r.path });
    if (fired.length === 0) return false;
    const delay = fired.filter((f) => f.kind === 'latency').reduce((sum, f) => sum + (f.ms ?? 1000), 0);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    await Promise.all(fired.filter((f) => f.kind === 'hold').map((f) => this.faults.released(f.id)));
    for (const f of fired) {
      if (f.kind === 'status429') {
        const retry = String(f.retryAfter ?? 1);
        sendJson(r.res, 429, errorBody(route.vendor, 429, 'Too Many Requests (simulated)'), { 'Retry-After': retry });
        return true;
      }
      if (f.kind === 'status5xx') {
        const status = f.status ?? 503;
        sendJson(r.res, status, errorBody(route.vendor, status, `${reason(status)} (simulated)`));
        return true;
      }
      if (f.kind === 'wrongContentType') {
        // What a proxy, captive portal or sign-in page answers in the vendor's place.
        sendText(r.res, 200, '<!doctype html><html><head><title>Sign in</title></head><body><h1>Network login required</h1><p>Sign in to continue.</p></body></html>', { 'Content-Type': 'text/html; charset=utf-8' });
        return true;
      }
      if (f.kind === 'redirectOtherOrigin') {
        // The same path on another origin of this server (127.0.0.1 <-> localhost): 307 keeps method and body.
        const host = r.req.headers.host ?? '';
        const port = host.split(':')[1] ?? '';
        const other = host.startsWith('127.0.0.1') ? `localhost:${port}` : `127.0.0.1:${port}`;
        r.res.writeHead(307, { Location: `http://${other}${r.req.url ?? '/'}`, 'Content-Length': '0' }).end();
        return true;
      }
      if (f.kind === 'hugeBody') {
        streamHugeBody(r.res, f.bytes ?? 256 * 1024 * 1024);
        return true;
      }
      if (f.kind === 'timeout') {
        // Never answer; the client has to give up. close() destroys it.
        this.hung.add(r.res);
        r.res.once('close', () => this.hung.delete(r.res));
        return true;
      }
    }
    const body = fired.find((f) => f.kind === 'malformedJson' || f.kind === 'truncatedBody' || f.kind === 'resetMidBody');
    if (body) wrapResponseBody(r.res, body.kind as 'malformedJson' | 'truncatedBody' | 'resetMidBody', body.bytes);
    return false;
  }

  private sendError(res: ServerResponse, vendor: Vendor, err: unknown): void {
    if (res.headersSent || res.writableEnded) {
      res.destroy();
      return;
    }
    if (err instanceof HttpError) {
      sendJson(res, err.status, err.body !== undefined ? err.body : errorBody(vendor, err.status, err.message), err.headers);
      return;
    }
    // Unexpected: say what broke without leaking anything sensitive (there is nothing secret here).
    const message = err instanceof Error ? err.message : String(err);
    sendJson(res, 500, errorBody(vendor, 500, `simulator error: ${message}`));
  }
}

/** A 200 JSON answer far larger than any real one, written as fast as the client reads it, until it hangs up. */
function streamHugeBody(res: ServerResponse, bytes: number): void {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  let sent = 0;
  res.write('{"padding":"');
  const pump = (): void => {
    while (sent < bytes && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end('"}');
  };
  res.on('error', () => undefined);
  pump();
}
