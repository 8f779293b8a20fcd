import { addDays, localDay } from '../reports/time';

export interface DayRange {
  from: string;
  to: string;
}

/** Days of each store a default range holds: its today and the six before it. */
export const defaultRangeDays = 7;

/** The zones whose dates are the earliest and the latest on Earth at any instant (UTC-12, UTC+14). */
const earliestAndLatest = ['Etc/GMT+12', 'Etc/GMT-14'];

/**
 * The days Sync fetches and Reports shows when nobody chose others: the last 7 days of every store
 * by its own calendar, its today included. Stores keep their days by their own clocks, not by this
 * computer's: at 22:00 in Los Angeles a store in New York is already on tomorrow, and that day is
 * the one still counting. Stores in several zones: from the earliest store's sixth day back to the
 * latest store's today (8 days where their dates differ). No store known yet (a first sync, before
 * its locations): the widest such range, from the earliest date on Earth to the latest, which holds
 * every store's week wherever it is (the sync fetches no day after a store's own today).
 */
export function defaultRange(now: Date, storeZones: readonly string[]): DayRange {
  const todays = [...new Set(storeZones)].flatMap((zone) => todayIn(zone, now)).sort();
  if (todays.length === 0) todays.push(...earliestAndLatest.flatMap((zone) => todayIn(zone, now)));
  return { from: addDays(todays[0]!, -(defaultRangeDays - 1)), to: todays.at(-1)! };
}

/** A store's date now; none for a zone no calendar knows (a vendor's typo must not stop a sync). */
function todayIn(zone: string, now: Date): string[] {
  try {
    return [localDay(zone, now.getTime())];
  } catch {
    return [];
  }
}
