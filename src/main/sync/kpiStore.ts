import type Database from 'better-sqlite3';
import { secondPassOffset } from '../../shared/reports/time';
import { DaySums, deleteReportDaySql, insertReportDaySql, reportDayFromHoursSql } from '../reports/daySums';
import type { SqlValue } from './tables';
import { runJobSteps, statementCache, type WriteJob } from './writer/job';

/** One hour of one store, whichever vendor it came from; absent measures stay null. */
export interface KpiRow {
  storeKey: string;
  day: string;
  hour: number;
  enters?: number | null;
  exits?: number | null;
  occupancy?: number | null;
  sales?: number | null;
  transactions?: number | null;
  itemsSold?: number | null;
  demographics?: Record<string, number> | null;
  impressions?: number | null;
  discoveries?: number | null;
  engagements?: number | null;
  interactions?: number | null;
  entrances?: Record<string, { enters: number; exits: number }> | null;
  validity?: string | null;
}

const demographicColumns = ['male_18_under', 'male_19_44', 'male_45_59', 'male_60_plus', 'female_18_under', 'female_19_44', 'female_45_59', 'female_60_plus'] as const;

const columns = [
  'connection_id', 'store_key', 'day', 'hour', 'enters', 'exits', 'occupancy', 'sales', 'transactions', 'items_sold',
  ...demographicColumns,
  'impressions', 'discoveries', 'engagements', 'interactions', 'entrances', 'validity', 'provisional', 'fetched_at',
];

/** A quarter hour of one location (Exteros' `interval=15min`): `hour` is the wall-clock label, + 24 for the second pass of a repeated hour. */
export interface QuarterRow {
  storeKey: string;
  day: string;
  hour: number;
  minute: 0 | 15 | 30 | 45;
  impressions?: number | null;
  discoveries?: number | null;
  engagements?: number | null;
  interactions?: number | null;
}

const daySumColumns = DaySums.columnsIn(columns);

