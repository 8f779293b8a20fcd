import type { Vendor } from '../../shared/connections/types';
import { addTo, emptyFigures, ratiosOf } from '../../shared/reports/figures';
import { lastDayOfMonth, monthOf, nextMonth, prevMonth } from '../../shared/reports/time';
import type { Figures } from '../../shared/reports/types';
import type { Db } from '../db/open';
import type { NodeSource } from './directory';
import { monthRangeMask } from './gaps';
import { summedColumns } from './schema';

/** One group of the cache: a day+hour, a day or a month, summed over the node's stores of one source. */
export interface GroupRow {
  k: string;
  /** hour of day (hour reads only) */
  h?: number | null;
  hours?: number;
  occ_peak?: number | null;
  occ_share?: number | null;
  over_limit?: number | null;
  incomplete?: number;
  imputed?: number;
  /** provisional hours (hour reads only; day reads take provisional days from the coverage) */
  provisional?: number;
  [column: string]: number | string | null | undefined;
}

/** The columns each vendor fills: summing only those keeps the scans short. */
const vendorColumns: Record<Vendor, readonly (typeof summedColumns)[number][]> = {
  retailnext: ['enters', 'exits'],
  flow: summedColumns.filter((c) => !['impressions', 'discoveries', 'engagements', 'interactions'].includes(c)),
  exteros: ['impressions', 'discoveries', 'engagements', 'interactions'],
};
const sumsOf = (v: Vendor) => vendorColumns[v].map((c) => `SUM(d.${c}) AS ${c}`).join(', ');

/**
 * `{store_key: occupancy limit}` of a source: the join that filters to the node's stores. Every
 * query puts it first with CROSS JOIN (which SQLite never reorders), so each store reads its own
 * key range; left to itself the planner scans the range and the JSON once per row.
 */
function storeParam(source: NodeSource): string {
  const o: Record<string, number | null> = {};
  for (const [key, store] of source.stores) o[key] = store.occupancyLimit;
  return JSON.stringify(o);
}

const occupancy = (col: string) => `MAX(${col}) AS occ_peak, MAX(${col} / NULLIF(j.value, 0)) AS occ_share`;

/** Sums by local day+hour, straight from the hourly rows (short ranges only). */
export function readHours(db: Db, source: NodeSource, from: string, to: string): GroupRow[] {
  return db.prepare(
    `SELECT d.day AS k, d.hour AS h, COUNT(*) AS hours, ${sumsOf(source.vendor)}, SUM(d.provisional) AS provisional${source.vendor !== 'retailnext' ? '' : `,
            ${occupancy('d.occupancy')}, SUM(d.occupancy > j.value) AS over_limit, SUM(d.validity = 'incomplete') AS incomplete, SUM(d.validity = 'imputed') AS imputed`}
     FROM json_each(?) j CROSS JOIN kpi_hourly d ON d.connection_id = ? AND d.store_key = j.key AND d.day BETWEEN ? AND ?
     GROUP BY d.day, d.hour`,
  ).all(storeParam(source), source.connectionId, from, to) as GroupRow[];
}

/**
 * Occupancy and validity counts: RetailNext's only (the other vendors have neither), so the other
 * scans skip them. Whether a period holds provisional store-days comes from the partial index on
 * provisional days (gaps.ts), not from a test on every row.
 */
function dayStats(vendor: Vendor, overLimit: boolean): string {
  if (vendor !== 'retailnext') return '';
  return `, ${occupancy('d.occupancy_max')}, ${overLimit ? 'SUM(d.occupancy_max > j.value)' : 'NULL'} AS over_limit, SUM(d.incomplete_hours) AS incomplete, SUM(d.imputed_hours) AS imputed`;
}

/** Sums by local day (or month, `byMonth`), from the day aggregates. */
export function readDays(db: Db, source: NodeSource, from: string, to: string, byMonth = false): GroupRow[] {
  const key = byMonth ? 'substr(d.day, 1, 7)' : 'd.day';
  return db.prepare(
    `SELECT ${key} AS k, SUM(d.hours) AS hours, ${sumsOf(source.vendor)}${dayStats(source.vendor, true)}
     FROM json_each(?) j CROSS JOIN report_kpi_days d ON d.connection_id = ? AND d.store_key = j.key AND d.day BETWEEN ? AND ?
     GROUP BY ${key}`,
  ).all(storeParam(source), source.connectionId, from, to) as GroupRow[];
}

