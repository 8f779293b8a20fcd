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

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Another machine's clock (a vendor's "last heard") may run this far ahead of ours and still read "just now". */
const SKEW_MS = MINUTE;

/**
 * How long ago an instant was: "just now" (under a minute), "5 min ago", "3 h ago" (under two days),
 * "4 days ago", "1,889 days ago". Whole units that have passed (59 min 59 s is "59 min ago"). An instant up to a minute
 * ahead of `now` is clock skew and reads "just now"; further ahead it says so ("5 min from now") rather
 * than hide it. "—" when there is no valid time.
 */
export function formatAgo(at: string | number | Date | null | undefined, now: number | Date = Date.now()): string {
  const ms = at === null || at === undefined ? Number.NaN : typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
  const nowMs = typeof now === 'number' ? now : now.getTime();
  if (!Number.isFinite(ms) || !Number.isFinite(nowMs)) return '—';
  const age = nowMs - ms;
  if (age < -SKEW_MS) return `${span(-age)} from now`;
  if (age < MINUTE) return 'just now';
  return `${span(age)} ago`;
}

function span(ms: number): string {
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min`;
  if (ms < 2 * DAY) return `${Math.floor(ms / HOUR)} h`;
  return `${Math.floor(ms / DAY).toLocaleString('en-US')} days`;
}
