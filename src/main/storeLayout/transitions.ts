import { readTransitions, type RawTransitionPlan } from '../../shared/storeLayout/transitions';
import type { TransitionOptions, ZoneTransitions } from '../../shared/storeLayout/types';
import type { CoreContext } from '../core/context';
import type { ZoneTransitionsResponse } from '../vendors/retailnext/schemas';
import { cachedAnswer } from './answers';
import type { LayoutConnections } from './stores';
import { layoutClient } from './stores';
import { floorOf, type RangeQuery } from './zoneMetrics';

/**
 * A floor's zone-to-zone transitions (/v1/zone_transitions over the zones' locations, store hours),
 * cached per floor, range and options. The answer is read against the floorplan each time: a zone it
 * names that is not on the floor is listed with a note.
 */
export async function zoneTransitions(ctx: CoreContext, connections: LayoutConnections, q: RangeQuery & TransitionOptions, signal?: AbortSignal): Promise<ZoneTransitions> {
  const { plan, connectionId } = await floorOf(ctx, connections, q.storeUuid, q.floorplanId, signal);
  const locations = [...new Set(plan.zones.map((z) => z.locationId).filter((l): l is string => !!l))];
  const options: TransitionOptions = { metric: q.metric, transitions: q.transitions, dwells: q.dwells };
  const base = { storeUuid: q.storeUuid, floorplanId: q.floorplanId, from: q.from, to: q.to, options };
  if (locations.length === 0) {
    return { ...base, zones: [], flows: [], notes: ['No zone of this floor has a location in RetailNext: there are no transitions to ask for.'], fetchedAt: ctx.now().toISOString(), refreshError: null };
  }
  const answer = await cachedAnswer(ctx, { connectionId, storeUuid: q.storeUuid, kind: 'transitions', query: { floorplanId: q.floorplanId, from: q.from, to: q.to, ...options, locations } }, q.refresh, async () => {
    const client = await layoutClient(connections, connectionId, signal);
    return client.zoneTransitions({ locations, date_ranges: [{ start: q.from, finish: q.to }], metrics: [q.metric], transitions: q.transitions, dwells: q.dwells, time_ranges: [{ type: 'store_hours' }] }, { signal });
  }, signal);
  const body = JSON.parse(answer.body) as ZoneTransitionsResponse;
  const data = (body.metrics.find((m) => m.name === q.metric) ?? body.metrics[0])?.data ?? [];
  // this floor's part; an answer for one floorplan under another id is still this floor's (the zones were this floor's)
  const part = data.find((d) => d.floorplan.uuid === q.floorplanId) ?? (data.length === 1 ? data[0] : undefined);
  const read = readTransitions(plan.zones, (part as RawTransitionPlan | undefined) ?? null);
  return { ...base, ...read, fetchedAt: answer.fetchedAt, refreshError: answer.refreshError };
}
