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
    'storeLayout.floorplans': async ({ storeUuid, refresh }) => storeFloorplans(ctx, deps.connections, storeUuid, refresh),
    'storeLayout.zoneMetrics': async (q) => zoneMetrics(ctx, deps.connections, q),
    'storeLayout.transitions': async (q) => zoneTransitions(ctx, deps.connections, q),
  };
}
