import { dayCount, lastDayOfMonth, localDay, nextMonth } from '../../shared/reports/time';
import type { GapRow } from '../../shared/reports/types';
import type { Db } from '../db/open';
import type { NodeSource, ReportStore } from './directory';

/** What the cache holds of one source over a range, store by store, and what it lacks. */
export interface Coverage {
  source: NodeSource;
  /** per store key: store-days expected (up to each store's local today) and held */
  expected: Map<string, number>;
  held: Map<string, number>;
  lastSynced: Map<string, string>;
  /** store-days fetched while running: key -> days */
  provisional: Map<string, string[]>;
}

/** Today in a zone, cached for the call. */
export function todayIn(zone: string, now: Date, cache: Map<string, string>): string {
  let d = cache.get(zone);
  if (!d) {
    d = localDay(zone, now.getTime());
    cache.set(zone, d);
  }
  return d;
}

/** The last day of the range a store can have data for: its local today at the latest. */
export function expectedTo(store: ReportStore, to: string, now: Date, todays: Map<string, string>): string {
  const today = todayIn(store.timeZone, now, todays);
  return to < today ? to : today;
}

/** `light`: counts only (comparison periods), without last sync times and provisional days. */
export function coverage(db: Db, source: NodeSource, from: string, to: string, now: Date, todays: Map<string, string>, light = false): Coverage {
  const keys = JSON.stringify([...source.stores.keys()]);
  // Held days per store from its store-months: whole months count their days, the cut months at
  // either end the bits of their day mask inside the range. Summed in SQL: one row per store. The
  // same scan (on to the latest month) gives each store's latest fetch, unless `light`.
  const held = new Map<string, number>();
  const lastSynced = new Map<string, string>();
  const provisional = new Map<string, string[]>();
  const first = from.slice(0, 7);
  const last = to.slice(0, 7);
  const rows = db.prepare(
    `SELECT d.store_key AS k, SUM(CASE WHEN d.month > ? THEN 0
                                      WHEN d.month = ? THEN ${popcount(`d.day_mask & ${monthRangeMask(first, from, to)}`)}
                                      WHEN d.month = ? THEN ${popcount(`d.day_mask & ${monthRangeMask(last, from, to)}`)}
                                      ELSE d.days END) AS n, MAX(d.last_fetched_at) AS at
     FROM json_each(?) j CROSS JOIN report_kpi_months d ON d.connection_id = ? AND d.store_key = j.value AND d.month BETWEEN ? AND ?
     GROUP BY d.store_key`,
  ).all(last, first, last, keys, source.connectionId, first, light ? last : '9999-12') as Array<{ k: string; n: number; at: string }>;
  for (const r of rows) {
    held.set(r.k, r.n);
    if (!light) lastSynced.set(r.k, r.at);
  }
  if (!light) {
    // Stores with nothing from the range on: their latest fetch from any month.
    const rest = [...source.stores.keys()].filter((k) => !lastSynced.has(k));
    if (rest.length > 0) {
      const earlier = db.prepare('SELECT d.store_key AS k, MAX(d.last_fetched_at) AS at FROM json_each(?) j CROSS JOIN report_kpi_months d ON d.connection_id = ? AND d.store_key = j.value GROUP BY d.store_key')
        .all(JSON.stringify(rest), source.connectionId) as Array<{ k: string; at: string }>;
      for (const r of earlier) lastSynced.set(r.k, r.at);
    }
    for (const r of db.prepare("SELECT store_key AS k, day FROM report_kpi_days WHERE connection_id = ? AND status = 'provisional' AND day BETWEEN ? AND ? ORDER BY day").all(source.connectionId, from, to) as Array<{ k: string; day: string }>) {
      if (source.stores.has(r.k)) provisional.set(r.k, [...(provisional.get(r.k) ?? []), r.day]);
    }
  }
  const expected = new Map<string, number>();
  for (const [key, store] of source.stores) {
    const last = expectedTo(store, to, now, todays);
    expected.set(key, last < from ? 0 : dayCount(from, last));
  }
  return { source, expected, held, lastSynced, provisional };
}

