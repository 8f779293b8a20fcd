/**
 * The year/month/day that datamine writes beside each "gregorian" date follow the subscription's
 * retail calendar (NRF 4-5-4, weeks starting Sunday). That is what makes the doc's example
 * consistent: gregorian 2021-02-21 is year 2021, month 1, day 22 (fiscal 2021 began Sun 2021-01-31).
 */
import { MS, naiveDate } from './zonedTime';

const WEEKS_PER_MONTH = [4, 5, 4, 4, 5, 4, 4, 5, 4, 4, 5, 4];

/** First day (naive ms) of retail year `year`: the day after the Saturday nearest Jan 31 of `year`. */
export function retailYearStart(year: number): number {
  const jan31 = naiveDate(year, 1, 31);
  const wd = new Date(jan31).getUTCDay();
  // distance to nearest Saturday (6): -3..+3
  let delta = 6 - wd;
  if (delta > 3) delta -= 7;
  return jan31 + (delta + 1) * MS.DAY;
}

export interface RetailDate {
  year: number;
  month: number;
  day: number;
}

export function retailDate(naiveDay: number): RetailDate {
  const greg = new Date(naiveDay).getUTCFullYear();
  let year = greg;
  if (naiveDay < retailYearStart(greg)) year = greg - 1;
  const start = retailYearStart(year);
  const nextStart = retailYearStart(year + 1);
  const weeksInYear = Math.round((nextStart - start) / (7 * MS.DAY));
  let dayOfYear = Math.floor((naiveDay - start) / MS.DAY);
  for (let m = 0; m < 12; m++) {
    let weeks = WEEKS_PER_MONTH[m] ?? 4;
    if (m === 11 && weeksInYear === 53) weeks += 1;
    if (dayOfYear < weeks * 7) return { year, month: m + 1, day: dayOfYear + 1 };
    dayOfYear -= weeks * 7;
  }
  return { year, month: 12, day: dayOfYear + 1 };
}
