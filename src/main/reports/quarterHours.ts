import type { Db } from '../db/open';
import type { NodeSource } from './directory';
import type { GroupRow } from './read';

// Exteros at 15 minutes (kpi_quarter_hourly, migration 10): what 15-minute reports read.

/** Sums by local day, hour and quarter of an Exteros source's stores (`k` day, `h` stored hour, `m` minute). */
export function readQuarters(db: Db, source: NodeSource, from: string, to: string): GroupRow[] {
  return db.prepare(
    `SELECT d.day AS k, d.hour AS h, d.minute AS m, COUNT(*) AS hours, SUM(d.impressions) AS impressions, SUM(d.discoveries) AS discoveries,
            SUM(d.engagements) AS engagements, SUM(d.interactions) AS interactions, SUM(d.provisional) AS provisional
     FROM json_each(?) j CROSS JOIN kpi_quarter_hourly d ON d.connection_id = ? AND d.store_key = j.value AND d.day BETWEEN ? AND ?
     GROUP BY d.day, d.hour, d.minute`,
  ).all(JSON.stringify([...source.stores.keys()]), source.connectionId, from, to) as GroupRow[];
}

/** Store-days of the range the cache holds by the hour only (synced before 15-minute counts were kept). */
export function hourOnlyDays(db: Db, source: NodeSource, from: string, to: string): number {
  const row = db.prepare(
    `SELECT COUNT(*) AS n FROM json_each(?) j CROSS JOIN kpi_days d ON d.connection_id = ? AND d.store_key = j.value AND d.day BETWEEN ? AND ?
     WHERE NOT EXISTS (SELECT 1 FROM kpi_quarter_days q WHERE q.connection_id = d.connection_id AND q.store_key = d.store_key AND q.day = d.day)`,
  ).get(JSON.stringify([...source.stores.keys()]), source.connectionId, from, to) as { n: number };
  return row.n;
}
