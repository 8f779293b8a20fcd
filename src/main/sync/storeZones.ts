import { defaultRange, type DayRange } from '../../shared/sync/defaultRange';
import type { Db } from '../db/open';

/** The cached stores' time zones per connection; `*` all of them (Flow's stores are RetailNext's). */
export function cachedStoreZones(db: Db): Map<string, string[]> {
  const rows = db.prepare("SELECT DISTINCT connection_id, time_zone FROM cached_locations WHERE location_type = 'store' AND time_zone IS NOT NULL").all() as Array<{ connection_id: string; time_zone: string }>;
  const zones = new Map<string, string[]>();
  for (const r of rows) {
    zones.set(r.connection_id, [...(zones.get(r.connection_id) ?? []), r.time_zone]);
    zones.set('*', [...new Set([...(zones.get('*') ?? []), r.time_zone])]);
  }
  return zones;
}

/** What the zones are read from moved on: a new current locations snapshot, or a location edited in place. */
const zonesKeySql = `SELECT
  (SELECT ifnull(group_concat(id), '') FROM sync_snapshots WHERE state = 'current' AND dataset = 'locations') || '|' ||
  (SELECT ifnull(group_concat(dataset || version), '') FROM cache_edits) AS k`;

/**
 * The cached stores' time zones, read again only once the cached locations changed. Reading them scans
 * every cached location (7-11 ms of the core's loop on the large estate), and the background scheduler
 * plans three times after each sync and again at each look at the schedule (the desktop tray's, once a
 * second while a sync runs); what it is kept by costs an index search. Its answer is shared: read it only.
 */
export class StoreZones {
  private kept: { key: string; zones: ReadonlyMap<string, readonly string[]> } | null = null;

  constructor(private readonly db: Db) {}

  current(): ReadonlyMap<string, readonly string[]> {
    const key = (this.db.prepare(zonesKeySql).get() as { k: string }).k;
    if (this.kept?.key !== key) this.kept = { key, zones: cachedStoreZones(this.db) };
    return this.kept.zones;
  }
}

/**
 * The KPI days a sync fetches when none are given, and the Sync and Reports views start from: every
 * cached store's last 7 days by its own calendar (defaultRange), whichever connection syncs, so that
 * the views and Sync all agree.
 */
export function defaultSyncRange(zones: StoreZones, now: Date): DayRange {
  return defaultRange(now, zones.current().get('*') ?? []);
}

/** The same, once some store's zone is cached; null before (when the default is this computer's calendar). */
export function storesSyncRange(db: Db, now: Date): DayRange | null {
  const zones = cachedStoreZones(db).get('*');
  return zones ? defaultRange(now, zones) : null;
}