/** Sums by month: whole months from the month aggregates, the cut months at the range's ends from days. */
export function readMonths(db: Db, source: NodeSource, from: string, to: string): GroupRow[] {
  const parts = monthParts(db, source, storeParam(source), from, to);
  const out: GroupRow[] = [];
  for (const edge of parts.edges) out.push(...readDays(db, source, edge.from, edge.to, true));
  if (parts.months) {
    out.push(...(db.prepare(
      `SELECT d.month AS k, SUM(d.hours) AS hours, ${sumsOf(source.vendor)}${dayStats(source.vendor, false)}
       FROM json_each(?) j CROSS JOIN report_kpi_months d ON d.connection_id = ? AND d.store_key = j.key AND d.month BETWEEN ? AND ?
       GROUP BY d.month`,
    ).all(storeParam(source), source.connectionId, parts.months.from, parts.months.to) as GroupRow[]));
  }
  return out;
}

/**
 * The month rows and day stretches that cover [from, to] for a source's stores. A month cut by the
 * range whose stores hold no day outside the range (the current month of a range ending today,
 * typically) is read from its month rows too: one row per store instead of one per store-day.
 * `param`: a JSON object keyed by the source's store keys.
 */
function monthParts(db: Db, source: NodeSource, param: string, from: string, to: string): { months: { from: string; to: string } | null; edges: Array<{ from: string; to: string }> } {
  const parts = splitByWholeMonths(from, to);
  let months = parts.months;
  const edges: Array<{ from: string; to: string }> = [];
  const outside = db.prepare(
    `SELECT 1 FROM json_each(?) j CROSS JOIN report_kpi_months d ON d.connection_id = ? AND d.store_key = j.key AND d.month = ?
     WHERE d.day_mask & ? != 0 LIMIT 1`,
  );
  for (const edge of parts.edges) {
    const month = edge.from.slice(0, 7);
    const whole = outside.get(param, source.connectionId, month, 0x7fffffff & ~monthRangeMask(month, edge.from, edge.to)) === undefined;
    // Edges sit at either end of the whole months, so a whole edge extends their range.
    if (!whole) edges.push(edge);
    else if (!months) months = { from: month, to: month };
    else months = { from: month < months.from ? month : months.from, to: month > months.to ? month : months.to };
  }
  return { months, edges };
}

/** Whole months inside [from, to] and the partial stretches at either end. */
export function splitByWholeMonths(from: string, to: string): { months: { from: string; to: string } | null; edges: Array<{ from: string; to: string }> } {
  const edges: Array<{ from: string; to: string }> = [];
  let firstWhole = monthOf(from);
  if (!from.endsWith('-01')) {
    const end = lastDayOfMonth(firstWhole);
    edges.push({ from, to: end < to ? end : to });
    firstWhole = nextMonth(firstWhole);
  }
  let lastWhole = monthOf(to);
  if (to !== lastDayOfMonth(lastWhole)) {
    const start = `${lastWhole}-01`;
    if (start >= from) edges.push({ from: start, to });
    lastWhole = prevMonth(lastWhole);
  }
  return { months: firstWhole <= lastWhole && `${firstWhole}-01` >= from ? { from: firstWhole, to: lastWhole } : null, edges };
}

type SummedColumn = (typeof summedColumns)[number];

/**
 * What a comparison period shows: per period the lead traffic (RetailNext, else Flow), and the
 * totals of the comparison table (traffic, sales, transactions, items sold, impressions,
 * interactions). Reading only these keeps the comparisons to a fraction of the main read.
 */
const comparisonColumns: Record<Vendor, readonly SummedColumn[]> = {
  retailnext: ['enters'],
  flow: ['enters', 'sales', 'transactions', 'items_sold'],
  exteros: ['impressions', 'interactions'],
};

/** Comparison rows of one source, and the store-days it holds up to each store's last expected day. */
export interface ComparisonRead {
  rows: GroupRow[];
  /** rows summed over the whole range (no period): Exteros, which adds to the totals only */
  total: GroupRow | null;
  held: number;
}

/**
 * Reads a comparison period (day, week or month periods) in one pass per source: the few columns
 * comparisons show, and the store-days held counted in the same scan (instead of the day masks a
 * full report reads per store). `lastDays`: per store key, the last day it can have data for.
 */
