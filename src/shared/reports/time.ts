// Calendar arithmetic for reports, in each store's own time zone. Days are `yyyy-mm-dd` local dates
// (what the vendors key their hours by); instants are epoch milliseconds. Offsets: ../time/zoneOffset.

import { zoneOffsetMs } from '../time/zoneOffset';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Offset of the zone from UTC at an instant, in minutes (New York in winter: -300). */
export function offsetMinutes(timeZone: string, ms: number): number {
  return zoneOffsetMs(timeZone, ms) / 60_000;
}

export function dayMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return dayOf(dayMs(day) + n * DAY_MS);
}

export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = dayMs(from), end = dayMs(to); t <= end; t += DAY_MS) out.push(dayOf(t));
  return out;
}

export function dayCount(from: string, to: string): number {
  return Math.round((dayMs(to) - dayMs(from)) / DAY_MS) + 1;
}

/** The local date of an instant in a zone. */
export function localDay(timeZone: string, ms: number): string {
  return dayOf(ms + offsetMinutes(timeZone, ms) * 60_000);
}

/** The instant a local wall-clock hour of a day starts; a repeated hour gives its first instant. */
export function localHourStart(timeZone: string, day: string, hour: number): number {
  const wall = dayMs(day) + hour * HOUR_MS;
  // Offsets of the instants just before and after: the first one that round-trips wins.
  for (const probe of [wall - offsetMinutes(timeZone, wall - 12 * HOUR_MS) * 60_000, wall - offsetMinutes(timeZone, wall + 12 * HOUR_MS) * 60_000]) {
    if (probe + offsetMinutes(timeZone, probe) * 60_000 === wall) return probe;
  }
  // A skipped hour (spring forward): the instant the clock jumps to.
  return wall - offsetMinutes(timeZone, wall - 12 * HOUR_MS) * 60_000;
}

/** How long a local day lasts: 23, 24 or 25 hours on daylight-saving changes. */
export function hoursInDay(timeZone: string, day: string): number {
  return Math.round((localHourStart(timeZone, addDays(day, 1), 0) - localHourStart(timeZone, day, 0)) / HOUR_MS);
}

/**
 * The cache keys an hour by its wall-clock label (0-23). On the autumn clock change one label
 * happens twice; a vendor that sends both passes apart (Flow stamps both "01:00") has the second
 * one kept under label + `secondPassOffset` (25 for the second 01:00), so the 25-hour day keeps 25
 * hours. `wallClockHour` folds it back where only the label matters (hour-of-day views).
 */
export const secondPassOffset = 24;

export function wallClockHour(storedHour: number): number {
  return storedHour % secondPassOffset;
}

/** The wall-clock hour labels a local day has (hour 2 is missing on a spring-forward day in New York). */
export function hourLabelsOfDay(timeZone: string, day: string): number[] {
  const start = localHourStart(timeZone, day, 0);
  const labels = new Set<number>();
  const n = hoursInDay(timeZone, day);
  for (let i = 0; i < n; i++) {
    const t = start + i * HOUR_MS;
    labels.add(new Date(t + offsetMinutes(timeZone, t) * 60_000).getUTCHours());
  }
  return [...labels].sort((a, b) => a - b);
}

/** 0 = Sunday. */
export function weekdayOf(day: string): number {
  return new Date(dayMs(day)).getUTCDay();
}

/** Weeks start on Monday (ISO 8601): the Monday on or before the day. */
export function weekStart(day: string): string {
  return addDays(day, -((weekdayOf(day) + 6) % 7));
}

export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** "2026-12" -> "2027-01". */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** "2027-01" -> "2026-12". */
export function prevMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return dayOf(Date.UTC(y, m, 0));
}

/** The same dates one year earlier (29 February becomes 28 February). */
export function sameDayLastYear(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
  return dayOf(Date.UTC(y - 1, m - 1, Math.min(d, last)));
}

/** The day n months away, its day of month kept where the month has it (31 March - 1 month = 28 February). */
export function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return dayOf(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last)));
}

/**
 * The period a report is compared with as "previous". By month: as many calendar months just
 * before (November -> October; 1-10 April -> 1-10 March; a range ending on a month's last day ends
 * on the last day of its month). Otherwise: as many days just before.
 */
export function previousPeriod(from: string, to: string, granularity: 'hour' | 'day' | 'week' | 'month'): { from: string; to: string } {
  if (granularity === 'month') {
    const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
    const end = to === lastDayOfMonth(monthOf(to)) ? lastDayOfMonth(monthOf(addMonths(`${monthOf(to)}-01`, -months))) : addMonths(to, -months);
    return { from: addMonths(from, -months), to: end };
  }
  const len = dayCount(from, to);
  const prevTo = addDays(from, -1);
  return { from: addDays(prevTo, -(len - 1)), to: prevTo };
}

/** How "last year" is matched: retail's convention, the same weekdays 52 weeks (364 days) earlier; or the same dates. */
export const lastYearMatches = ['weekday', 'date'] as const;
export type LastYearMatch = (typeof lastYearMatches)[number];

export function lastYearPeriod(from: string, to: string, match: LastYearMatch): { from: string; to: string } {
  return match === 'weekday' ? { from: addDays(from, -364), to: addDays(to, -364) } : { from: sameDayLastYear(from), to: sameDayLastYear(to) };
}
