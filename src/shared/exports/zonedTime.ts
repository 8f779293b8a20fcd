/** Wall-clock time in a store's zone <-> UTC (works in the core and the renderer). */

import { zoneOffsetMs } from '../time/zoneOffset';

/** "2026-04-19T10:00" (or with seconds) in the zone -> "2026-04-19T14:00:00Z". */
export function zonedToUtc(local: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return null;
  const guess = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0));
  // The offsets a day either side (zones change at most once a day): a time that exists with both is
  // repeated (autumn) and is its first occurrence; one that exists with neither was skipped (spring)
  // and is read with the offset before the jump, landing as far after it as it was after the hour
  // skipped (02:30 -> 03:30), as calendars do.
  const early = guess - zoneOffsetMs(timeZone, guess - 86_400_000);
  const late = guess - zoneOffsetMs(timeZone, guess + 86_400_000);
  const exists = (ms: number) => zoneOffsetMs(timeZone, ms) === guess - ms;
  const ms = exists(early) && exists(late) ? Math.min(early, late) : exists(late) ? late : early;
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}

/** "2026-04-19T14:00:00Z" -> "2026-04-19T10:00:00" wall-clock in the zone. */
export function utcToZoned(iso: string, timeZone: string): string {
  const ms = Math.floor(Date.parse(iso) / 1000) * 1000;
  return new Date(ms + zoneOffsetMs(timeZone, ms)).toISOString().slice(0, 19);
}

export function toUtcSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
}
