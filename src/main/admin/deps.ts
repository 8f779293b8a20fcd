import { AppError } from '../../shared/contract/errors';
import type { ConnectionView } from '../../shared/connections/types';
import type { ConnectionsService } from '../connections/service';
import type { CoreContext } from '../core/context';
import { RetailNextClient } from '../vendors/retailnext/client';
import type { DraftCheck, DraftCheckInput } from './bulkCheck';
import type { CacheEdits } from './cacheEdits';
import type { ChangeLog } from '../changeLog/changeLog';
import type { WriteJob } from '../db/writeJob';

/** What the parts of administration share; built once by AdminService. */
export interface AdminDeps {
  ctx: CoreContext;
  connections: ConnectionsService;
  log: ChangeLog;
  edits: CacheEdits;
  /** The dry run of a draft's rows: on the admin read lane (checkDraftRows, read inline where no lane is given). */
  checkDraft: (input: DraftCheckInput) => Promise<DraftCheck>;
  /**
   * Where a draft's checked rows and a confirm's change log entries are written: the sync's writer
   * (its thread), each job in one transaction; resolves once it is committed.
   */
  write: (job: WriteJob) => Promise<number>;
}

/** The RetailNext connection a write goes to: the one named, or the only one there is. */
export function retailNextConnection(deps: AdminDeps, connectionId?: string): ConnectionView {
  if (connectionId) {
    const c = deps.connections.get(connectionId);
    if (c.vendor !== 'retailnext') throw new AppError('invalid_input', `"${c.name}" is a ${c.vendor} connection: only RetailNext locations and users can be changed from the console.`);
    return c;
  }
  const all = deps.connections.list().filter((c) => c.vendor === 'retailnext');
  if (all.length === 0) throw new AppError('not_found', 'There is no RetailNext connection: add one (or try the Demo workspace) first.');
  if (all.length > 1) throw new AppError('invalid_input', 'There are several RetailNext connections: choose the one to change.');
  return all[0]!;
}

export async function retailNextClient(deps: AdminDeps, connection: ConnectionView, signal?: AbortSignal): Promise<RetailNextClient> {
  return new RetailNextClient(await deps.connections.targetOf(connection.id, signal));
}
