import type { liveCalls } from '../../shared/live/contract';
import type { ConnectionsService } from '../connections/service';
import type { CoreContext } from '../core/context';
import type { HandlersFor } from '../core/handlers';
import type { VideoSourcesService } from '../exports/sources';
import { LiveService, registerMediaRoute } from './service';

/** Live handlers; the service also becomes the core's media route, which the shells expose. */
export function liveHandlers(ctx: CoreContext, deps: { connections: ConnectionsService; sources: VideoSourcesService; service?: LiveService }): HandlersFor<typeof liveCalls> {
  const service = deps.service ?? new LiveService(ctx, deps.connections, deps.sources);
  registerMediaRoute(ctx, service);
  return {
    'live.open': ({ connectionId, storeUuid }) => service.open(connectionId, storeUuid),
    'live.close': async ({ sessionId }) => service.close(sessionId),
  };
}
