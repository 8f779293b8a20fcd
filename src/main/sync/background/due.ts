import type { ScheduleRule } from '../../../shared/sync/schedule';
import { zoneOffsetMs } from '../../../shared/time/zoneOffset';

const minute = 60_000;
const hour = 60 * minute;
const quarterHour = 15 * minute;

/** How long after an hour closes its KPIs are asked for: the vendors finish counting it first. */
export const hourSettleMs = 5 * minute;
/** A failed run is tried again this much later (or at its next time, when that is sooner). */
export const retryAfterFailureMs = 10 * minute;
/** A vendor that said "too many requests" is left alone this long. */
export const retryAfterRateLimitMs = 30 * minute;

/** Upper bound of the spread added to a due time, so consoles and connections do not all ask at once. */
export function jitterBoundMs(rule: ScheduleRule, neverRun: boolean): number {
  if (neverRun) return 10_000;
  if (rule.kind === 'every') return Math.min(2 * minute, rule.minutes * minute * 0.1);
  if (rule.kind === 'hourClose') return 5 * minute;
  return 30 * minute;
}

/** A stable fraction in [0, 1) for a key: the same slot keeps its jitter each time the plan is computed. */
export function jitterFraction(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return (h >>> 0) / 2 ** 32;
}

/** The first instant after `afterMs` at which a local hour starts in any of the zones (DST and half-hour zones included). */
export function nextHourClose(afterMs: number, zones: readonly string[]): number {
  const usable = zones.length > 0 ? zones : ['UTC'];
  // Every zone in use starts its hours on a UTC quarter hour, so the quarter hours are the candidates.
  let t = Math.floor(afterMs / quarterHour) * quarterHour + quarterHour;
  for (let step = 0; step < 8; step++, t += quarterHour) {
    if (usable.some((z) => startsLocalHour(z, t))) return t;
  }
  return Math.floor(afterMs / hour) * hour + hour;
}

function startsLocalHour(zone: string, t: number): boolean {
  try {
    return (((t + zoneOffsetMs(zone, t)) % hour) + hour) % hour === 0;
  } catch {
    return false;
  }
}

/** The first instant after `afterMs` at which the zone's wall clock reads `at` (HH:MM); a time skipped by DST runs at the first instant after it. */
export function nextDailyAt(afterMs: number, at: string, zone: string): number {
  const [hh, mm] = at.split(':').map(Number) as [number, number];
  const local = new Date(afterMs + zoneOffsetMs(zone, afterMs));
  for (let day = 0; day < 3; day++) {
    const wall = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + day, hh, mm);
    const instant = instantOfWall(wall, zone);
    if (instant > afterMs) return instant;
  }
  return afterMs + 24 * hour;
}

/** The instant a wall-clock time happens in a zone (the earlier one when it happens twice, the one after the gap when never). */
function instantOfWall(wallMs: number, zone: string): number {
  const candidates = [wallMs - zoneOffsetMs(zone, wallMs - 14 * hour), wallMs - zoneOffsetMs(zone, wallMs + 14 * hour)];
  const exact = candidates.filter((c) => c + zoneOffsetMs(zone, c) === wallMs).sort((a, b) => a - b);
  if (exact.length > 0) return exact[0]!;
  // In a spring-forward gap: the wall time after the gap, read with the offset from before it.
  return Math.max(...candidates);
}

export interface LastRun {
  startedAtMs: number;
  finishedAtMs: number | null;
  status: 'running' | 'ok' | 'failed' | 'cancelled';
  errorCode: string | null;
}

/**
 * When a dataset is due next by its rule, from its last run (any trigger: a manual sync counts),
 * with the slot's jitter added. Never run: within seconds of when the scheduler first saw it (`firstSeenMs`).
 */
export function dueAt(a: { rule: ScheduleRule; last: LastRun | null; firstSeenMs: number; storeZones: readonly string[]; localZone: string; key: string }): number {
  const { rule, last } = a;
  if (!last) return a.firstSeenMs + jitterFraction(`${a.key}|first`) * jitterBoundMs(rule, true);
  let base: number;
  if (rule.kind === 'every') base = last.startedAtMs + rule.minutes * minute;
  else if (rule.kind === 'hourClose') base = nextHourClose(last.startedAtMs - hourSettleMs, a.storeZones) + hourSettleMs;
  else base = nextDailyAt(last.startedAtMs, rule.at, a.localZone);
  let due = base + jitterFraction(`${a.key}|${base}`) * jitterBoundMs(rule, false);
  if (last.status === 'failed') {
    const ended = last.finishedAtMs ?? last.startedAtMs;
    // Offline: due again as soon as the network is back (the scheduler is paused until then).
    if (last.errorCode === 'offline') return ended;
    if (last.errorCode === 'rate_limited') return Math.max(due, ended + retryAfterRateLimitMs);
    due = Math.min(due, ended + retryAfterFailureMs);
  }
  return due;
}
