import type { CallContext, CoreContext } from '../core/context';
import type { SyncScheduler } from './background/scheduler';
import { SyncService, type SyncDeps } from './service';
import { defaultSyncRange } from './storeZones';

/**
 * The sync calls of the contract. Wire with `...syncHandlers(ctx, { connections })` where
 * `connections` is the ConnectionsService (get + secretOf); call `service.close()` on shutdown.
 */
export function syncHandlers(ctx: CoreContext, deps: SyncDeps & { service?: SyncService; scheduler: SyncScheduler }) {
  const { scheduler } = deps;
  const service = deps.service ?? new SyncService(ctx, deps);
  return {
    'sync.start': async (input: Parameters<SyncService['start']>[0], call: CallContext) => service.start(input, 'manual', call.signal),
    'sync.cancel': async (input: { runId?: number; connectionId?: string }) => service.cancel(input),
    'sync.status': async (input: { connectionId?: string }) => service.status(input.connectionId),
    'sync.runs': async (input: { connectionId?: string; limit: number }) => service.history(input),
    'sync.all': async (_input: unknown, call: CallContext) => scheduler.syncAll(call.signal),
    'sync.defaultRange': async () => defaultSyncRange(service.storeZones, ctx.now()),
    'sync.schedule': async () => scheduler.schedule(),
    'sync.setSchedule': async (input: { settings: Parameters<SyncScheduler['setSettings']>[0] }) => scheduler.setSettings(input.settings),
    'sync.connectivity': async (input: { online: boolean }) => scheduler.setOnline(input.online),
  };
}