export function readComparison(db: Db, source: NodeSource, from: string, to: string, byMonth: boolean, lastDays: ReadonlyMap<string, string>): ComparisonRead {
  const param = JSON.stringify(Object.fromEntries(lastDays));
  const sums = comparisonColumns[source.vendor].map((c) => `SUM(d.${c}) AS ${c}`).join(', ');
  const grouped = source.vendor !== 'exteros';
  const dayRead = (a: string, b: string, key: string) => db.prepare(
    `SELECT ${grouped ? key : 'NULL'} AS k, SUM(d.day <= j.value) AS store_days, ${sums}
     FROM json_each(?) j CROSS JOIN report_kpi_days d ON d.connection_id = ? AND d.store_key = j.key AND d.day BETWEEN ? AND ?
     ${grouped ? `GROUP BY ${key}` : ''}`,
  ).all(param, source.connectionId, a, b) as GroupRow[];
  const rows: GroupRow[] = [];
  if (!byMonth) {
    rows.push(...dayRead(from, to, 'd.day'));
  } else {
    const parts = monthParts(db, source, param, from, to);
    for (const edge of parts.edges) rows.push(...dayRead(edge.from, edge.to, 'substr(d.day, 1, 7)'));
    if (parts.months) {
      // Months read whole hold no day after each store's today (no data exists for days to come): their day count is what is held.
      rows.push(...(db.prepare(
        `SELECT ${grouped ? 'd.month' : 'NULL'} AS k, SUM(d.days) AS store_days, ${sums}
         FROM json_each(?) j CROSS JOIN report_kpi_months d ON d.connection_id = ? AND d.store_key = j.key AND d.month BETWEEN ? AND ?
         ${grouped ? 'GROUP BY d.month' : ''}`,
      ).all(param, source.connectionId, parts.months.from, parts.months.to) as GroupRow[]));
    }
  }
  let held = 0;
  for (const r of rows) held += Number(r.store_days ?? 0);
  if (grouped) return { rows, total: null, held };
  const total: GroupRow = { k: '' };
  for (const r of rows) for (const c of comparisonColumns[source.vendor]) if (r[c] !== null && r[c] !== undefined) total[c] = Number(total[c] ?? 0) + Number(r[c]);
  return { rows: [], total, held };
}

/** Turns a group row of one vendor into report figures (each vendor fills its own measures). */
export function figuresOf(vendor: Vendor, row: GroupRow): Figures {
  const f = emptyFigures();
  const n = (c: string) => (row[c] === null || row[c] === undefined ? null : Number(row[c]));
  if (vendor === 'retailnext') {
    addTo(f.sums, 'rnIn', n('enters'));
    addTo(f.sums, 'rnOut', n('exits'));
    f.occupancy.peak = n('occ_peak');
    f.occupancy.peakShareOfLimit = n('occ_share');
    f.occupancy.overLimit = n('over_limit');
    f.validity.incompleteHours = Number(row.incomplete ?? 0);
    f.validity.imputedHours = Number(row.imputed ?? 0);
  } else if (vendor === 'flow') {
    addTo(f.sums, 'flowIn', n('enters'));
    addTo(f.sums, 'flowOut', n('exits'));
    addTo(f.sums, 'sales', n('sales'));
    addTo(f.sums, 'transactions', n('transactions'));
    addTo(f.sums, 'itemsSold', n('items_sold'));
    for (const g of ['male_18_under', 'male_19_44', 'male_45_59', 'male_60_plus', 'female_18_under', 'female_19_44', 'female_45_59', 'female_60_plus'] as const) addTo(f.sums, g, n(g));
  } else {
    for (const m of ['impressions', 'discoveries', 'engagements', 'interactions'] as const) addTo(f.sums, m, n(m));
  }
  f.validity.hours = Number(row.hours ?? 0);
  f.validity.provisional = Number(row.provisional ?? 0) > 0;
  f.ratios = ratiosOf(f.sums);
  return f;
}

/** Predicted traffic (RetailNext) by local day+hour, with the actual traffic of the same store-hours. */
export function readPredictions(db: Db, source: NodeSource, from: string, to: string): Array<{ day: string; hour: number; predicted: number; actual: number | null; matched: number | null }> {
  return db.prepare(
    `SELECT p.day AS day, p.hour AS hour, SUM(p.predicted) AS predicted, SUM(h.enters) AS actual, SUM(CASE WHEN h.enters IS NOT NULL THEN p.predicted END) AS matched
     FROM json_each(?) j CROSS JOIN report_predicted_hourly p ON p.connection_id = ? AND p.store_uuid = j.key AND p.day BETWEEN ? AND ?
     LEFT JOIN kpi_hourly h ON h.connection_id = p.connection_id AND h.store_key = p.store_uuid AND h.day = p.day AND h.hour = p.hour
     GROUP BY p.day, p.hour`,
  ).all(storeParam(source), source.connectionId, from, to) as Array<{ day: string; hour: number; predicted: number; actual: number | null; matched: number | null }>;
}
