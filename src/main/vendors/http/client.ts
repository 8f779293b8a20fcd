import type { Dispatcher } from 'undici';
import { AppError, cancelledError, isAppError } from '../../../shared/contract/errors';
import { defaultBackoff, jitteredDelay, parseRetryAfter, sleep, type BackoffPolicy } from './backoff';
import { classifyNetworkError, httpStatusError, networkAppError, type NetworkFailure } from './errors';
import type { HttpPools } from './pools';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * How a request may be retried:
 * - `idempotent`: 429, 5xx and network failures (a query: sending it twice is harmless);
 * - `rate-limit-only`: only 429, which the vendor answers before acting (a create/update/start);
 * - `none`: never.
 */
export type RetryMode = 'idempotent' | 'rate-limit-only' | 'none';

export interface RequestSpec {
  /** Vendor name for messages ("RetailNext"). */
  vendor: string;
  /** What the request does, in words that finish "while trying to ...". */
  what: string;
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  /** Credential headers: sent to the request's own origin only, never across a redirect to another origin. */
  auth?: Record<string, string>;
  json?: unknown;
  signal?: AbortSignal;
  /** The core's shared concurrency limits and connection pools (built in compose.ts, carried by the vendor target). */
  pools: HttpPools;
  /** How long to wait, and for what (defaults: `defaultDeadlines`). */
  deadlines?: Partial<HttpDeadlines>;
  /** The largest answer read (default `defaultMaxBodyBytes`); a larger one is refused, not held in memory. */
  maxBodyBytes?: number;
  /** Concurrency limit shared by every caller of the same key (one endpoint of one account). */
  limit?: { key: string; max: number };
  retry?: RetryMode;
  /** `follow` (default) follows up to 5 redirects on purpose; `return` hands 3xx to the caller. */
  redirects?: 'follow' | 'return';
  /** Statuses the caller handles itself (export status: 202, 302, 404, 424); not turned into errors. */
  accept?: readonly number[];
  backoff?: Partial<BackoffPolicy>;
  /** Where the caller counts the requests sent for it too (a sync run's record), beside the pools' total. */
  counter?: { requests: number };
}

export interface HttpResult {
  status: number;
  headers: HttpHeaders;
  /** The body as text, decoded when first read. */
  readonly text: string;
  /** The body as it came (a caller handing it to a worker moves these without decoding them here). */
  bytes: Buffer;
  /** The URL that answered (after redirects). */
  url: string;
  attempts: number;
}

/**
 * Three separate waits, so that a vendor that cannot be reached is reported within seconds while a
 * slow, large answer that keeps arriving is never cut:
 */
export interface HttpDeadlines {
  /** To open the connection (TCP, and TLS for https). Not retried: an unreachable vendor is reported after this. */
  connectMs: number;
  /** The longest silence once connected: waiting for the status and headers, or between two pieces of the body. */
  idleMs: number;
  /**
   * One call, its attempts and the waits between them: no retry starts (or waits) past it. An
   * attempt whose answer keeps arriving is not cut by it; silence is what `idleMs` ends.
   */
  totalMs: number;
}

export const defaultDeadlines: HttpDeadlines = { connectMs: 5_000, idleMs: 20_000, totalMs: 45_000 };

/**
 * The largest vendor answer read: several times the largest the documents allow (a v2 answer of
 * 10,000 locations with extra fields is a few MB).
 */
export const defaultMaxBodyBytes = 64 * 1024 * 1024;

/** How a caller (a test, a button) tunes the layer for all the requests of one vendor target. */
export interface HttpTiming {
  deadlines?: Partial<HttpDeadlines>;
  backoff?: Partial<BackoffPolicy>;
  maxBodyBytes?: number;
}

const redirectStatuses: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** An answer's headers, read by name (any case), as fetch's Headers are. */
export interface HttpHeaders {
  get(name: string): string | null;
}

function headersOf(raw: Record<string, string | string[] | undefined>): HttpHeaders {
  return {
    get(name) {
      const v = raw[name.toLowerCase()];
      return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
    },
  };
}

