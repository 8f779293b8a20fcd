import { addDays, dayCount, localDay } from '../../shared/reports/time';
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
  // Held days from each store-month's day mask: one small row per store and month, whole or cut.
  const held = new Map<string, number>();
  const rows = db.prepare('SELECT d.store_key AS k, d.month AS m, d.day_mask AS mask FROM json_each(?) j CROSS JOIN report_kpi_months d ON d.connection_id = ? AND d.store_key = j.value AND d.month BETWEEN ? AND ?')
    .all(keys, source.connectionId, from.slice(0, 7), to.slice(0, 7)) as Array<{ k: string; m: string; mask: number }>;
  for (const r of rows) held.set(r.k, (held.get(r.k) ?? 0) + bitCount(r.mask & monthRangeMask(r.m, from, to)));
  const lastSynced = new Map<string, string>();
  const provisional = new Map<string, string[]>();
  if (!light) {
    // The latest fetch of each store: months from the range on first, all months for the rest.
    const latest = (rows: Array<{ k: string; at: string }>) => rows.forEach((r) => lastSynced.set(r.k, r.at));
    const lastSql = 'SELECT d.store_key AS k, MAX(d.last_fetched_at) AS at FROM json_each(?) j CROSS JOIN report_kpi_months d ON d.connection_id = ? AND d.store_key = j.value AND d.month >= ? GROUP BY d.store_key';
    latest(db.prepare(lastSql).all(keys, source.connectionId, from.slice(0, 7)) as Array<{ k: string; at: string }>);
    const rest = [...source.stores.keys()].filter((k) => !lastSynced.has(k));
    if (rest.length > 0) latest(db.prepare(lastSql).all(JSON.stringify(rest), source.connectionId, '0000-00') as Array<{ k: string; at: string }>);
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

function bitCount(n: number): number {
  let c = 0;
  for (let v = n >>> 0; v; v &= v - 1) c++;
  return c;
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
