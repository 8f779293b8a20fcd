import { AppError, fail, type Result } from '../../shared/contract/errors';
import { checkDraftRows, type DraftCheckInput } from '../admin/bulkCheck';
import { adminReadHandlers } from '../admin/reads';
import { alertHandlers } from '../alerts/handlers';
import { AlertsService } from '../alerts/service';
import { auditHandlers } from '../audit/handlers';
import { AuditFindings } from '../audit/service';
import { ChangeLog } from '../changeLog/changeLog';
import type { CoreContext } from '../core/context';
import { createDispatcher, toAppError } from '../core/dispatch';
import { checkLink, estateHandlers, type LinkInput } from '../estate/handlers';
import { EstateService } from '../estate/service';
import { inventoryHandlers } from '../inventory/handlers';
import { InventoryTables } from '../inventory/table';
import { StoreDirectories } from '../reports/directory';
import { reportsHandlers } from '../reports/handlers';
import { predictionSources } from '../reports/predictions';
import { kpiHoldings } from '../reports/holdings';
import { laneCalls, type ReadLane, type ReadOpName } from './protocol';

/** The reads of one lane over a connection: what a read worker runs (or the core, when no worker can start). */
export interface ReadOps {
  run(op: ReadOpName, input: unknown): Promise<Result<unknown>>;
  warm(part: 'start' | 'sync'): void;
}

export interface ReadOpsOptions {
  /** Where the estate keeps a view for the next start (a read worker's connection is read-only). */
  keep?: (name: string, version: string, value: unknown) => void;
  /** Hears the JSON text a kept view was read from, so the worker answers with it unserialised. */
  readAs?: (value: object, json: string) => void;
}

/**
 * Builds a lane's services over `ctx` with the features' own handlers, so an answer made on a worker
 * is the very one the core would make. Only the lane's calls are served; they read, never write.
 */
export function readOps(ctx: CoreContext, lane: ReadLane, options: ReadOpsOptions = {}): ReadOps {
  const noSubscribe = () => () => undefined;
  let extra: Partial<Record<ReadOpName, (input: unknown) => unknown>> = {};
  let warm: (part: 'start' | 'sync') => void = () => undefined;
  let handlers: Record<string, (input: never, call: never) => Promise<unknown>>;
  if (lane === 'estate') {
    const estate = new EstateService(ctx, new AuditFindings(ctx.db), options.keep, options.readAs);
    const inventory = new InventoryTables(estate);
    estate.whenRebuilt((model) => {
      inventory.table('cameras', model);
      inventory.cameraNames(model);
    });
    const alerts = new AlertsService(ctx, estate);
    handlers = { ...estateHandlers(ctx, estate), ...inventoryHandlers(ctx, estate, inventory), ...auditHandlers(ctx, estate), ...alertHandlers(ctx, alerts, noSubscribe) };
    extra = {
      'estate.checkLink': (input) => checkLink(estate, input as LinkInput),
      'alerts.fresh': (input) => alerts.freshAfterSync((input as { connectionId: string }).connectionId),
    };
    warm = (part) => estate.warm(part);
  } else if (lane === 'admin') {
    handlers = adminReadHandlers(ctx, new ChangeLog(ctx.db, ctx.now));
    extra = { 'admin.bulk.check': (input) => checkDraftRows(ctx.db, input as DraftCheckInput) };
  } else {
    const noVendors = {
      targetOf: () => Promise.reject(new AppError('internal', 'Reports read on a worker never reach a vendor.')),
    };
    const directories = new StoreDirectories(ctx.db);
    handlers = reportsHandlers(ctx, { connections: noVendors }, directories);
    extra = {
      'reports.predictionSources': (input) => predictionSources(directories.current(), (input as { nodeId: string }).nodeId),
      'sync.kpiHoldings': (input) => kpiHoldings(ctx.db, (input as { connectionId: string }).connectionId),
    };
  }
  const served = new Set<string>(laneCalls[lane]);
  const dispatch = createDispatcher(
    Object.fromEntries(Object.entries(handlers).filter(([name]) => served.has(name))) as unknown as Parameters<typeof createDispatcher>[0],
    ctx.log,
  );
  return {
    async run(op, input) {
      const own = extra[op];
      if (own) {
        try {
          return { ok: true, value: await own(input) };
        } catch (e) {
          return { ok: false, error: toAppError(e, op, ctx.log).toContractError() };
        }
      }
      if (!served.has(op)) return fail('unknown_call', 'The console asked for something this version does not know.', `${op} is not read on the ${lane} lane`);
      return dispatch(op, input);
    },
    warm,
  };
}
