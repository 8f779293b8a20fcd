import { occupancyLabels } from '../../../../shared/reports/occupancy';
import type { ReportResult } from '../../../../shared/reports/types';
import type { ChartSeries } from './chartMarks';

/**
 * The occupancy chart's lines, measured as the summary and the table measure them (occupancy.ts).
 * One store: its peak and its limit, in people. Several stores: the highest of the stores' peak as a
 * share of its own limit, against a limit line at 100%. A limit is not a count still going on:
 * today's period draws it as it is.
 */
export function occupancySeries(r: ReportResult, colours: readonly [string, string]): ChartSeries[] {
  const l = occupancyLabels(r);
  const b = r.buckets;
  if (l.limit !== null) {
    const limitSet = b.some((x) => x.occupancy.limit !== null);
    return [
      { label: l.peak, values: b.map((x) => x.occupancy.peak), color: colours[0] },
      { label: limitSet ? l.limit : `${l.limit} (not set for this store)`, values: b.map((x) => x.occupancy.limit), color: colours[1], dash: true, settled: true },
    ];
  }
  // No store with a limit: no share to draw, and no line at 100% of nothing.
  const anyLimit = r.totals.occupancy.limit !== null;
  return [
    { label: anyLimit ? l.share : `${l.share}: no store has a limit set`, values: b.map((x) => x.occupancy.peakShareOfLimit), color: colours[0], right: true },
    // Drawn where there is a share to hold against it: a period with no data says so for both.
    { label: 'Limit (100%)', values: b.map((x) => (x.occupancy.peakShareOfLimit === null ? null : 1)), color: colours[1], right: true, dash: true, settled: true },
  ];
}
