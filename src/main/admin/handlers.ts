import type { adminCalls } from '../../shared/admin/contract';
import { filterUsers, usersCsvRows } from '../../shared/admin/users';
import { changeKindLabels, changeStatusLabels } from '../../shared/admin/types';
import { AppError } from '../../shared/contract/errors';
import { csvFileName, toCsv } from '../../shared/text/csv';
import type { CoreContext } from '../core/context';
import type { HandlersFor } from '../core/handlers';
import { deliverCsv } from '../estate/csvDelivery';
import { loadAccessSettings, runAccessAudit, saveAccessSettings } from './access';
import { retailNextClient, retailNextConnection } from './deps';
import { readLocation } from './locations';
import { occupancyStatus } from './occupancy';
import type { AdminService } from './service';
import { usersList } from './users';

export function adminHandlers(ctx: CoreContext, admin: AdminService): HandlersFor<typeof adminCalls> {
  return {
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
    'admin.changes.list': async ({ filter, offset, limit }) => admin.log.list(filter, offset, limit),
    'admin.changes.exportCsv': async ({ filter }) => {
      const rows: Array<Array<string | number | null>> = [];
      for (const c of admin.log.iterate(filter)) {
        rows.push([c.id, c.recordedAt, c.finishedAt, c.connectionName, changeKindLabels[c.kind], c.targetName ?? c.target, c.target, c.bulkId, c.row, c.before ? JSON.stringify(c.before) : null, JSON.stringify(c.sent), changeStatusLabels[c.status], c.vendorStatus, c.vendorMessage, c.message, c.retryOf]);
      }
      const header = ['Id', 'Recorded', 'Finished', 'Connection', 'What', 'Subject', 'UUID or id', 'Bulk change', 'CSV row', 'Before', 'Sent', 'Outcome', 'HTTP status', 'RetailNext said', 'Message', 'Retry of'];
      return deliverCsv(ctx, csvFileName('change-log', ctx.now()), toCsv(header, rows), rows.length);
    },
    'admin.changes.retry': async ({ changeId }, { signal }) => admin.writes.retry(changeId, signal),
    'admin.users.list': async () => usersList(ctx.db),
    'admin.users.exportCsv': async ({ filter }) => {
      const { header, rows } = usersCsvRows(filterUsers(usersList(ctx.db).users, filter));
      return deliverCsv(ctx, csvFileName('users', ctx.now()), toCsv(header, rows), rows.length);
    },
    'admin.access.report': async () => runAccessAudit(ctx.db, loadAccessSettings(ctx.db), ctx.now()),
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

