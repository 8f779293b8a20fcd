import { addDays, dayCount, localDay } from '../../shared/reports/time';
import type { GapRow } from '../../shared/reports/types';
import type { Db } from '../db/open';
import type { NodeSource, ReportStore } from './directory';
import { splitByWholeMonths } from './read';

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

export function coverage(db: Db, source: NodeSource, from: string, to: string, now: Date, todays: Map<string, string>): Coverage {
  const keys = JSON.stringify([...source.stores.keys()]);
  const held = new Map<string, number>();
  const count = (rows: Array<{ k: string; n: number }>) => rows.forEach((r) => held.set(r.k, (held.get(r.k) ?? 0) + r.n));
  const parts = splitByWholeMonths(from, to);
  for (const e of parts.edges) {
    count(db.prepare('SELECT d.store_key AS k, COUNT(*) AS n FROM json_each(?) j CROSS JOIN report_kpi_days d ON d.connection_id = ? AND d.store_key = j.value AND d.day BETWEEN ? AND ? GROUP BY d.store_key').all(keys, source.connectionId, e.from, e.to) as Array<{ k: string; n: number }>);
  }
  if (parts.months) {
    count(db.prepare('SELECT d.store_key AS k, SUM(d.days) AS n FROM json_each(?) j CROSS JOIN report_kpi_months d ON d.connection_id = ? AND d.store_key = j.value AND d.month BETWEEN ? AND ? GROUP BY d.store_key').all(keys, source.connectionId, parts.months.from, parts.months.to) as Array<{ k: string; n: number }>);
  }
  const lastSynced = new Map<string, string>();
  for (const r of db.prepare('SELECT d.store_key AS k, MAX(d.last_fetched_at) AS at FROM json_each(?) j CROSS JOIN report_kpi_months d ON d.connection_id = ? AND d.store_key = j.value GROUP BY d.store_key').all(keys, source.connectionId) as Array<{ k: string; at: string }>) {
    lastSynced.set(r.k, r.at);
  }
  const provisional = new Map<string, string[]>();
  for (const r of db.prepare("SELECT store_key AS k, day FROM report_kpi_days WHERE connection_id = ? AND status = 'provisional' AND day BETWEEN ? AND ? ORDER BY day").all(source.connectionId, from, to) as Array<{ k: string; day: string }>) {
    if (source.stores.has(r.k)) provisional.set(r.k, [...(provisional.get(r.k) ?? []), r.day]);
  }
  const expected = new Map<string, number>();
  for (const [key, store] of source.stores) {
    const last = expectedTo(store, to, now, todays);
    expected.set(key, last < from ? 0 : dayCount(from, last));
  }
  return { source, expected, held, lastSynced, provisional };
}

/** The days of a store missing from the cache in [from, to], as ranges. */
export function missingRanges(db: Db, connectionId: string, storeKey: string, from: string, to: string): Array<{ from: string; to: string }> {
  if (to < from) return [];
  const held = new Set((db.prepare('SELECT day FROM report_kpi_days WHERE connection_id = ? AND store_key = ? AND day BETWEEN ? AND ?').all(connectionId, storeKey, from, to) as Array<{ day: string }>).map((r) => r.day));
  const out: Array<{ from: string; to: string }> = [];
  let open: { from: string; to: string } | null = null;
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (held.has(d)) {
      open = null;
    } else if (open) {
      open.to = d;
    } else {
      open = { from: d, to: d };
      out.push(open);
    }
  }
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
