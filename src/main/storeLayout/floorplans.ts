import { AppError } from '../../shared/contract/errors';
import { checkFloorplan, type RawFloorplan } from '../../shared/storeLayout/geometry';
import type { StoreFloorplans } from '../../shared/storeLayout/types';
import type { CoreContext } from '../core/context';
import { layoutClient, layoutStore, type LayoutConnections } from './stores';

interface CachedRow {
  body: string;
  fetched_at: string;
}

/**
 * A store's floorplans: read from the cache; fetched from RetailNext (`/v1/stores/<uuid>/fpafloorplans`)
 * when none are cached or a refresh is asked. A failed refresh keeps the cached answer and says why.
 * The vendor's answer is kept as validated, and checked (outlines, coordinates) each time it is read.
 * `signal` is the call's: a cancelled call stops its request and answers "cancelled", never a refresh error.
 */
export async function storeFloorplans(ctx: CoreContext, connections: LayoutConnections, storeUuid: string, refresh: boolean, signal?: AbortSignal): Promise<StoreFloorplans> {
  const store = layoutStore(ctx.db, storeUuid);
  const read = () => ctx.db.prepare('SELECT body, fetched_at FROM store_layout_floorplans WHERE connection_id = ? AND store_uuid = ?').get(store.connectionId, storeUuid) as CachedRow | undefined;
  let cached = read();
  let refreshError: StoreFloorplans['refreshError'] = null;
  if (!cached || refresh) {
    try {
      const client = await layoutClient(connections, store.connectionId, signal);
      const plans = await client.fpaFloorplans({ storeUuid }, { signal });
      // Only this store's plans: a vendor answering the whole subscription must not fill another store's view.
      const own = plans.filter((p) => !p.store_id || p.store_id === storeUuid);
      const fetchedAt = ctx.now().toISOString();
      ctx.db
        .prepare(
          `INSERT INTO store_layout_floorplans (connection_id, store_uuid, body, fetched_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (connection_id, store_uuid) DO UPDATE SET body = excluded.body, fetched_at = excluded.fetched_at`,
        )
        .run(store.connectionId, storeUuid, JSON.stringify(own), fetchedAt);
      cached = read();
    } catch (e) {
      if (signal?.aborted) throw e;
      const err = e instanceof AppError ? e : new AppError('internal', 'The floorplans could not be fetched.');
      if (!cached) throw err;
      refreshError = { code: err.code, message: err.message };
    }
  }
  if (!cached) throw new AppError('internal', 'The floorplans could not be kept in the cache.');
  const raw = JSON.parse(cached.body) as RawFloorplan[];
  return {
    storeUuid,
    storeName: store.name,
    connectionId: store.connectionId,
    connectionName: store.connectionName,
    floorplans: raw.map(checkFloorplan),
    fetchedAt: cached.fetched_at,
    refreshError,
  };
}
