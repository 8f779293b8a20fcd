import { zoneOffsetMs } from './zoneOffset';

// The console's one way of writing a time of day: 24-hour ("20:39", "20:39:05"), dates as
// yyyy-mm-dd, whatever the machine's locale, so a time reads the same in every view (the reports'
// hour axis, the board's readings, the sync schedule, the change log). In the machine's own zone,
// or in a store's IANA zone when one is given.

export interface ClockOptions {
  /** HH:MM:SS instead of HH:MM. */
  seconds?: boolean;
  /** An IANA zone (a store's); absent or null: the machine's own zone. */
  timeZone?: string | null;
}

const two = (n: number) => String(n).padStart(2, '0');

/** The wall clock of an instant, as UTC fields of a shifted Date; null for an invalid instant or an unknown zone. */
function wallClock(at: string | number | Date, timeZone: string | null | undefined): Date | null {
  const ms = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (!Number.isFinite(ms)) return null;
  if (!timeZone) {
    const local = new Date(ms);
    return new Date(Date.UTC(local.getFullYear(), local.getMonth(), local.getDate(), local.getHours(), local.getMinutes(), local.getSeconds()));
  }
  try {
    return new Date(ms + zoneOffsetMs(timeZone, ms));
  } catch {
    return null;
  }
}

/** "20:39" (or "20:39:05" with `seconds`); "—" when there is no valid time. */
export function formatClock(at: string | number | Date | null | undefined, opts: ClockOptions = {}): string {
  const w = at === null || at === undefined ? null : wallClock(at, opts.timeZone);
  if (!w) return typeof at === 'string' && at ? at : '—';
  return `${two(w.getUTCHours())}:${two(w.getUTCMinutes())}${opts.seconds ? `:${two(w.getUTCSeconds())}` : ''}`;
}

/** "2026-12-05 20:39" (or with seconds); "—" when there is no valid time. */
export function formatDateTime(at: string | number | Date | null | undefined, opts: ClockOptions = {}): string {
  const w = at === null || at === undefined ? null : wallClock(at, opts.timeZone);
  if (!w) return typeof at === 'string' && at ? at : '—';
  return `${w.toISOString().slice(0, 10)} ${formatClock(w.getTime(), { seconds: opts.seconds, timeZone: 'UTC' })}`;
}
