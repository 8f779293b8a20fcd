import type { alertCalls } from '../../shared/alerts/contract';
import type { SyncRunView } from '../../shared/sync/types';
import type { CoreContext } from '../core/context';
import type { EventListener } from '../core/events';
import type { HandlersFor } from '../core/handlers';
import type { AlertsService } from './service';

/** The alerts calls; `subscribe` brings the finished health-alert syncs that record new alerts. */
export function alertHandlers(ctx: CoreContext, service: AlertsService, subscribe: (listener: EventListener) => () => void): HandlersFor<typeof alertCalls> {
  subscribe((name, payload) => {
    if (name !== 'sync.finished') return;
    service.onSyncFinished(payload as SyncRunView).catch((e: unknown) => ctx.log.log('warn', 'alerts: could not record new alerts', { error: String(e) }));
  });
  return {
    'alerts.list': async (filter) => service.list(filter),
    'alerts.markSeen': async () => service.markSeen(),
    'alerts.acknowledge': async ({ connectionId, uuid, acknowledged }) => service.acknowledge(connectionId, uuid, acknowledged),
    'alerts.badge': async () => service.badge(),
  };
}
