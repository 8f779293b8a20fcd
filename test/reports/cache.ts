import path from 'node:path';
import { openDatabase, type Db } from '../../src/main/db/open';
import { KpiStore, type KpiRow } from '../../src/main/sync/kpiStore';
import { tempDir } from '../support/temp';

/** A real cache file with three connections, filled the way the sync fills it (same tables, same writer). */
export interface TestCache {
  db: Db;
  kpis: KpiStore;
  /** writes the given hours of stores x days as one slice, as the sync does; `today` decides final/provisional */
  write(connectionId: string, storeKeys: string[], days: string[], rows: KpiRow[], opts?: { today?: string; fetchedAt?: string }): void;
}

export const ids = {
  rn: 'rn-test',
  flow: 'flow-test',
  exteros: 'exteros-test',
  region: 'region-east',
  ny: 'store-ny',
  chicago: 'store-chicago',
};

export function openTestCache(flowCodes: string[] = ['101', '102']): TestCache {
  return seedTestCache(openDatabase({ file: path.join(tempDir('roc-reports-'), 'cache.sqlite') }), flowCodes);
}

/** Adds the three test connections and the RetailNext/Exteros locations to an open cache. */
export function seedTestCache(db: Db, flowCodes: string[] = ['101', '102']): TestCache {
  const at = '2026-01-01T00:00:00.000Z';
  const conn = db.prepare('INSERT INTO connections (id, vendor, name, settings, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  conn.run(ids.rn, 'retailnext', 'RN test', JSON.stringify({ subscription: 's', accessKey: 'a' }), at, at);
  conn.run(ids.flow, 'flow', 'Flow test', JSON.stringify({ storeCodes: flowCodes, language: 'en' }), at, at);
  conn.run(ids.exteros, 'exteros', 'Exteros test', '{}', at, at);
  const snap = (connectionId: string) => Number(db.prepare("INSERT INTO sync_snapshots (connection_id, dataset, state, created_at, fetched_at) VALUES (?, 'locations', 'current', ?, ?)").run(connectionId, at, at).lastInsertRowid);
  const loc = db.prepare('INSERT INTO cache_locations (snapshot_id, connection_id, uuid, name, location_type, parent_uuid, store_id, time_zone, occupancy_limit, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const rnSnap = snap(ids.rn);
  loc.run(rnSnap, ids.rn, ids.region, 'East', 'region', 'subscription', null, null, null, at);
  loc.run(rnSnap, ids.rn, ids.ny, 'Madison Ave Store', 'store', ids.region, '101', 'America/New_York', 10, at);
  loc.run(rnSnap, ids.rn, ids.chicago, 'Lakeside', 'store', ids.region, '102', 'America/Chicago', null, at);
  const exSnap = snap(ids.exteros);
  loc.run(exSnap, ids.exteros, 'madison-ave-store', 'madison-ave-store', 'store', null, null, null, null, at);
  const kpis = new KpiStore(db);
  return {
    db,
    kpis,
    write(connectionId, storeKeys, days, rows, opts = {}) {
      kpis.writeSlice(connectionId, storeKeys, days, rows, opts.today ?? '2099-01-01', opts.fetchedAt ?? '2026-05-01T08:00:00.000Z', null);
    },
  };
}
