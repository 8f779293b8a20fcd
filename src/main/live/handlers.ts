import type { liveCalls } from '../../shared/live/contract';
import type { HandlersFor } from '../core/handlers';
import type { LiveService } from './service';
import type { LiveWallsService } from './walls';

/** Live handlers; the same service is the core's media route, which the shells serve. */
export function liveHandlers(service: LiveService, walls: LiveWallsService): HandlersFor<typeof liveCalls> {
  return {
    'live.open': ({ connectionId, storeUuid }, { signal }) => service.open(connectionId, storeUuid, signal),
    'live.close': async ({ sessionId }) => service.close(sessionId),
    'live.walls.list': async () => walls.list(),
    'live.walls.save': async ({ name, layout, cameras, replace }) => walls.save(name, layout, cameras, replace),
    'live.walls.delete': async ({ name }) => walls.delete(name),
  };
}
