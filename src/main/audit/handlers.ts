import type { auditCalls } from '../../shared/audit/contract';
import { filterFindings, findingsCsvRows } from '../../shared/audit/rules';
import { csvFileName, toCsv } from '../../shared/text/csv';
import { storesInScope } from '../../shared/estate/scope';
import type { CoreContext } from '../core/context';
import type { HandlersFor } from '../core/handlers';
import { deliverCsv } from '../estate/csvDelivery';
import type { EstateService } from '../estate/service';
import { auditReport } from './service';
import { loadAuditSettings, saveAuditSettings } from './settings';

export function auditHandlers(ctx: CoreContext, estate: EstateService): HandlersFor<typeof auditCalls> {
  return {
    'audit.report': async () => auditReport(estate, ctx.db, ctx.now()),
    'audit.settings': async () => loadAuditSettings(ctx.db),
    'audit.saveSettings': async ({ settings }) => saveAuditSettings(ctx.db, settings, ctx.now()),
    'audit.exportCsv': async ({ scope, filter }) => {
      const now = ctx.now();
      const state = estate.state(now);
      const stores = scope === null ? null : storesInScope(estate.fullTree().nodes, scope);
      const { header, rows } = findingsCsvRows(filterFindings(state.findings, filter, stores));
      return deliverCsv(ctx, csvFileName('sensor-audit', now), toCsv(header, rows), rows.length);
    },
  };
}
