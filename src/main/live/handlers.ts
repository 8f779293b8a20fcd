import type { liveCalls } from '../../shared/live/contract';
import type { HandlersFor } from '../core/handlers';
import type { LiveService } from './service';

/** Live handlers; the same service is the core's media route, which the shells serve. */
export function liveHandlers(service: LiveService): HandlersFor<typeof liveCalls> {
  return {
    'live.open': ({ connectionId, storeUuid }) => service.open(connectionId, storeUuid),
    'live.close': async ({ sessionId }) => service.close(sessionId),
  };
}
