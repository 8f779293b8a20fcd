import { AppError } from '../../shared/contract/errors';
import type { Floorplan, ZoneMeasureValues, ZoneMetrics } from '../../shared/storeLayout/types';
import type { CoreContext } from '../core/context';
import { zoneMeasureRows } from '../vendors/retailnext/datamine';
import type { DatamineResponse } from '../vendors/retailnext/schemas';
import { cachedAnswer } from './answers';
import { storeFloorplans } from './floorplans';
import { layoutClient, type LayoutConnections } from './stores';

export interface RangeQuery {
  storeUuid: string;
  floorplanId: string;
  from: string;
  to: string;
  refresh: boolean;
}

/** The floor of a store's cached floorplans, or a clear error. */
export async function floorOf(ctx: CoreContext, connections: LayoutConnections, storeUuid: string, floorplanId: string, signal?: AbortSignal): Promise<{ plan: Floorplan; connectionId: string; timeZone: string | null }> {
  const plans = await storeFloorplans(ctx, connections, storeUuid, false, signal);
  const plan = plans.floorplans.find((p) => p.id === floorplanId);
  if (!plan) throw new AppError('not_found', 'This floor is not among the store\'s floorplans: fetch the floorplans again.');
  // By the current snapshots' (snapshot, uuid) index, not the view's scan of every cached location.
  const row = ctx.db
    .prepare("SELECT l.time_zone FROM sync_snapshots s CROSS JOIN cache_locations l WHERE s.state = 'current' AND s.connection_id = ? AND l.snapshot_id = s.id AND l.uuid = ? AND l.location_type = 'store'")
    .get(plans.connectionId, storeUuid) as { time_zone: string | null } | undefined;
  return { plan, connectionId: plans.connectionId, timeZone: row?.time_zone ?? null };
}

/**
 * A floor's zone measures (datamine on each zone's location, store hours, days in the store's zone),
 * cached per floor and range. Zones without a location, and locations the answer leaves out, are noted.
 */
export async function zoneMetrics(ctx: CoreContext, connections: LayoutConnections, q: RangeQuery, signal?: AbortSignal): Promise<ZoneMetrics> {
  const { plan, connectionId, timeZone } = await floorOf(ctx, connections, q.storeUuid, q.floorplanId, signal);
  const zones = plan.zones.filter((z) => z.locationId);
  const locations = [...new Set(zones.map((z) => z.locationId as string))];
  const notes: string[] = [];
  const without = plan.zones.filter((z) => !z.locationId);
  if (without.length > 0) notes.push(`${without.map((z) => z.name).join(', ')} ${without.length === 1 ? 'has' : 'have'} no location in RetailNext, so no measures.`);
  if (locations.length === 0) {
    return { storeUuid: q.storeUuid, floorplanId: q.floorplanId, from: q.from, to: q.to, timeZone, values: [], notes: [...notes, 'No zone of this floor can be measured.'], fetchedAt: ctx.now().toISOString(), refreshError: null };
  }
  const answer = await cachedAnswer(ctx, { connectionId, storeUuid: q.storeUuid, kind: 'zone_metrics', query: { floorplanId: q.floorplanId, from: q.from, to: q.to, locations } }, q.refresh, async () => {
    const client = await layoutClient(connections, connectionId, signal);
    return client.zoneMeasures(locations, q.from, q.to, timeZone ?? 'UTC', { signal });
  }, signal);
  const rows = new Map(zoneMeasureRows(JSON.parse(answer.body) as DatamineResponse).map((r) => [r.locationUuid, r]));
  const values: ZoneMeasureValues[] = [];
  const missing: string[] = [];
  for (const z of zones) {
    const r = rows.get(z.locationId as string);
    if (!r) missing.push(z.name);
    values.push({ zoneId: z.id, locationId: z.locationId as string, trafficIn: r?.trafficIn ?? null, dwells: r?.dwells ?? null, averageDwellSeconds: r?.averageDwellSeconds ?? null });
  }
  if (missing.length > 0) notes.push(`RetailNext sent no measures for ${missing.join(', ')}.`);
  if (!timeZone) notes.push('The store has no time zone in the cache: days are read in UTC.');
  return { storeUuid: q.storeUuid, floorplanId: q.floorplanId, from: q.from, to: q.to, timeZone, values, notes, fetchedAt: answer.fetchedAt, refreshError: answer.refreshError };
}
