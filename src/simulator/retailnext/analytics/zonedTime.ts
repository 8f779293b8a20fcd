import { zoneOffsetMs } from '../../../shared/time/zoneOffset';

/**
 * Wall-clock arithmetic in IANA time zones over the shared zone offsets (src/shared/time).
 *
 * A "naive" time is a number of ms whose UTC fields are the wall-clock fields of some zone
 * (Date.UTC(y, m, d, h, mi, s)). Calendar arithmetic (add a month, truncate to a week) is done
 * on naive times; only the final step converts to an instant with the zone's offset.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

const validZones = new Map<string, boolean>();

export function isValidTimeZone(tz: string): boolean {
  let valid = validZones.get(tz);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      valid = true;
    } catch {
      valid = false;
    }
    if (validZones.size > 10_000) validZones.clear();
    validZones.set(tz, valid);
  }
  return valid;
}

/** Offset of the zone from UTC at an instant, in ms (wall = instant + offset). */
export function offsetMs(instantMs: number, tz: string): number {
  if (tz === 'UTC' || tz === 'Etc/UTC') return 0;
  return zoneOffsetMs(tz, instantMs);
}

export function toNaive(instantMs: number, tz: string): number {
  return instantMs + offsetMs(instantMs, tz);
}

/** Instant of a wall-clock time; a time skipped by DST resolves forward, an ambiguous one to the first. */
export function fromNaive(naiveMs: number, tz: string): number {
  let guess = naiveMs - offsetMs(naiveMs, tz);
  const off2 = offsetMs(guess, tz);
  guess = naiveMs - off2;
  const off3 = offsetMs(guess, tz);
  if (off3 !== off2) guess = naiveMs - Math.max(off2, off3);
  return guess;
}

export interface WallFields {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday
}

export function fieldsOf(naiveMs: number): WallFields {
  const d = new Date(naiveMs);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

export function naiveDate(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** Day number (days since 1970-01-01) of a naive time. */
export function dayNumber(naiveMs: number): number {
  return Math.floor(naiveMs / DAY_MS);
}

export function isoDate(naiveMs: number): string {
  return new Date(naiveMs).toISOString().slice(0, 10);
}

/** RetailNext writes store-local wall-clock times with a Z suffix (see store hours, predicted traffic). */
export function localZ(naiveMs: number): string {
  return new Date(naiveMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function addMonthsNaive(naiveMs: number, months: number): number {
  const f = fieldsOf(naiveMs);
  const total = f.year * 12 + (f.month - 1) + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return naiveDate(y, m, Math.min(f.day, lastDay), f.hour, f.minute, f.second);
}

export const MS = { HOUR: HOUR_MS, DAY: DAY_MS, MINUTE: 60_000, QUARTER_HOUR: 900_000 };
