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

/**
 * The KPI days a sync fetches when none are given, and the Sync and Reports views start from: every
 * cached store's last 7 days by its own calendar (defaultRange), whichever connection syncs, so that
 * the views and Sync all agree.
 */
export function defaultSyncRange(db: Db, now: Date): DayRange {
  return defaultRange(now, cachedStoreZones(db).get('*') ?? []);
}

/** The same, once some store's zone is cached; null before (when the default is this computer's calendar). */
export function storesSyncRange(db: Db, now: Date): DayRange | null {
  const zones = cachedStoreZones(db).get('*');
  return zones ? defaultRange(now, zones) : null;
}
