import { AppError } from '../../../shared/contract/errors';

/** What went wrong below HTTP: decides the error code and whether a retry may help. */
export type NetworkFailure = 'offline' | 'tls' | 'timeout' | 'reset' | 'cancelled' | 'unknown';

const offlineCodes: ReadonlySet<string> = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EHOSTDOWN', 'EADDRNOTAVAIL',
]);
const resetCodes: ReadonlySet<string> = new Set([
  'ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'ERR_STREAM_PREMATURE_CLOSE',
]);
const timeoutCodes: ReadonlySet<string> = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function causeChain(e: unknown): Array<{ code?: string; message?: string; name?: string }> {
  const out: Array<{ code?: string; message?: string; name?: string }> = [];
  let cur: unknown = e;
  for (let i = 0; i < 6 && cur && typeof cur === 'object'; i++) {
    const c = cur as { code?: unknown; message?: unknown; name?: unknown; cause?: unknown; errors?: unknown };
    out.push({ code: typeof c.code === 'string' ? c.code : undefined, message: typeof c.message === 'string' ? c.message : undefined, name: typeof c.name === 'string' ? c.name : undefined });
    // AggregateError (happy eyeballs) keeps the per-address errors in `errors`.
    if (Array.isArray(c.errors) && c.errors.length > 0) cur = c.errors[0];
    else cur = c.cause;
  }
  return out;
}

export function classifyNetworkError(e: unknown): { kind: NetworkFailure; code?: string } {
  for (const link of causeChain(e)) {
    const code = link.code;
    if (!code) continue;
    if (offlineCodes.has(code)) return { kind: 'offline', code };
    if (timeoutCodes.has(code)) return { kind: 'timeout', code };
    if (resetCodes.has(code)) return { kind: 'reset', code };
    if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS/i.test(code)) return { kind: 'tls', code };
  }
  const text = causeChain(e).map((l) => `${l.name ?? ''} ${l.message ?? ''}`).join(' ');
  if (/certificate|ssl|tls/i.test(text)) return { kind: 'tls' };
  if (/terminated|socket|other side closed|premature/i.test(text)) return { kind: 'reset' };
  return { kind: 'unknown' };
}

export function networkAppError(kind: NetworkFailure, vendor: string, host: string, code?: string, cause?: unknown): AppError {
  const detail = code ? `${host}: ${code}` : host;
  switch (kind) {
    case 'offline':
      return new AppError('offline', `${vendor} cannot be reached. Check the network connection and the address (${host}).`, detail, { cause });
    case 'tls':
      return new AppError('tls', `The secure connection to ${vendor} failed: its certificate could not be verified. Check the address, or whether a proxy intercepts the traffic.`, detail, { cause });
    case 'timeout':
      return new AppError('timeout', `${vendor} did not answer in time.`, detail, { cause });
    case 'reset':
      return new AppError('offline', `The connection to ${vendor} dropped before the answer was complete.`, detail, { cause });
    case 'cancelled':
      return new AppError('cancelled', 'The operation was cancelled.');
    default:
      return new AppError('offline', `The request to ${vendor} failed before an answer arrived.`, detail, { cause });
  }
}

/** The vendor's own words from an error body: a JSON `error`/`message`/`errors`, or the start of the text. */
export function vendorMessage(body: string): string | undefined {
  const text = body.trim();
  if (!text) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    const found = pickMessage(parsed);
    if (found) return clip(found);
  } catch {
    // not JSON: fall through to the raw text
  }
  if (/^<(!doctype|html)/i.test(text)) return clip(text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim());
  return clip(text);
}

function pickMessage(v: unknown): string | undefined {
  if (typeof v === 'string') return v || undefined;
  if (!v || typeof v !== 'object') return undefined;
  if (Array.isArray(v)) return v.map(pickMessage).filter(Boolean).join('; ') || undefined;
  const o = v as Record<string, unknown>;
  for (const key of ['error_description', 'message', 'error', 'errors', 'detail', 'reason', 'msg']) {
    const m = pickMessage(o[key]);
    if (m) return m;
  }
  return undefined;
}

function clip(s: string): string {
  return s.length > 300 ? `${s.slice(0, 297)}...` : s;
}

/**
 * The vendor refused this request as it was asked (an HTTP 4xx other than auth, 404 and 429, or an
 * answer that says it could not serve part of it): the same request will be refused again, while a
 * smaller one (fewer stores) may be served. Retrying it is pointless; splitting it may not be.
 */
export class RequestRefused extends AppError {}

export function httpStatusError(vendor: string, status: number, body: string, what: string): AppError {
  const said = vendorMessage(body);
  const detail = said ? `HTTP ${status}: ${said}` : `HTTP ${status}`;
  if (status === 401) return new AppError('auth_failed', `${vendor} refused the credentials. Check the key${vendor === 'RetailNext' ? 's' : ''} in the connection settings.`, detail);
  if (status === 403) return new AppError('auth_failed', `${vendor} accepted the credentials but does not allow them to ${what}.`, detail);
  if (status === 404) return new AppError('not_found', `${vendor} has no such item (${what}).`, detail);
  if (status === 429) return new AppError('rate_limited', `${vendor} is limiting requests; try again in a moment.`, detail);
  if (status >= 500) return new AppError('vendor_error', `${vendor} had a problem on its side while trying to ${what}.`, detail);
  return new RequestRefused('vendor_error', `${vendor} rejected the request to ${what}.`, detail);
}