/** Bits of the days of `month` inside [from, to] (bit d-1 = day d). */
export function monthRangeMask(month: string, from: string, to: string): number {
  const first = from.slice(0, 7) === month ? Number(from.slice(8)) : 1;
  const last = to.slice(0, 7) === month ? Number(to.slice(8)) : 31;
  let mask = 0;
  for (let d = first; d <= last; d++) mask |= 1 << (d - 1);
  return mask;
}

/** SQL for the number of bits set in a 32-bit expression (the SWAR popcount; SQLite has none). */
export function popcount(x: string): string {
  const c1 = `((${x}) - (((${x}) >> 1) & 1431655765))`;
  const c2 = `((${c1} & 858993459) + ((${c1} >> 2) & 858993459))`;
  const c3 = `((${c2} + (${c2} >> 4)) & 252645135)`;
  return `(((${c3} * 16843009) & 4294967295) >> 24)`;
}

/**
 * The days of a store missing from the cache in [from, to], as ranges: read from its store-months'
 * day masks (one row per month; a month with no row holds no day). Reading its store-days instead
 * made a year's monthly report over 500 stores with a gap cost 1.4 s (bench/reports).
 */
export function missingRanges(db: Db, connectionId: string, storeKey: string, from: string, to: string): Array<{ from: string; to: string }> {
  if (to < from) return [];
  const first = from.slice(0, 7);
  const last = to.slice(0, 7);
  const masks = new Map(
    (db.prepare('SELECT month, day_mask AS mask FROM report_kpi_months WHERE connection_id = ? AND store_key = ? AND month BETWEEN ? AND ?').all(connectionId, storeKey, first, last) as Array<{ month: string; mask: number }>).map((r) => [r.month, r.mask]),
  );
  const out: Array<{ from: string; to: string }> = [];
  const dayIn = (month: string, d: number) => `${month}-${d < 10 ? '0' : ''}${d}`;
  // The missing run being followed: the range pushed when it started, the last day seen missing.
  let open: { range: { from: string; to: string }; month: string; day: number } | null = null;
  for (let month = first; month <= last; month = nextMonth(month)) {
    const mask = masks.get(month) ?? 0;
    const firstDay = month === first ? Number(from.slice(8)) : 1;
    const lastDay = month === last ? Number(to.slice(8)) : Number(lastDayOfMonth(month).slice(8));
    for (let d = firstDay; d <= lastDay; d++) {
      if (mask & (1 << (d - 1))) {
        if (open) open.range.to = dayIn(open.month, open.day);
        open = null;
      } else if (open) {
        open.month = month;
        open.day = d;
      } else {
        open = { range: { from: dayIn(month, d), to: '' }, month, day: d };
        out.push(open.range);
      }
    }
  }
  if (open) open.range.to = dayIn(open.month, open.day);
  return out;
}

/** Rows that say plainly which stores lack which days (never synced) or hold stale ones, per source. */
export function gapRows(db: Db, cov: Coverage, from: string, to: string, now: Date, todays: Map<string, string>): GapRow[] {
  const rows: GapRow[] = [];
  for (const [key, store] of cov.source.stores) {
    const expected = cov.expected.get(key) ?? 0;
    const held = cov.held.get(key) ?? 0;
    const today = todayIn(store.timeZone, now, todays);
    const prov = cov.provisional.get(key) ?? [];
    const staleDays = prov.filter((d) => d < today);
    const provisionalDays = prov.filter((d) => d >= today);
    if (held >= expected && staleDays.length === 0) continue;
    const missing = held < expected ? missingRanges(db, cov.source.connectionId, key, from, expectedTo(store, to, now, todays)) : [];
    rows.push({
      vendor: cov.source.vendor,
      connectionName: cov.source.connectionName,
      storeId: store.uuid,
      storeName: store.name,
      missing,
      missingDays: missing.reduce((n, r) => n + dayCount(r.from, r.to), 0),
      staleDays,
      provisionalDays,
      lastSyncedAt: cov.lastSynced.get(key) ?? null,
    });
  }
  return rows;
}
