import type { adminCalls } from '../../shared/admin/contract';
import { AppError } from '../../shared/contract/errors';
import type { CoreContext } from '../core/context';
import type { HandlersFor } from '../core/handlers';
import { loadAccessSettings, recordUsersSeen, saveAccessSettings } from './access';
import { retailNextClient, retailNextConnection } from './deps';
import { readLocation } from './locations';
import { occupancyStatus } from './occupancy';
import { adminReadHandlers } from './reads';
import type { AdminService } from './service';

export function adminHandlers(ctx: CoreContext, admin: AdminService): HandlersFor<typeof adminCalls> {
  const reads = adminReadHandlers(ctx, admin.log);
  return {
    ...reads,
    'admin.locations.editable': async ({ uuid }) => admin.editable(uuid),
    'admin.bulk.draft': async (input) => admin.bulk.draft(input),
    'admin.bulk.preview': async ({ bulkId, offset, limit, verdict, status }) => admin.bulk.preview(bulkId, offset, limit, verdict, status),
    'admin.bulk.confirm': async ({ bulkId }) => admin.bulk.confirm(bulkId),
    'admin.bulk.cancel': async ({ bulkId }) => admin.bulk.cancel(bulkId),
    'admin.bulk.retry': async ({ bulkId }) => admin.bulk.retry(bulkId),
    'admin.bulk.discard': async ({ bulkId }) => admin.bulk.discard(bulkId),
    'admin.bulk.list': async ({ limit }) => admin.bulk.list(limit),
    'admin.write.preview': async ({ write }, { signal }) => admin.writes.preview(write, signal),
    'admin.write.confirm': async ({ previewId }, { signal }) => admin.writes.confirm(previewId, signal),
    'admin.changes.retry': async ({ changeId }, { signal }) => admin.writes.retry(changeId, signal),
    'admin.access.report': async (input, call) => {
      recordUsersSeen(ctx.db, loadAccessSettings(ctx.db));
      return reads['admin.access.report'](input, call);
    },
    'admin.access.saveSettings': async ({ settings }) => saveAccessSettings(ctx.db, settings, ctx.now()),
    'admin.occupancy.status': async ({ storeUuid }, { signal }) => {
      const loc = readLocation(ctx.db, storeUuid);
      if (!loc) throw new AppError('not_found', 'That store is not among the cached RetailNext locations.');
      const connection = retailNextConnection(admin.deps, loc.connectionId);
      try {
        return await occupancyStatus(ctx.db, storeUuid, ctx.now(), await retailNextClient(admin.deps, connection, signal), null, signal);
      } catch (e) {
        if (e instanceof AppError && e.code !== 'not_found' && !signal.aborted) return occupancyStatus(ctx.db, storeUuid, ctx.now(), null, e);
        throw e;
      }
    },
  };
}