const insertQuarterSql = `INSERT OR REPLACE INTO kpi_quarter_hourly (connection_id, store_key, day, hour, minute, impressions, discoveries, engagements, interactions, provisional, fetched_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const deleteQuarterDaySql = 'DELETE FROM kpi_quarter_hourly WHERE connection_id = ? AND store_key = ? AND day = ?';
const deleteQuarterHourSql = 'DELETE FROM kpi_quarter_hourly WHERE connection_id = ? AND store_key = ? AND day = ? AND hour = ?';
const markQuarterDaySql = 'INSERT OR REPLACE INTO kpi_quarter_days (connection_id, store_key, day, fetched_at) VALUES (?, ?, ?, ?)';

const insertHourSql = `INSERT OR REPLACE INTO kpi_hourly (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
const deleteDaySql = 'DELETE FROM kpi_hourly WHERE connection_id = ? AND store_key = ? AND day = ?';
const deleteHourSql = 'DELETE FROM kpi_hourly WHERE connection_id = ? AND store_key = ? AND day = ? AND hour = ?';
const markDaySql = `INSERT INTO kpi_days (connection_id, store_key, day, status, fetched_at, run_id) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (connection_id, store_key, day) DO UPDATE SET status = excluded.status, fetched_at = excluded.fetched_at, run_id = excluded.run_id`;

export interface KpiSlice {
  connectionId: string;
  storeKeys: readonly string[];
  days: readonly string[];
  rows: readonly KpiRow[];
  /** Today's date, or each store's own local today (stores in other time zones are on other dates). */
  today: string | ((storeKey: string) => string);
  fetchedAt: string;
  runId: number | null;
  /**
   * The slice's quarter hours (Exteros at 15 minutes): when given, even empty, they replace the
   * slice's quarter hours and its store-days are marked as held at 15 minutes.
   */
  quarters?: readonly QuarterRow[];
  /**
   * When given, only these hour labels (and their second passes) of the slice's days are replaced;
   * the days' other hours stay as they are (Exteros asked for one closed hour, `hour=H`).
   */
  hours?: readonly number[];
}

/**
 * The writes of one slice (some stores x some days), to run in one transaction: the slice's old
 * hours go, the new ones come, and `kpi_days` records each store-day as final (past) or
 * provisional (today). Rows outside the slice's stores and days are ignored.
 */
export function kpiSliceJob(s: KpiSlice): WriteJob {
  // Each store's today, once per slice: the slice's stores, and which rows belong to them.
  const todays = new Map<string, string>();
  for (const store of s.storeKeys) todays.set(store, typeof s.today === 'string' ? s.today : s.today(store));
  const storeDays: SqlValue[][] = [];
  for (const store of s.storeKeys) for (const day of s.days) storeDays.push([s.connectionId, store, day]);
  const dayset = new Set(s.days);
  const only = s.hours ? new Set(s.hours.flatMap((h) => [h, h + secondPassOffset])) : null;
  const replaced = only ? storeDays.flatMap((sd) => [...only].map((h) => [...sd, h])) : storeDays;
  const hours: SqlValue[][] = [];
  // Each store-day's report sums, from the rows as they are bound (a whole-day slice: the day's
  // hours are exactly these); null when the cache's hours must be read back instead.
  let sums: Map<string, { sums: DaySums; lastHour: number }> | null = only ? null : new Map();
  let lastStore = '';
  let lastDay = '';
  let last: { sums: DaySums; lastHour: number } | undefined;
  for (const r of separateRepeatedHours(s.rows)) {
    const today = todays.get(r.storeKey);
    if (today === undefined || !dayset.has(r.day) || (only && !only.has(r.hour))) continue;
    const demo = r.demographics;
    // Pushed one by one (no spread of a mapped array): millions of rows in a large sync.
    const row: SqlValue[] = [s.connectionId, r.storeKey, r.day, r.hour, r.enters ?? null, r.exits ?? null, r.occupancy ?? null, r.sales ?? null, r.transactions ?? null, r.itemsSold ?? null];
    for (const c of demographicColumns) row.push(demo ? (demo[c] ?? 0) : null);
    row.push(r.impressions ?? null, r.discoveries ?? null, r.engagements ?? null, r.interactions ?? null, r.entrances ? JSON.stringify(r.entrances) : null, r.validity ?? null, r.day >= today ? 1 : 0, s.fetchedAt);
    hours.push(row);
    if (sums) {
      // Rows come store-day by store-day: one lookup per store-day, not per row.
      if (r.storeKey !== lastStore || r.day !== lastDay || !last) {
        const key = `${r.storeKey}\u0000${r.day}`;
        last = sums.get(key);
        if (!last) sums.set(key, (last = { sums: new DaySums(daySumColumns), lastHour: -1 }));
        lastStore = r.storeKey;
        lastDay = r.day;
      }
      // SUM adds a day's hours in key order, and its rounding depends on it: hours out of order
      // (a clock change's second pass, a vendor's own order) or twice read the days back instead.
      if (r.hour <= last!.lastHour) sums = null;
      else {
        last!.lastHour = r.hour;
        last!.sums.add(row);
      }
    }
  }
  const marks = storeDays.map(([cid, store, day]) => [cid!, store!, day!, (day as string) >= todays.get(store as string)! ? 'provisional' : 'final', s.fetchedAt, s.runId]);
  const steps: WriteJob['steps'] = [
    { sql: only ? deleteHourSql : deleteDaySql, rows: replaced },
    { sql: insertHourSql, rows: hours, counted: true },
  ];
  if (s.quarters) {
    const quarters: SqlValue[][] = [];
    for (const q of s.quarters) {
      const today = todays.get(q.storeKey);
      if (today === undefined || !dayset.has(q.day) || (only && !only.has(q.hour))) continue;
      quarters.push([s.connectionId, q.storeKey, q.day, q.hour, q.minute, q.impressions ?? null, q.discoveries ?? null, q.engagements ?? null, q.interactions ?? null, q.day >= today ? 1 : 0, s.fetchedAt]);
    }
    steps.push(
      { sql: only ? deleteQuarterHourSql : deleteQuarterDaySql, rows: replaced },
      { sql: insertQuarterSql, rows: quarters },
      { sql: markQuarterDaySql, rows: storeDays.map((r) => [...r, s.fetchedAt]) },
    );
  }
  steps.push({ sql: markDaySql, rows: marks });
  // Then each store-day's report row, one store-day after another as migration 3's triggers did
  // (a month re-summed without a day, then the day added), so months hold the same sums.
  for (const [cid, store, day, status, fetchedAt] of marks) {
    const at = [cid!, store!, day!];
    steps.push({ sql: deleteReportDaySql, rows: [at] });
    const own = sums?.get(`${store as string}\u0000${day as string}`);
    if (sums) steps.push({ sql: insertReportDaySql, rows: [(own?.sums ?? new DaySums(daySumColumns)).row(cid as string, store as string, day as string, status as string, fetchedAt as string)] });
    else steps.push({ sql: reportDayFromHoursSql, rows: [at] });
  }
  return { steps };
}

const summedKeys = ['enters', 'exits', 'sales', 'transactions', 'itemsSold', 'impressions', 'discoveries', 'engagements', 'interactions'] as const;

const addNullable = (a: number | null | undefined, b: number | null | undefined): number | null | undefined => (a == null ? b : b == null ? a : a + b);

/** `b` added into `a`: counts summed (per demographic group and per entrance too), occupancy its peak. */
function addHour(a: KpiRow, b: KpiRow): KpiRow {
  const out: KpiRow = { ...a };
  for (const k of summedKeys) out[k] = addNullable(a[k], b[k]);
  out.occupancy = a.occupancy == null ? b.occupancy : b.occupancy == null ? a.occupancy : Math.max(a.occupancy, b.occupancy);
  if (a.demographics || b.demographics) {
    const d: Record<string, number> = { ...a.demographics };
    for (const [g, v] of Object.entries(b.demographics ?? {})) d[g] = (d[g] ?? 0) + v;
    out.demographics = d;
  }
  if (a.entrances || b.entrances) {
    const e: Record<string, { enters: number; exits: number }> = {};
    for (const src of [a.entrances, b.entrances]) for (const [code, v] of Object.entries(src ?? {})) e[code] = { enters: (e[code]?.enters ?? 0) + v.enters, exits: (e[code]?.exits ?? 0) + v.exits };
    out.entrances = e;
  }
  // A flagged validity (incomplete, imputed) of either hour is kept.
  if (b.validity && b.validity !== 'complete') out.validity = b.validity;
  else out.validity ??= b.validity;
  return out;
}

/**
 * Rows that share a store, local day and hour label: on the autumn clock change the hour before
 * the change happens twice, and vendors that stamp hours in local wall-clock time (Flow) send it
 * as two rows with the same stamp, in order. The second pass is kept as an hour of its own, under
 * label + `secondPassOffset` (see shared/reports/time), so that day holds its 25 hours; anything
 * beyond a second pass (never sent) is added to it. Cheap when nothing repeats: one bit per
 * store-day-hour, a copy only when a repeat is found.
 */
export function separateRepeatedHours(rows: readonly KpiRow[]): readonly KpiRow[] {
  const seen = new Map<string, Map<string, number>>();
  let out: KpiRow[] | null = null;
  let lastStore = '';
  let days = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.storeKey !== lastStore || i === 0) {
      // Rows come store by store: one lookup per store, not per row.
      let known = seen.get(r.storeKey);
      if (!known) seen.set(r.storeKey, (known = new Map()));
      days = known;
      lastStore = r.storeKey;
    }
    const mask = days.get(r.day) ?? 0;
    const bit = 2 ** r.hour;
    if (Math.floor(mask / bit) % 2 === 0) {
      days.set(r.day, mask + bit);
      out?.push(r);
      continue;
    }
    out ??= rows.slice(0, i);
    const second = r.hour + secondPassOffset;
    const at = out.findIndex((o) => o.storeKey === r.storeKey && o.day === r.day && o.hour === second);
    if (at < 0) out.push({ ...r, hour: second });
    else out[at] = addHour(out[at]!, r);
  }
  return out ?? rows;
}

