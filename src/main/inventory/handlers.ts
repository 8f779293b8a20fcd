import { csvFileName, toCsv } from '../../shared/estate/csv';
import { storesInScope } from '../../shared/estate/scope';
import type { inventoryCalls } from '../../shared/inventory/contract';
import { applyInventoryView, inventoryCsvRows } from '../../shared/inventory/query';
import type { CoreContext } from '../core/context';
import type { HandlersFor } from '../core/handlers';
import { estateState } from '../audit/service';
import { deliverCsv } from '../estate/csvDelivery';
import { buildTree } from '../estate/tree';
import { estateModel } from '../estate/model';
import { firstRows, inventoryTable } from './table';

export function inventoryHandlers(ctx: CoreContext): HandlersFor<typeof inventoryCalls> {
  return {
    'inventory.table': async ({ kind, first }) => (first === undefined ? inventoryTable(estateModel(ctx.db), kind) : firstRows(ctx.db, kind, first)),
    'inventory.exportCsv': async ({ kind, scope, view }) => {
      const now = ctx.now();
      const state = estateState(ctx.db, now);
      const table = inventoryTable(state.model, kind);
      const stores = scope === null ? null : storesInScope(buildTree(state.model, state.links, state.findings).nodes, scope);
      const shown = applyInventoryView(table, view, stores);
      const { header, rows } = inventoryCsvRows(table, view, shown);
      return deliverCsv(ctx, csvFileName(`inventory-${kind}`, now), toCsv(header, rows), rows.length);
    },
  };
}
