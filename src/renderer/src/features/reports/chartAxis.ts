import type { Bucket, Granularity } from '../../../../shared/reports/types';
import { formatClock, formatDateTime } from '../../../../shared/time/format';

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** How long a period is, for the half-period margin of a chart with one period only. */
export const periodSeconds: Record<Granularity, number> = { '15min': 900, hour: 3_600, day: 86_400, week: 7 * 86_400, month: 30 * 86_400 };

/** The x-axis label of a period: "Dec 5" for a day, "wk Nov 30" for a week (its Monday), "Nov 2026" for a month. */
export function axisLabelOf(b: Bucket, g: Granularity): string {
  const [y, m, d] = b.key.slice(0, 10).split('-');
  const month = monthNames[Number(m) - 1] ?? m;
  if (g === 'month') return `${month} ${y}`;
  if (g === 'week') return `wk ${month} ${Number(d)}`;
  if (g === 'day') return `${month} ${Number(d)}`;
  return b.label;
}

const periodNames: Record<Granularity, string> = { '15min': 'quarter hour', hour: 'hour', day: 'day', week: 'week', month: 'month' };

/**
 * What the legend under a chart says of the period it tells with none hovered (restingPeriod):
 * "Dec 5 (latest whole day)"; a week or month the range cuts says how much of it is counted,
 * "Nov 2026, 1 day of it (latest past month)". A period that is not whole (stale, today) is its label alone.
 */
export function restingLabelOf(b: Bucket, g: Granularity, whole: boolean): string {
  const label = axisLabelOf(b, g);
  if (!whole) return label;
  const [y, m] = b.key.split('-').map(Number);
  const length = g === 'week' ? 7 : g === 'month' ? new Date(Date.UTC(y!, m!, 0)).getUTCDate() : null;
  if (length === null || b.days >= length) return `${label} (latest whole ${periodNames[g]})`;
  return `${label}, ${b.days} ${b.days === 1 ? 'day' : 'days'} of it (latest past ${periodNames[g]})`;
}

/**
 * A tick of an hour or 15-minute chart (seconds since the epoch), on the console's 24-hour clock in
 * the chart's zone: "14:00", "14:15"; a tick at midnight gives the day instead ("Dec 5"), so a
 * chart over several days says which day its hours are on.
 */
export function clockTickOf(seconds: number, timeZone: string): string {
  const clock = formatClock(seconds * 1000, { timeZone });
  if (clock !== '00:00') return clock;
  const day = formatDateTime(seconds * 1000, { timeZone }).slice(0, 10);
  return `${monthNames[Number(day.slice(5, 7)) - 1] ?? day.slice(5, 7)} ${Number(day.slice(8, 10))}`;
}

/** Least room between two ticks of an hour or 15-minute chart, in px: a label ("14:45") with air around it. */
export const clockTickSpace = 64;
