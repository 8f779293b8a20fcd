import { leadTraffic } from './figures';
import { demographicGroups, type Bucket, type Figures, type GapRow, type HeatmapResult, type ReportResult } from './types';

export type ColumnKind = 'text' | 'count' | 'amount' | 'ratio' | 'percent';
export interface Column {
  label: string;
  kind: ColumnKind;
}
export interface ReportTable {
  id: string;
  title: string;
  columns: Column[];
  rows: Array<Array<string | number | null>>;
}

const col = (label: string, kind: ColumnKind): Column => ({ label, kind });

function validityText(b: Bucket): string {
  const v = b.validity;
  const parts: string[] = [];
  if (v.missing) parts.push('missing data');
  if (v.stale) parts.push('stale');
  if (v.provisional) parts.push('provisional (today)');
  if (v.incompleteHours) parts.push(`${v.incompleteHours} incomplete h`);
  if (v.imputedHours) parts.push(`${v.imputedHours} imputed h`);
  return parts.join('; ') || 'complete';
}

function perBucket(id: string, title: string, r: ReportResult, columns: Column[], cells: (b: Bucket, i: number) => Array<string | number | null>): ReportTable {
  return { id, title, columns: [col('Period', 'text'), ...columns, col('Validity', 'text')], rows: r.buckets.map((b, i) => [b.label, ...cells(b, i), validityText(b)]) };
}

/** Every table of a report (each one exported as CSV as it stands). */
export function reportTables(r: ReportResult): ReportTable[] {
  return [
    perBucket('traffic', 'Traffic', r, [col('RetailNext in', 'count'), col('RetailNext out', 'count'), col('Flow in', 'count'), col('Flow out', 'count'), col('Previous period', 'count'), col('Last year', 'count')], (b, i) => [
      b.sums.rnIn, b.sums.rnOut, b.sums.flowIn, b.sums.flowOut, r.previous.traffic[i] ?? null, r.lastYear.traffic[i] ?? null,
    ]),
    perBucket('sales', 'Sales and conversion (Flow)', r, [col('Sales', 'amount'), col('Transactions', 'count'), col('Items sold', 'count'), col('Conversion', 'percent'), col('ATV', 'ratio'), col('UPT', 'ratio'), col('Sales per visitor', 'ratio')], (b) => [
      b.sums.sales, b.sums.transactions, b.sums.itemsSold, b.ratios.conversion, b.ratios.atv, b.ratios.upt, b.ratios.salesPerVisitor,
    ]),
    perBucket('demographics', 'Demographics (Flow)', r, demographicGroups.map((g) => col(g.label, 'count')), (b) => demographicGroups.map((g) => b.sums[g.key])),
    perBucket('funnel', 'Exteros funnel', r, [col('Impressions', 'count'), col('Discoveries', 'count'), col('Engagements', 'count'), col('Interactions', 'count'), col('Discovery rate', 'percent'), col('Engagement rate', 'percent'), col('Interaction rate', 'percent')], (b) => [
      b.sums.impressions, b.sums.discoveries, b.sums.engagements, b.sums.interactions, b.ratios.discoveryRate, b.ratios.engagementRate, b.ratios.interactionRate,
    ]),
    perBucket('occupancy', 'Occupancy (RetailNext)', r, [col('Peak occupancy', 'count'), col('Limit', 'count'), col('Peak / limit', 'percent'), col(r.granularity === 'hour' ? 'Store-hours over limit' : 'Store-days over limit', 'count')], (b) => [
      b.occupancy.peak, b.occupancy.limit, b.occupancy.peakShareOfLimit, b.occupancy.overLimit,
    ]),
    perBucket('predicted', 'Predicted and actual traffic (RetailNext)', r, [col('Predicted', 'count'), col('Actual (RetailNext in)', 'count'), col('Predicted / actual (hours with both)', 'ratio')], (b) => [
      b.sums.predicted, b.sums.rnIn, b.ratios.predictionAccuracy,
    ]),
    comparisonTable(r),
  ];
}

function comparisonTable(r: ReportResult): ReportTable {
  const rows: Array<[string, (f: Figures) => number | null]> = [
    ['Traffic', (f) => leadTraffic(f.sums)],
    ['Sales', (f) => f.sums.sales],
    ['Transactions', (f) => f.sums.transactions],
    ['Conversion', (f) => f.ratios.conversion],
    ['ATV', (f) => f.ratios.atv],
    ['UPT', (f) => f.ratios.upt],
    ['Impressions', (f) => f.sums.impressions],
    ['Interactions', (f) => f.sums.interactions],
  ];
  const change = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : (a - b) / b);
  return {
    id: 'comparison',
    title: `Compared with ${r.previous.from} – ${r.previous.to} and ${r.lastYear.from} – ${r.lastYear.to}`,
    columns: [col('Measure', 'text'), col('This period', 'amount'), col('Previous period', 'amount'), col('Change', 'percent'), col('Same period last year', 'amount'), col('Change', 'percent')],
    rows: rows.map(([label, get]) => [label, get(r.totals), get(r.previous.totals), change(get(r.totals), get(r.previous.totals)), get(r.lastYear.totals), change(get(r.totals), get(r.lastYear.totals))]),
  };
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function heatmapTable(h: HeatmapResult): ReportTable {
  return {
    id: 'heatmap',
    title: 'Average traffic by day of week and hour',
    columns: [col('Day', 'text'), ...Array.from({ length: 24 }, (_, i) => col(`${String(i).padStart(2, '0')}h`, 'count'))],
    rows: [1, 2, 3, 4, 5, 6, 0].map((wd) => [weekdays[wd]!, ...h.cells[wd]!]),
  };
}

export function gapsTable(gaps: GapRow[]): ReportTable {
  return {
    id: 'gaps',
    title: 'Missing and stale data',
    columns: [col('Source', 'text'), col('Store', 'text'), col('Missing days', 'count'), col('Missing', 'text'), col('Stale days', 'text'), col('Last synced', 'text')],
    rows: gaps.map((g) => [
      g.connectionName, g.storeName, g.missingDays, g.missing.map((m) => (m.from === m.to ? m.from : `${m.from} to ${m.to}`)).join('; '), g.staleDays.join('; '), g.lastSyncedAt ?? 'never',
    ]),
  };
}
