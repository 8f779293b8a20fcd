import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CacheEdits } from '../../src/main/admin/cacheEdits';
import { openDatabase, type Db } from '../../src/main/db/open';
import type { LocationNode } from '../../src/main/vendors/retailnext/schemas';
import { defaultSyncRange, StoreZones } from '../../src/main/sync/storeZones';
import { tempDir } from '../support/temp';

const at = '2027-05-12T05:00:00.000Z';

function cacheWithStores(zones: string[]): { db: Db; snapshot: (zones: string[]) => void } {
  const db = openDatabase({ file: path.join(tempDir('roc-zones-'), 'cache.sqlite') });
  db.prepare("INSERT INTO connections (id, vendor, name, settings, created_at, updated_at) VALUES ('rn', 'retailnext', 'RN', '{}', ?, ?)").run(at, at);
  // A sync's new snapshot of the locations becomes current and the one before it is retired.
  const snapshot = (storeZones: string[]) =>
    db.transaction(() => {
      db.prepare("UPDATE sync_snapshots SET state = 'retired' WHERE connection_id = 'rn' AND dataset = 'locations' AND state = 'current'").run();
      const id = Number(db.prepare("INSERT INTO sync_snapshots (connection_id, dataset, state, created_at, fetched_at) VALUES ('rn', 'locations', 'current', ?, ?)").run(at, at).lastInsertRowid);
      const row = db.prepare("INSERT INTO cache_locations (snapshot_id, connection_id, uuid, name, location_type, parent_uuid, time_zone, fetched_at) VALUES (?, 'rn', ?, ?, 'store', NULL, ?, ?)");
      storeZones.forEach((zone, i) => row.run(id, `store-${i}`, `Store ${i}`, zone, at));
    })();
  snapshot(zones);
  return { db, snapshot };
}

describe("the cached stores' time zones, kept until the cached locations change", () => {
  it('are read once while nothing changed, and again after a location is edited in place or a sync brings a new snapshot', () => {
    const { db, snapshot } = cacheWithStores(['America/New_York', 'America/New_York', 'America/Los_Angeles']);
    const zones = new StoreZones(db);
    const first = zones.current();
    expect(first.get('rn')).toEqual(['America/New_York', 'America/Los_Angeles']);
    expect(first.get('*')).toEqual(['America/New_York', 'America/Los_Angeles']);
    // Nothing changed: the same answer, not a second scan of every cached location.
    expect(zones.current()).toBe(first);

    // An edit RetailNext answered changes the row in place (cache_edits moves on).
    const answer: LocationNode = { uuid: 'store-2', name: 'Store 2', location_type: 'store', store_id: null, time_zone: 'Europe/London' };
    new CacheEdits(db, () => new Date(at)).location('rn', answer);
    const edited = zones.current();
    expect(edited).not.toBe(first);
    expect(edited.get('rn')).toEqual(['America/New_York', 'Europe/London']);
    expect(zones.current()).toBe(edited);

    // A sync of the locations: the new snapshot's stores.
    snapshot(['Pacific/Kiritimati', 'Etc/GMT+12']);
    expect(zones.current().get('*')).toEqual(['Pacific/Kiritimati', 'Etc/GMT+12']);
    // 23:30 on 10 May at UTC-12 is 01:30 on 12 May in Kiritimati: both stores' weeks whole.
    expect(defaultSyncRange(zones, new Date('2027-05-11T11:30:00Z'))).toEqual({ from: '2027-05-04', to: '2027-05-12' });

    // The connection removed: its snapshots go with it, and so do its zones.
    db.prepare("DELETE FROM connections WHERE id = 'rn'").run();
    expect(zones.current().get('*')).toBeUndefined();
    db.close();
  });
});
