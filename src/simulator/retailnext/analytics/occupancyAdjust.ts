/** POST /v1/occupancy/adjust: accepted only within store hours and when the store has an occupancy limit. */
import { indexOf } from './estateIndex';
import type { AnalyticsWorld } from './model';
import type { OccupancyLedger } from './occupancyLedger';
import { badRequest, isRecord, RequestError } from './requestError';
import { attribute } from './storeSessions';

export function occupancyAdjust(body: unknown, world: AnalyticsWorld, ledger: OccupancyLedger): { ok: true } {
  if (!isRecord(body)) throw badRequest('request body must be a JSON object');
  const storeUuid = body.store_uuid;
  if (typeof storeUuid !== 'string' || storeUuid === '') throw badRequest('"store_uuid" is required');
  const count = body.adjustment_count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count === 0) {
    throw badRequest('"adjustment_count" is required: a non-zero integer');
  }
  // The parameter table says adjustment_date, the doc's example sends adjustment_time: accept both.
  const when = body.adjustment_date ?? body.adjustment_time;
  let atMs = world.now();
  if (when !== undefined && when !== null) {
    atMs = typeof when === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(when) ? Date.parse(when) : NaN;
    if (Number.isNaN(atMs)) throw badRequest('"adjustment_date" must be ISO 8601 (yyyy-mm-ddThh:mm:ssZ)');
  }
  const index = indexOf(world.estate);
  const loc = index.location(storeUuid);
  if (!loc) throw new RequestError(404, `store ${storeUuid} not found`);
  const store = index.store(storeUuid);
  if (!store) throw badRequest(`location ${storeUuid} is a ${loc.location_type}, not a store`);
  if (store.occupancy_limit === null) {
    throw badRequest(`occupancy updates need an occupancy limit: store ${store.name} has none set`);
  }
  if (!attribute(store, atMs)) {
    throw badRequest(`occupancy updates are only accepted within store hours: store ${store.name} is closed at ${new Date(atMs).toISOString()}`);
  }
  ledger.add({ storeUuid, atMs, count });
  return { ok: true };
}
