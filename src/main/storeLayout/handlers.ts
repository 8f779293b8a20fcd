import type { storeLayoutCalls } from '../../shared/storeLayout/contract';
import type { CoreContext } from '../core/context';
import type { HandlersFor } from '../core/handlers';
import { storeFloorplans } from './floorplans';
import type { LayoutConnections } from './stores';
import { zoneTransitions } from './transitions';
import { zoneMetrics } from './zoneMetrics';

/** The store layout calls. Wire with `...storeLayoutHandlers(ctx, { connections })`. */
export function storeLayoutHandlers(ctx: CoreContext, deps: { connections: LayoutConnections }): HandlersFor<typeof storeLayoutCalls> {
  return {
    'storeLayout.floorplans': async ({ storeUuid, refresh }, { signal }) => storeFloorplans(ctx, deps.connections, storeUuid, refresh, signal),
    'storeLayout.zoneMetrics': async (q, { signal }) => zoneMetrics(ctx, deps.connections, q, signal),
    'storeLayout.transitions': async (q, { signal }) => zoneTransitions(ctx, deps.connections, q, signal),
  };
}
