import { loadAccessSettings, recordUsersSeen } from '../admin/access';
import type { CallContext, CoreContext } from '../core/context';
import type { Handler, Handlers } from '../core/handlers';
import { saveCsv } from '../estate/csvDelivery';
import { saveLink } from '../estate/handlers';
import { laneCalls, type ReadCallName, type ReadLane } from './protocol';
import type { ReadsService } from './service';

/**
 * The calls answered by the read workers (laneCalls), as the core's handlers: each hands its
 * already validated input to its lane and relays the answer as JSON text. Some need the core around
 * the read: a CSV the desktop saves through its folder dialog, a placement the core writes once
 * the worker has checked it against the model, and the access audit's first-seen times. Spread after the features' own handlers.
 */
export function readHandlers(ctx: CoreContext, reads: ReadsService): Partial<Handlers> {
  const out: Record<string, (input: unknown, call: CallContext) => Promise<unknown>> = {};
  for (const [lane, names] of Object.entries(laneCalls) as Array<[ReadLane, readonly ReadCallName[]]>) {
    for (const name of names) out[name] = (input, { signal }) => reads.answer(lane, name, input, signal);
  }
  const csv = (lane: ReadLane, name: 'inventory.exportCsv' | 'audit.exportCsv' | 'admin.users.exportCsv' | 'admin.changes.exportCsv') => async (input: unknown, { signal }: CallContext) => {
    // Without a folder dialog (browser mode) the page downloads the CSV: the worker's answer is it.
    if (!ctx.shell.chooseFolder) return reads.answer(lane, name, input, signal);
    const made = await reads.csv(lane, name, input, signal);
    return saveCsv(ctx, made.fileName, made.csv, made.rows);
  };
  out['inventory.exportCsv'] = csv('estate', 'inventory.exportCsv');
  out['audit.exportCsv'] = csv('estate', 'audit.exportCsv');
  out['admin.users.exportCsv'] = csv('admin', 'admin.users.exportCsv');
  out['admin.changes.exportCsv'] = csv('admin', 'admin.changes.exportCsv');
  // The audit's first-seen times are written here (the lane's connection is read-only), then it is read there.
  out['admin.access.report'] = (input, { signal }) => {
    recordUsersSeen(ctx.db, loadAccessSettings(ctx.db));
    return reads.answer('admin', 'admin.access.report', input, signal);
  };
  const link: Handler<'estate.link'> = async (input, { signal }) => {
    await reads.value('estate', 'estate.checkLink', input, signal);
    return saveLink(ctx, input);
  };
  out['estate.link'] = link as (input: unknown, call: CallContext) => Promise<unknown>;
  return out as Partial<Handlers>;
}
