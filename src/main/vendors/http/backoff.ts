import { untilAborted } from '../../../shared/async/untilAborted';

export interface BackoffPolicy {
  /** Total attempts including the first. */
  attempts: number;
  baseMs: number;
  capMs: number;
  /** The longest Retry-After the client will wait; a longer one ends the retries. */
  maxRetryAfterMs: number;
}

export const defaultBackoff: BackoffPolicy = { attempts: 5, baseMs: 200, capMs: 8_000, maxRetryAfterMs: 60_000 };

/** "Full jitter": a random delay in [0, min(cap, base*2^n)], so many clients do not retry in step. */
export function jitteredDelay(policy: BackoffPolicy, retryIndex: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** retryIndex);
  return Math.round(random() * ceiling);
}

/** Retry-After is either delay-seconds or an HTTP date. Returns ms, or null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slept = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return untilAborted(slept, signal, () => clearTimeout(timer));
}