/** One request with deadlines, retries, the shared concurrency limit and redirects handled on purpose. */
export async function httpRequest(spec: RequestSpec): Promise<HttpResult> {
  const policy: BackoffPolicy = { ...defaultBackoff, ...spec.backoff };
  const deadlines: HttpDeadlines = { ...defaultDeadlines, ...spec.deadlines };
  const mode = spec.retry ?? 'idempotent';
  const host = safeHost(spec.url);
  const giveUpAt = Date.now() + deadlines.totalMs;
  let lastError: AppError | undefined;

  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    if (spec.signal?.aborted) throw cancelledError();
    if (attempt > 1 && Date.now() >= giveUpAt) break;
    let waitMs: number | null = null;
    const askedAt = performance.now();
    const release = spec.limit ? await spec.pools.limiter(spec.limit.key, spec.limit.max).acquire(spec.signal) : undefined;
    const heldFrom = performance.now();
    try {
      const res = await attemptOnce(spec, host, deadlines);
      const accepted = spec.accept?.includes(res.status) ?? false;
      if ((res.status >= 200 && res.status < 300) || accepted || (redirectStatuses.has(res.status) && spec.redirects === 'return')) {
        return resultOf(res, attempt);
      }
      const elsewhere = new URL(res.url).origin !== new URL(spec.url).origin;
      if (elsewhere && (res.status === 401 || res.status === 403)) {
        // Keys are never sent to another origin: its refusal says nothing about them.
        throw new AppError('vendor_error', `${spec.vendor} redirected the request to another address (${new URL(res.url).host}), which refused it; the console does not send its keys to another address.`, `HTTP ${res.status} at ${new URL(res.url).origin}`);
      }
      const err = httpStatusError(spec.vendor, res.status, res.bytes.toString('utf8'), spec.what);
      const retryable = res.status === 429 ? mode !== 'none' : res.status >= 500 && res.status !== 501 && mode === 'idempotent';
      if (res.status === 429) spec.pools.stats.rateLimited++;
      if (!retryable) throw err;
      lastError = err;
      const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
      if (retryAfter !== null && retryAfter > policy.maxRetryAfterMs) {
        throw new AppError(err.code, `${err.message} ${spec.vendor} asked to wait ${Math.ceil(retryAfter / 1000)} s.`, err.detail);
      }
      waitMs = retryAfter ?? jitteredDelay(policy, attempt - 1);
    } catch (e) {
      if (!(e instanceof NetworkAttemptError)) throw e;
      lastError = e.appError;
      const unreachable = e.code === 'ENOTFOUND' || e.code === 'UND_ERR_CONNECT_TIMEOUT';
      const retryable = mode === 'idempotent' && !unreachable && (e.kind === 'reset' || e.kind === 'timeout' || e.kind === 'unknown' || e.kind === 'offline');
      if (!retryable) throw e.appError;
      waitMs = jitteredDelay(policy, attempt - 1);
    } finally {
      release?.();
      if (spec.limit) {
        const l = (spec.pools.stats.limits[spec.limit.key] ??= { requests: 0, waitMs: 0, heldMs: 0 });
        l.requests++;
        l.waitMs += heldFrom - askedAt;
        l.heldMs += performance.now() - heldFrom;
      }
    }
    if (attempt < policy.attempts) {
      // No wait that would end past the call's total deadline: report now instead.
      if (Date.now() + (waitMs ?? 0) >= giveUpAt) break;
      spec.pools.stats.retries++;
      await sleep(waitMs, spec.signal);
    }
  }
  throw lastError ?? new AppError('internal', 'The request could not be sent.');
}

class NetworkAttemptError extends Error {
  constructor(readonly kind: NetworkFailure, readonly appError: AppError, readonly code?: string) {
    super(appError.message);
  }
}

type Answer = Omit<HttpResult, 'attempts' | 'text'>;

function resultOf(res: Answer, attempts: number): HttpResult {
  let text: string | undefined;
  return {
    ...res,
    attempts,
    get text() {
      return (text ??= res.bytes.toString('utf8'));
    },
  };
}

