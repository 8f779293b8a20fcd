import { filterUsers, usersCsvRows } from '../../shared/admin/users';
import { changeKindLabels, changeStatusLabels } from '../../shared/admin/types';
import { csvFileName, toCsv } from '../../shared/text/csv';
import type { ChangeLog } from '../changeLog/changeLog';
import type { CoreContext } from '../core/context';
import type { Handler } from '../core/handlers';
import { deliverCsv } from '../estate/csvDelivery';
import { loadAccessSettings, runAccessAudit } from './access';
import { usersList } from './users';

export type AdminReadName = 'admin.users.list' | 'admin.users.exportCsv' | 'admin.access.report' | 'admin.changes.list' | 'admin.changes.exportCsv';

/**
 * Administration's heavy reads: every user's visible stores (400 users over 5,000 stores on a large
 * estate), the access audit over them, and the change log (a searched page reads every change: 19-25 ms
 * at 20,000 of them; and as CSV). They only read the cache, so the
 * admin read lane runs them on its own connection; the access audit's first-seen times are written
 * by the core before it is asked for (recordUsersSeen).
 */
export function adminReadHandlers(ctx: CoreContext, changes: ChangeLog): { [K in AdminReadName]: Handler<K> } {
  return {
    'admin.users.list': async () => usersList(ctx.db),
    'admin.users.exportCsv': async ({ filter }) => {
      const { header, rows } = usersCsvRows(filterUsers(usersList(ctx.db).users, filter));
      return deliverCsv(ctx, csvFileName('users', ctx.now()), toCsv(header, rows), rows.length);
    },
    'admin.access.report': async () => runAccessAudit(ctx.db, loadAccessSettings(ctx.db), ctx.now()),
    'admin.changes.list': async ({ filter, offset, limit }) => changes.list(filter, offset, limit),
    'admin.changes.exportCsv': async ({ filter }) => {
      const rows: Array<Array<string | number | null>> = [];
      for (const c of changes.iterate(filter)) {
        rows.push([c.id, c.recordedAt, c.finishedAt, c.connectionName, changeKindLabels[c.kind], c.targetName ?? c.target, c.target, c.bulkId, c.row, c.before ? JSON.stringify(c.before) : null, JSON.stringify(c.sent), changeStatusLabels[c.status], c.vendorStatus, c.vendorMessage, c.message, c.retryOf]);
      }
      const header = ['Id', 'Recorded', 'Finished', 'Connection', 'What', 'Subject', 'UUID or id', 'Bulk change', 'CSV row', 'Before', 'Sent', 'Outcome', 'HTTP status', 'RetailNext said', 'Message', 'Retry of'];
      return deliverCsv(ctx, csvFileName('change-log', ctx.now()), toCsv(header, rows), rows.length);
    },
  };
}
