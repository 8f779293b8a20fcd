import { AppError } from '../../shared/contract/errors';
import type { Db } from '../db/open';
import { RetailNextClient } from '../vendors/retailnext/client';
import type { VendorTarget } from '../vendors/target';

/** What the store layout needs of saved connections (the ConnectionsService). */
export interface LayoutConnections {
  targetOf(id: string, signal?: AbortSignal): Promise<VendorTarget>;
}

/** A store of the cached RetailNext locations, and the connection it came from. */
export interface LayoutStore {
  storeUuid: string;
  name: string;
  connectionId: string;
  connectionName: string;
  timeZone: string | null;
  occupancyLimit: number | null;
}

/** The cached RetailNext store of that uuid, or a clear error saying where floorplans come from. */
export function layoutStore(db: Db, storeUuid: string): LayoutStore {
  // The current snapshots first, then each one's (snapshot, uuid) index: through the cached_locations
  // view SQLite scanned every cached location (6-7 ms of the core's loop on a large estate, each call).
  const row = db
    .prepare(
      `SELECT l.connection_id, l.name, l.time_zone, l.occupancy_limit, c.name AS connection_name
         FROM sync_snapshots s CROSS JOIN cache_locations l
         JOIN connections c ON c.id = l.connection_id AND c.vendor = 'retailnext'
        WHERE s.state = 'current' AND l.snapshot_id = s.id AND l.uuid = ? AND l.location_type = 'store' ORDER BY c.is_demo, c.name LIMIT 1`,
    )
    .get(storeUuid) as { connection_id: string; name: string; time_zone: string | null; occupancy_limit: number | null; connection_name: string } | undefined;
  if (!row) throw new AppError('not_found', 'This store is not among the cached RetailNext locations: floorplans, zone flows and occupancy come from RetailNext. Sync a RetailNext connection first.');
  return { storeUuid, name: row.name, connectionId: row.connection_id, connectionName: row.connection_name, timeZone: row.time_zone, occupancyLimit: row.occupancy_limit };
}

export async function layoutClient(connections: LayoutConnections, connectionId: string, signal?: AbortSignal): Promise<RetailNextClient> {
  return new RetailNextClient(await connections.targetOf(connectionId, signal));
}