/**
 * Hourly KPIs in the cache. Sync writes slices through its writer (kpiSliceJob); `writeSlice`
 * writes one on the given connection directly (reports' tests and fixtures).
 * A crash mid-slice leaves the slice as it was.
 */
export class KpiStore {
  private readonly prepare: (sql: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.prepare = statementCache(db);
  }

  writeSlice(connectionId: string, storeKeys: readonly string[], days: readonly string[], rows: readonly KpiRow[], today: string, fetchedAt: string, runId: number | null, quarters?: readonly QuarterRow[]): number {
    const job = kpiSliceJob({ connectionId, storeKeys, days, rows, today, fetchedAt, runId, quarters });
    return this.db.transaction(() => runJobSteps(this.prepare, job)).immediate();
  }

  /** Store-days already final in the cache, for skipping on a resumed or repeated range. */
  finalDays(connectionId: string, from: string, to: string): Set<string> {
    const rows = this.db.prepare("SELECT store_key, day FROM kpi_days WHERE connection_id = ? AND day BETWEEN ? AND ? AND status = 'final'").all(connectionId, from, to) as Array<{ store_key: string; day: string }>;
    return new Set(rows.map((r) => `${r.store_key}|${r.day}`));
  }

  /** Store-days held at 15 minutes (Exteros), `store|day`, and when each was last fetched (ms). */
  quarterFetchedAt(connectionId: string, from: string, to: string): Map<string, number> {
    const rows = this.db.prepare('SELECT store_key, day, fetched_at FROM kpi_quarter_days WHERE connection_id = ? AND day BETWEEN ? AND ?').all(connectionId, from, to) as Array<{ store_key: string; day: string; fetched_at: string }>;
    return new Map(rows.map((r) => [`${r.store_key}|${r.day}`, Date.parse(r.fetched_at)]));
  }
}
