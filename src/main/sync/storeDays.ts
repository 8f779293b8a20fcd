import type Database from 'better-sqlite3';
import { localDay } from '../../shared/reports/time';
import { linkedKey, sourceConnections } from '../reports/storeLinks';

/** A store's own calendar at the sync's instant: `today` is provisional, days after `last` have no counts yet. */
export interface StoreDay {
  today: string;
  last: string;
}

/**
 * Each store's local today (a store in Tokyo is on tomorrow while the machine in New York is not).
 * A store whose time zone is unknown gets the widest bounds: today is the earliest date on Earth
 * (so a day is final only once it is over everywhere) and counts may exist up to the latest one.
 */
export function storeDays(zoneOf: ReadonlyMap<string, string | null>, now: Date): (storeKey: string) => StoreDay {
  const ms = now.getTime();
  const unknown: StoreDay = { today: localDay('Etc/GMT+12', ms), last: localDay('Etc/GMT-14', ms) };
  const byZone = new Map<string, StoreDay>();
  const inZone = (zone: string): StoreDay => {
    let d = byZone.get(zone);
    if (!d) {
      try {
        const day = localDay(zone, ms);
        d = { today: day, last: day };
      } catch {
        d = unknown; // a zone name Intl does not know
      }
      byZone.set(zone, d);
    }
    return d;
  };
  return (key) => {
    const zone = zoneOf.get(key);
    return zone ? inZone(zone) : unknown;
  };
}

/**
 * Time zones of a Flow or Exteros connection's store keys, from the RetailNext stores they belong to
 * (the same links reports use); an Exteros zone or display takes its parent location's zone.
 */
export function linkedZones(db: Database.Database, connectionId: string): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const source = sourceConnections(db).find((c) => c.connectionId === connectionId);
  if (!source) return out;
  const keySet = new Set(source.keys);
  const stores = db.prepare(
    "SELECT uuid, name, store_id, time_zone FROM cached_locations WHERE location_type = 'store' AND time_zone IS NOT NULL AND connection_id IN (SELECT id FROM connections WHERE vendor = 'retailnext')",
  ).all() as Array<{ uuid: string; name: string; store_id: string | null; time_zone: string }>;
  for (const s of stores) {
    const key = linkedKey(source, { uuid: s.uuid, name: s.name, storeId: s.store_id }, keySet);
    if (key !== null && !out.has(key)) out.set(key, s.time_zone);
  }
  if (source.vendor === 'exteros') {
    const parents = db.prepare('SELECT uuid, parent_uuid FROM cached_locations WHERE connection_id = ? AND parent_uuid IS NOT NULL').all(connectionId) as Array<{ uuid: string; parent_uuid: string }>;
    for (const p of parents) if (!out.has(p.uuid) && out.get(p.parent_uuid)) out.set(p.uuid, out.get(p.parent_uuid)!);
  }
  return out;
}
