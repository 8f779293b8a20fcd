// Fault injection, per vendor and endpoint, switchable while the simulator runs
// (programmatically, or over HTTP at /__sim/faults so a test in another process can flip them).

import type { ServerResponse } from 'node:http';
import { Rng } from './estate/rng';

export type FaultVendor = 'retailnext' | 'flow' | 'exteros' | '*';
export type FaultKind =
  | 'latency'
  | 'status429'
  | 'status5xx'
  | 'timeout'
  | 'malformedJson'
  | 'truncatedBody'
  | 'resetMidBody'
  | 'stallLive'
  | 'wrongContentType'
  | 'hugeBody'
  | 'redirectOtherOrigin'
  | 'hold';

export const FAULT_KINDS: readonly FaultKind[] = [
  'latency', 'status429', 'status5xx', 'timeout', 'malformedJson', 'truncatedBody', 'resetMidBody', 'stallLive',
  'wrongContentType', 'hugeBody', 'redirectOtherOrigin', 'hold',
];

export interface FaultRule {
  /** given or generated; setting a rule with an existing id replaces it */
  id?: string;
  /** default '*' */
  vendor?: FaultVendor;
  /**
   * Which requests: a vendor-relative path prefix ("/v1/inventory/cameras") or a route name
   * ("inventory.cameras"; "inventory" matches "inventory.*"). Omitted: every endpoint of the vendor.
   */
  endpoint?: string;
  kind: FaultKind;
  /**
   * latency: delay in ms (default 1000). hold (without count): no time, the request waits until the rule is cleared
   * (a test sees what a client shows while its request is out, then lets the answer go).
   */
  ms?: number;
  /** status5xx: the status (default 503) */
  status?: number;
  /** status429: Retry-After seconds (default 1) */
  retryAfter?: number;
  /**
   * resetMidBody: destroy the connection after this many body bytes (default half the body);
   * hugeBody: how many bytes of answer to stream (default 256 MB, or until the client hangs up)
   */
  bytes?: number;
  /** apply to this fraction of matching requests (default 1) */
  probability?: number;
  /** apply to the next N matching requests only, then the rule disappears */
  count?: number;
}

export interface ActiveFault extends FaultRule {
  id: string;
  vendor: FaultVendor;
  /** how many requests it has hit so far */
  hits: number;
}

export interface FaultTarget {
  vendor: string;
  routeName: string;
  /** vendor-relative path */
  path: string;
}

export class FaultController {
  private rules: ActiveFault[] = [];
  private nextId = 1;
  private readonly rng: Rng;

  constructor(seed = 1) {
    this.rng = new Rng(seed ^ 0xfa017);
  }

  /** Add (or replace, by id) one rule or several. Returns the active rules it created. */
  set(rule: FaultRule): ActiveFault;
  set(rules: FaultRule[]): ActiveFault[];
  set(input: FaultRule | FaultRule[]): ActiveFault | ActiveFault[] {
    const list = Array.isArray(input) ? input : [input];
    const created = list.map((r) => {
      validateRule(r);
      const active: ActiveFault = { ...r, id: r.id ?? `fault-${this.nextId++}`, vendor: r.vendor ?? '*', hits: 0 };
      this.rules = this.rules.filter((x) => x.id !== active.id);
      this.rules.push(active);
      return active;
    });
    return Array.isArray(input) ? created : created[0]!;
  }

  /** Remove one rule by id, or all of them; the requests a removed hold rule held go on. */
  clear(id?: string): void {
    this.rules = id === undefined ? [] : this.rules.filter((r) => r.id !== id);
    for (const [held, go] of this.held) {
      if (id !== undefined && held !== id) continue;
      this.held.delete(held);
      for (const f of go) f();
    }
  }

  /** Requests held by a hold rule, by its id, each let go when the rule is cleared. */
  private readonly held = new Map<string, Array<() => void>>();

  /** Resolves once the hold rule `id` is cleared (at once if it is gone already). */
  released(id: string): Promise<void> {
    if (!this.rules.some((r) => r.id === id && r.kind === 'hold')) return Promise.resolve();
    return new Promise((resolve) => this.held.set(id, [...(this.held.get(id) ?? []), resolve]));
  }

  list(): ActiveFault[] {
    return this.rules.map((r) => ({ ...r }));
  }

  private matches(rule: ActiveFault, t: FaultTarget): boolean {
    if (rule.vendor !== '*' && rule.vendor !== t.vendor) return false;
    const ep = rule.endpoint;
    if (ep === undefined || ep === '' || ep === '*') return true;
    if (ep.startsWith('/')) return t.path.startsWith(ep);
    return t.routeName === ep || t.routeName.startsWith(`${ep}.`);
  }

  /**
   * The rules that fire for this request, consuming their counts. Each rule rolls its probability once.
   * stallLive rules are not taken here (see isActive).
   */
  take(t: FaultTarget): ActiveFault[] {
    const fired: ActiveFault[] = [];
    for (const rule of this.rules) {
      if (rule.kind === 'stallLive' || !this.matches(rule, t)) continue;
      if (rule.probability !== undefined && this.rng.next() >= rule.probability) continue;
      rule.hits++;
      if (rule.count !== undefined) rule.count--;
      fired.push({ ...rule });
    }
    this.rules = this.rules.filter((r) => r.count === undefined || r.count > 0);
    return fired;
  }

  /** Whether a rule of this kind is on for the target (used by HLS for stallLive); consumes nothing. */
  isActive(kind: FaultKind, t: FaultTarget): boolean {
    return this.rules.some((r) => r.kind === kind && this.matches(r, t));
  }
}

