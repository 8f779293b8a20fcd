import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Vendor } from './errors';

export interface SimRequest {
  req: IncomingMessage;
  res: ServerResponse;
  vendor: Vendor;
  routeName: string;
  /** path params; a trailing "*" segment is captured as params['*'] */
  params: Record<string, string>;
  query: URLSearchParams;
  /** the path relative to the vendor's base (e.g. /v1/inventory/cameras) */
  path: string;
  /** RetailNext subscription (from the URL) */
  subscription: string | undefined;
  /** the raw request body (read once, cached) */
  body(): Promise<Buffer>;
  /** the body parsed as JSON; HttpError 400 when it is not JSON. Empty body -> undefined. */
  json<T = unknown>(): Promise<T | undefined>;
  /** what the route's `prepare` made of the request, begun as it arrived (undefined without one) */
  prepared: Promise<unknown> | undefined;
}

export type Handler = (r: SimRequest) => void | Promise<void>;

export interface RouteDef {
  method: string | string[];
  vendor: Vendor;
  /** vendor-relative path pattern: "/v1/users/:id"; a final "*" matches the rest of the path */
  path: string;
  /** a stable name used by fault rules and concurrency limits, e.g. "inventory.cameras" */
  name: string;
  /** check the vendor's credentials first (default true) */
  auth?: boolean;
  /** at most this many requests in flight per subscription; 429 beyond (RetailNext cameras inventory) */
  concurrencyLimit?: number;
  /** never apply fault rules to this route (the simulator's own control endpoints) */
  noFaults?: boolean;
  /**
   * The answer's making, begun as the request arrives, while a latency fault waits (the handler
   * finds it in `prepared`): the simulated vendor then answers after the latency asked for, not
   * after the latency, the making and the wait for other requests' making on the one event loop.
   */
  prepare?: (r: SimRequest) => Promise<unknown>;
  handler: Handler;
}

interface CompiledRoute {
  def: RouteDef;
  methods: Set<string>;
  segments: string[];
  wildcard: boolean;
  prefixLength: number;
}

export const VENDOR_PREFIX: Record<Vendor, string> = {
  retailnext: '/retailnext/:subscription',
  flow: '/flow/rest',
  exteros: '/exteros',
  sim: '',
};

export interface RouteMatch {
  route: RouteDef;
  params: Record<string, string>;
  /** path relative to the vendor prefix */
  vendorPath: string;
}

/** A small method + path-pattern router; routes are tried in the order they were added. */
export class Router {
  private readonly routes: CompiledRoute[] = [];

  add(def: RouteDef): this {
    const prefix = VENDOR_PREFIX[def.vendor];
    const full = `${prefix}${def.path}`;
    const segments = full.split('/').filter(Boolean);
    const wildcard = segments[segments.length - 1] === '*';
    if (wildcard) segments.pop();
    const methods = new Set((Array.isArray(def.method) ? def.method : [def.method]).map((m) => m.toUpperCase()));
    this.routes.push({ def, methods, segments, wildcard, prefixLength: prefix.split('/').filter(Boolean).length });
    return this;
  }

  get(vendor: Vendor, path: string, name: string, handler: Handler, extra: Partial<RouteDef> = {}): this {
    return this.add({ ...extra, method: 'GET', vendor, path, name, handler });
  }

  post(vendor: Vendor, path: string, name: string, handler: Handler, extra: Partial<RouteDef> = {}): this {
    return this.add({ ...extra, method: 'POST', vendor, path, name, handler });
  }

  put(vendor: Vendor, path: string, name: string, handler: Handler, extra: Partial<RouteDef> = {}): this {
    return this.add({ ...extra, method: 'PUT', vendor, path, name, handler });
  }

  delete(vendor: Vendor, path: string, name: string, handler: Handler, extra: Partial<RouteDef> = {}): this {
    return this.add({ ...extra, method: 'DELETE', vendor, path, name, handler });
  }

  list(): RouteDef[] {
    return this.routes.map((r) => r.def);
  }

  /** The route for a request, or the methods the path allows (for 405), or nothing (404). */
  match(method: string, pathname: string): RouteMatch | { allowed: string[] } | null {
    const parts = pathname.split('/').filter(Boolean).map(safeDecode);
    const allowed = new Set<string>();
    for (const r of this.routes) {
      const params = matchSegments(r, parts);
      if (!params) continue;
      if (!r.methods.has(method.toUpperCase()) && !(method === 'HEAD' && r.methods.has('GET'))) {
        r.methods.forEach((m) => allowed.add(m));
        continue;
      }
      return { route: r.def, params, vendorPath: '/' + parts.slice(r.prefixLength).join('/') };
    }
    return allowed.size > 0 ? { allowed: [...allowed] } : null;
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function matchSegments(r: CompiledRoute, parts: string[]): Record<string, string> | null {
  if (r.wildcard ? parts.length < r.segments.length : parts.length !== r.segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < r.segments.length; i++) {
    const seg = r.segments[i]!;
    const part = parts[i]!;
    if (seg.startsWith(':')) {
      // ":id.m3u8" style: a param followed by a fixed suffix within the segment
      const dot = seg.indexOf('.');
      if (dot > 0) {
        const suffix = seg.slice(dot);
        if (!part.endsWith(suffix) || part.length === suffix.length) return null;
        params[seg.slice(1, dot)] = part.slice(0, -suffix.length);
      } else {
        params[seg.slice(1)] = part;
      }
    } else if (seg !== part) {
      return null;
    }
  }
  if (r.wildcard) params['*'] = parts.slice(r.segments.length).join('/');
  return params;
}
