import { csvFileName, toCsv } from '../../shared/text/csv';
import { storesInScope } from '../../shared/estate/scope';
import type { inventoryCalls } from '../../shared/inventory/contract';
import { applyInventoryView, inventoryCsvRows } from '../../shared/inventory/query';
import type { CoreContext } from '../core/context';
import type { HandlersFor } from '../core/handlers';
import { deliverCsv } from '../estate/csvDelivery';
import type { EstateService } from '../estate/service';
import type { InventoryTables } from './table';
import { deviceDetail } from './device';
import { cachedVideoSources } from './videoSources';

export function inventoryHandlers(ctx: CoreContext, estate: EstateService, tables: InventoryTables): HandlersFor<typeof inventoryCalls> {
  return {
    'inventory.table': async ({ kind, first }) => (first === undefined ? tables.table(kind) : tables.firstRows(kind, first)),
    'inventory.cameraNames': async () => tables.cameraNames(),
    'inventory.device': async ({ kind, id }) => {
      const state = estate.state(ctx.now());
      return deviceDetail(state.model, state.findings, kind, id);
    },
    'inventory.videoSources': async ({ connectionId }) => cachedVideoSources(estate.model(), connectionId),
    'inventory.exportCsv': async ({ kind, scope, view }) => {
      const now = ctx.now();
      const table = tables.table(kind);
      const stores = scope === null ? null : storesInScope(estate.fullTree().nodes, scope);
      const shown = applyInventoryView(table, view, stores);
      const { header, rows } = inventoryCsvRows(table, view, shown);
      return deliverCsv(ctx, csvFileName(`inventory-${kind}`, now), toCsv(header, rows), rows.length);
    },
  };
}
