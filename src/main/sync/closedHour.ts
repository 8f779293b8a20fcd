import { localDay, offsetMinutes } from '../../shared/reports/time';
import { hourSettleMs } from './background/due';

/**
 * The store's last settled hour at `ms`: the latest local hour that closed at least `hourSettleMs`
 * before (the vendors finish counting it first), as its day and wall-clock label; -1 early in a day,
 * before the day's first hour has settled.
 */
export function lastSettledHour(timeZone: string, ms: number): { day: string; hour: number } {
  const at = ms - hourSettleMs;
  return { day: localDay(timeZone, at), hour: new Date(at + offsetMinutes(timeZone, at) * 60_000).getUTCHours() - 1 };
}

/**
 * The one hour of a store's today to ask for alone (Exteros `hour=H`), or null to ask the whole day:
 * when the day was last fetched with every hour up to H - 1 settled, and H has settled since, only
 * H is new. The day's other hours stay as the cache holds them; the hour in progress is read at the
 * next close. Anything else (first fetch of the day, a missed hour, an unknown zone, a new day) asks
 * the whole day.
 */
export function closedHourToAsk(timeZone: string | null, today: string, lastFetchMs: number | null, nowMs: number): number | null {
  if (!timeZone || lastFetchMs === null || lastFetchMs > nowMs) return null;
  try {
    const now = lastSettledHour(timeZone, nowMs);
    if (now.day !== today || now.hour < 0) return null;
    const before = lastSettledHour(timeZone, lastFetchMs);
    return before.day === today && before.hour === now.hour - 1 ? now.hour : null;
  } catch {
    return null; // a zone name Intl does not know
  }
}