function validateRule(r: FaultRule): void {
  if (!r || typeof r !== 'object') throw new Error('a fault rule must be an object');
  if (!FAULT_KINDS.includes(r.kind)) throw new Error(`unknown fault kind "${String(r.kind)}" (one of ${FAULT_KINDS.join(', ')})`);
  if (r.vendor !== undefined && !['retailnext', 'flow', 'exteros', '*'].includes(r.vendor)) throw new Error(`unknown vendor "${String(r.vendor)}"`);
  if (r.probability !== undefined && !(r.probability >= 0 && r.probability <= 1)) throw new Error('probability must be within 0..1');
  if (r.count !== undefined && !(Number.isInteger(r.count) && r.count > 0)) throw new Error('count must be a positive integer');
}

type WriteHeadArgs = Parameters<ServerResponse['writeHead']>;

/**
 * Rewrite what a handler sends: malformed JSON, a truncated body, or a connection reset after N bytes.
 * Works for sendJson and for streamed bodies (pipe into res).
 */
export function wrapResponseBody(res: ServerResponse, kind: 'malformedJson' | 'truncatedBody' | 'resetMidBody', bytes?: number): void {
  const origWrite = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
  const origEnd = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const origWriteHead = res.writeHead.bind(res) as (...args: WriteHeadArgs) => ServerResponse;
  let pendingHead: WriteHeadArgs | null = null;
  // Once we emit, writeHead must reach Node again: end()/write() call it through _implicitHeader().
  let passthrough = false;
  const toBuf = (chunk: unknown, enc?: unknown): Buffer =>
    Buffer.isBuffer(chunk) ? chunk : typeof chunk === 'string' ? Buffer.from(chunk, (typeof enc === 'string' ? enc : 'utf8') as BufferEncoding) : chunk instanceof Uint8Array ? Buffer.from(chunk) : Buffer.alloc(0);
  const flushHead = (): void => {
    passthrough = true;
    if (pendingHead) {
      const head = pendingHead;
      pendingHead = null;
      origWriteHead(...head);
    }
  };
  res.writeHead = ((...args: WriteHeadArgs) => {
    if (passthrough) return origWriteHead(...args);
    pendingHead = args;
    return res;
  }) as ServerResponse['writeHead'];

  if (kind === 'resetMidBody') {
    let sent = 0;
    let dead = false;
    const limitFor = (): number => {
      if (bytes !== undefined) return bytes;
      const cl = Number(pendingHeaderLength(res, pendingHead));
      return Number.isFinite(cl) && cl > 0 ? Math.floor(cl / 2) : 512;
    };
    const kill = (): void => {
      dead = true;
      flushHead();
      if (!res.headersSent) res.flushHeaders();
      setImmediate(() => res.socket?.destroy());
    };
    res.write = ((chunk: unknown, enc?: unknown, cb?: unknown) => {
      if (dead) return false;
      const buf = toBuf(chunk, enc);
      const limit = limitFor();
      flushHead();
      if (sent + buf.length >= limit) {
        const part = buf.subarray(0, Math.max(0, limit - sent));
        sent += part.length;
        if (part.length > 0) origWrite(part);
        kill();
        return false;
      }
      sent += buf.length;
      return origWrite(buf, typeof cb === 'function' ? cb : typeof enc === 'function' ? enc : undefined);
    }) as ServerResponse['write'];
    res.end = ((chunk?: unknown, enc?: unknown) => {
      if (dead) return res;
      const buf = chunk === undefined || typeof chunk === 'function' ? Buffer.alloc(0) : toBuf(chunk, enc);
      const limit = limitFor();
      flushHead();
      // Always cut before the end, even if the body is shorter than the limit.
      const keep = Math.max(0, Math.min(buf.length - 1, limit - sent));
      if (keep > 0) origWrite(buf.subarray(0, keep));
      kill();
      return res;
    }) as ServerResponse['end'];
    return;
  }

  const chunks: Buffer[] = [];
  res.write = ((chunk: unknown, enc?: unknown) => {
    chunks.push(toBuf(chunk, enc));
    return true;
  }) as ServerResponse['write'];
  res.end = ((chunk?: unknown, enc?: unknown) => {
    if (chunk !== undefined && typeof chunk !== 'function') chunks.push(toBuf(chunk, enc));
    const full = Buffer.concat(chunks);
    let out: Buffer;
    if (kind === 'malformedJson') {
      // Valid start, broken middle: what a proxy mangling a response looks like.
      const cut = Math.max(1, Math.floor(full.length / 2));
      out = Buffer.concat([full.subarray(0, cut), Buffer.from('\u0000<!-- upstream error -->{"')]);
    } else {
      out = full.subarray(0, Math.floor(full.length / 2));
    }
    if (pendingHead) {
      const [status, ...rest] = pendingHead;
      pendingHead = null;
      const headers = rest.find((x) => typeof x === 'object' && x !== null) as Record<string, unknown> | undefined;
      if (headers) for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() !== 'content-length') res.setHeader(k, v as string);
      res.statusCode = status;
    }
    res.setHeader('Content-Length', out.length);
    passthrough = true;
    return origEnd(out);
  }) as ServerResponse['end'];
}

function pendingHeaderLength(res: ServerResponse, head: WriteHeadArgs | null): unknown {
  if (head) {
    const headers = head.find((x) => typeof x === 'object' && x !== null) as Record<string, unknown> | undefined;
    if (headers) for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === 'content-length') return v;
  }
  return res.getHeader('Content-Length');
}