async function attemptOnce(spec: RequestSpec, host: string, deadlines: HttpDeadlines): Promise<Answer> {
  let url = spec.url;
  let method: HttpMethod = spec.method;
  let body = spec.json === undefined ? undefined : JSON.stringify(spec.json);
  const firstOrigin = new URL(spec.url).origin;
  const dispatcher = spec.pools.agent(deadlines);
  // A signal of this attempt's own, following the caller's: the caller's (shared by a whole sync,
  // its listener limit lifted with setMaxListeners(0), which Node's getMaxListeners then rejects)
  // never reaches undici.
  const controller = new AbortController();
  const onCallerAbort = () => controller.abort();
  if (spec.signal?.aborted) controller.abort();
  spec.signal?.addEventListener('abort', onCallerAbort, { once: true });
  try {
    for (let hop = 0; ; hop++) {
      const sameOrigin = new URL(url).origin === firstOrigin;
      const headers: Record<string, string> = { accept: 'application/json', ...spec.headers, ...(sameOrigin ? spec.auth : {}) };
      if (body !== undefined) headers['content-type'] = 'application/json';
      spec.pools.stats.requests++;
      if (spec.counter) spec.counter.requests++;
      // undici's request, not its fetch: the same connection pool at a quarter of fetch's CPU per
      // request (no WHATWG streams nor Request/Response objects), thousands of times in a large sync.
      const target = new URL(url);
      const raw = await dispatcher.request({ origin: target.origin, path: `${target.pathname}${target.search}`, method, headers, body, signal: controller.signal });
      const res = { status: raw.statusCode, headers: headersOf(raw.headers), body: raw.body };
      if (redirectStatuses.has(res.status) && spec.redirects !== 'return') {
        const location = res.headers.get('location');
        await res.body.dump().catch(() => undefined);
        if (!location) throw new AppError('bad_response', `${spec.vendor} sent a redirect without a destination.`, `HTTP ${res.status}`);
        if (hop >= 5) throw new AppError('bad_response', `${spec.vendor} redirected too many times.`, url);
        const next = new URL(location, url);
        if (next.protocol !== 'https:' && new URL(url).protocol === 'https:') {
          throw new AppError('insecure_url', `${spec.vendor} redirected to an insecure address; the console did not follow it.`, next.origin);
        }
        url = next.toString();
        if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        continue;
      }
      const bytes = await readBody(res, spec.maxBodyBytes ?? defaultMaxBodyBytes, spec, controller);
      return { status: res.status, headers: res.headers, bytes, url };
    }
  } catch (e) {
    if (isAppError(e)) throw e;
    if (spec.signal?.aborted) throw cancelledError();
    const { kind, code } = classifyNetworkError(e);
    if (code === 'UND_ERR_CONNECT_TIMEOUT') {
      throw new NetworkAttemptError('offline', new AppError('offline', `${spec.vendor} cannot be reached: no connection within ${seconds(deadlines.connectMs)}. Check the network connection and the address (${host}).`, `${host}: ${code}`, { cause: e }), code);
    }
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      const waiting = code === 'UND_ERR_HEADERS_TIMEOUT' ? 'no answer' : 'the answer stopped';
      throw new NetworkAttemptError('timeout', new AppError('timeout', `${spec.vendor} did not answer in time (${waiting} for ${seconds(deadlines.idleMs)}).`, `${host}: ${code}`, { cause: e }), code);
    }
    throw new NetworkAttemptError(kind, networkAppError(kind, spec.vendor, host, code, e), code);
  } finally {
    spec.signal?.removeEventListener('abort', onCallerAbort);
  }
}

/** The body, refusing (and abandoning) one larger than `max` bytes before it is all in memory. */
async function readBody(res: { headers: HttpHeaders; body: Dispatcher.ResponseData['body'] }, max: number, spec: RequestSpec, controller: AbortController): Promise<Buffer> {
  const tooLarge = () =>
    new AppError('bad_response', `${spec.vendor} sent an answer larger than the console accepts (over ${Math.round(max / 1024 / 1024)} MB) while trying to ${spec.what}; nothing of it was kept.`, `more than ${max} bytes`);
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > max) {
    controller.abort();
    res.body.destroy();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += chunk.byteLength;
    if (size > max) {
      controller.abort();
      res.body.destroy();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    throw new AppError('invalid_input', 'The vendor address is not valid.');
  }
}
