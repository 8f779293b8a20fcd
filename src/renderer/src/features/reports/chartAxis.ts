import type { Bucket, Granularity } from '../../../../shared/reports/types';

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** How long a period is, for the half-period margin of a chart with one period only. */
export const periodSeconds: Record<Granularity, number> = { hour: 3_600, day: 86_400, week: 7 * 86_400, month: 30 * 86_400 };

/** The x-axis label of a period: "Dec 5" for a day, "wk Nov 30" for a week (its Monday), "Nov 2026" for a month. */
export function axisLabelOf(b: Bucket, g: Granularity): string {
  const [y, m, d] = b.key.slice(0, 10).split('-');
  const month = monthNames[Number(m) - 1] ?? m;
  if (g === 'month') return `${month} ${y}`;
  if (g === 'week') return `wk ${month} ${Number(d)}`;
  if (g === 'day') return `${month} ${Number(d)}`;
  return b.label;
}
