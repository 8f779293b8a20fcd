import { leadTraffic } from './figures';
import { currencyNote } from './format';
import { occupancyLabels } from './occupancy';
import { lastDayOfMonth, monthOf } from './time';
import { demographicGroups, type Bucket, type Figures, type GapRow, type HeatmapResult, type ReportResult } from './types';

/** 'byRow': the row says what its numbers are (a comparison table mixes counts, amounts and ratios). */
export type ColumnKind = 'text' | 'count' | 'amount' | 'ratio' | 'percent' | 'byRow';
export type ValueKind = Exclude<ColumnKind, 'text' | 'byRow'>;
export interface Column {
  label: string;
  kind: ColumnKind;
}
export interface ReportTable {
  id: string;
  title: string;
  columns: Column[];
  rows: Array<Array<string | number | null>>;
  /** for 'byRow' columns: the kind of each row's numbers */
  rowKinds?: ValueKind[];
}

/** The kind of a table's cell: its column's, or its row's where the column says 'byRow'. */
export function cellKind(table: ReportTable, row: number, column: number): ColumnKind {
  const kind = table.columns[column]!.kind;
  return kind === 'byRow' ? (table.rowKinds?.[row] ?? 'amount') : kind;
}

/** Decimals a CSV keeps: whole counts, cents for amounts, four places for ratios and shares (0.1234 = 12.34%). */
const csvDecimals: Record<ValueKind, number> = { count: 0, amount: 2, ratio: 4, percent: 4 };

/** A table's rows as a CSV writes them: numbers rounded to what their kind means (no 16-decimal ratios). */
export function csvRows(table: ReportTable): Array<Array<string | number | null>> {
  return table.rows.map((r, i) =>
    r.map((v, j) => {
      const kind = cellKind(table, i, j);
      if (typeof v !== 'number' || kind === 'text' || kind === 'byRow') return v;
      const f = 10 ** csvDecimals[kind];
      return Math.round(v * f) / f;
    }),
  );
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
  const money = `(${currencyNote(r.salesCurrencies)})`;
  return [
    perBucket('traffic', 'Traffic', r, [col('RetailNext in', 'count'), col('RetailNext out', 'count'), col('Flow in', 'count'), col('Flow out', 'count'), col('Previous period', 'count'), col('Last year', 'count')], (b, i) => [
      b.sums.rnIn, b.sums.rnOut, b.sums.flowIn, b.sums.flowOut, r.previous.traffic[i] ?? null, r.lastYear.traffic[i] ?? null,
    ]),
    perBucket('sales', 'Sales and conversion (Flow)', r, [col(`Sales ${money}`, 'amount'), col('Transactions', 'count'), col('Items sold', 'count'), col('Conversion', 'percent'), col(`ATV ${money}`, 'ratio'), col('UPT', 'ratio'), col(`Sales per visitor ${money}`, 'ratio')], (b) => [
      b.sums.sales, b.sums.transactions, b.sums.itemsSold, b.ratios.conversion, b.ratios.atv, b.ratios.upt, b.ratios.salesPerVisitor,
    ]),
    perBucket('demographics', 'Demographics (Flow)', r, demographicGroups.map((g) => col(g.label, 'count')), (b) => demographicGroups.map((g) => b.sums[g.key])),
    perBucket('funnel', 'Exteros funnel', r, [col('Impressions', 'count'), col('Discoveries', 'count'), col('Engagements', 'count'), col('Interactions', 'count'), col('Discovery rate', 'percent'), col('Engagement rate', 'percent'), col('Interaction rate', 'percent')], (b) => [
      b.sums.impressions, b.sums.discoveries, b.sums.engagements, b.sums.interactions, b.ratios.discoveryRate, b.ratios.engagementRate, b.ratios.interactionRate,
    ]),
    occupancyTable(r),
    perBucket('predicted', 'Predicted and actual traffic (RetailNext)', r, [col('Predicted', 'count'), col('Actual (RetailNext in)', 'count'), col('Predicted / actual (hours with both)', 'ratio')], (b) => [
      b.sums.predicted, b.sums.rnIn, b.ratios.predictionAccuracy,
    ]),
    comparisonTable(r),
  ];
}

/** One store: its peak, its limit and the share; several stores: no one limit, each store's share of its own (occupancy.ts). */
function occupancyTable(r: ReportResult): ReportTable {
  const l = occupancyLabels(r);
  const over = col(r.granularity === 'hour' ? 'Store-hours over limit' : 'Store-days over limit', 'count');
  if (l.limit === null) {
    return perBucket('occupancy', 'Occupancy (RetailNext)', r, [col(l.peak, 'count'), col(l.share, 'percent'), over], (b) => [b.occupancy.peak, b.occupancy.peakShareOfLimit, b.occupancy.overLimit]);
  }
  return perBucket('occupancy', 'Occupancy (RetailNext)', r, [col(l.peak, 'count'), col(l.limit, 'count'), col(l.share, 'percent'), over], (b) => [
    b.occupancy.peak, b.occupancy.limit, b.occupancy.peakShareOfLimit, b.occupancy.overLimit,
  ]);
}

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "October 2026" for whole calendar months, else the days: "2026-10-02 – 2026-10-31". */
export function periodLabel(from: string, to: string): string {
  if (from.endsWith('-01') && to === lastDayOfMonth(monthOf(to))) {
    const name = (day: string) => `${monthNames[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;
    return monthOf(from) === monthOf(to) ? name(from) : `${name(from)} – ${name(to)}`;
  }
  return from === to ? from : `${from} – ${to}`;
}

function comparisonTable(r: ReportResult): ReportTable {
  const money = `(${currencyNote(r.salesCurrencies)})`;
  const rows: Array<[string, ValueKind, (f: Figures) => number | null]> = [
    ['Traffic', 'count', (f) => leadTraffic(f.sums)],
    [`Sales ${money}`, 'amount', (f) => f.sums.sales],
    ['Transactions', 'count', (f) => f.sums.transactions],
    ['Conversion', 'percent', (f) => f.ratios.conversion],
    [`ATV ${money}`, 'ratio', (f) => f.ratios.atv],
    ['UPT', 'ratio', (f) => f.ratios.upt],
    ['Impressions', 'count', (f) => f.sums.impressions],
    ['Interactions', 'count', (f) => f.sums.interactions],
  ];
  const change = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : (a - b) / b);
  return {
    id: 'comparison',
    title: `Compared with ${periodLabel(r.previous.from, r.previous.to)} (previous period) and ${periodLabel(r.lastYear.from, r.lastYear.to)} (last year, ${r.lastYearMatch === 'weekday' ? 'same weekdays: 52 weeks earlier' : 'same dates'})`,
    columns: [col('Measure', 'text'), col('This period', 'byRow'), col('Previous period', 'byRow'), col('Change', 'percent'), col('Same period last year', 'byRow'), col('Change', 'percent')],
    rows: rows.map(([label, , get]) => [label, get(r.totals), get(r.previous.totals), change(get(r.totals), get(r.previous.totals)), get(r.lastYear.totals), change(get(r.totals), get(r.lastYear.totals))]),
    rowKinds: rows.map(([, kind]) => kind),
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
