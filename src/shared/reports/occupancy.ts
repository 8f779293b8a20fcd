import type { ReportResult } from './types';

/** What a report's occupancy figures are called, in its summary, its chart and its table alike. */
export interface OccupancyLabels {
  /** the highest hourly occupancy, in people */
  peak: string;
  /** the store's limit, in people; null where several stores have several limits */
  limit: string | null;
  /** peak / limit */
  share: string;
  /** the chart's title */
  chart: string;
}

/**
 * One store: its peak against its limit, in people. Several stores each have their own limit (or
 * none): their peaks and limits do not add up, so what compares is each store's peak as a share of
 * its own limit, and the report shows the highest of those shares; its peak in people is the busiest
 * store's, which may be another store than the one nearest its limit.
 */
export function occupancyLabels(r: Pick<ReportResult, 'node'>): OccupancyLabels {
  if (r.node.storeCount === 1) return { peak: 'Peak occupancy', limit: 'Limit', share: 'Peak / limit', chart: 'Occupancy against the limit (RetailNext)' };
  return {
    peak: 'Peak occupancy (busiest store)',
    limit: null,
    share: 'Peak / limit (highest store)',
    chart: "Occupancy against each store's own limit (RetailNext)",
  };
}
