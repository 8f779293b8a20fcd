import type { EditableLocation } from '../../shared/admin/contract';
import { locationFields } from '../../shared/admin/fields';
import { AppError } from '../../shared/contract/errors';
import type { ConnectionsService } from '../connections/service';
import type { CoreContext } from '../core/context';
import { BulkChanges } from './bulk';
import { checkDraftRows } from './bulkCheck';
import { CacheEdits } from './cacheEdits';
import type { ChangeLog } from '../changeLog/changeLog';
import type { AdminDeps } from './deps';
import { parentKindFor, readLocation } from './locations';
import { SingleWrites } from './writes';

/**
 * RetailNext administration: bulk and single writes, the change log they go through, and the
 * cache updated from RetailNext's answers. Built once by the composition root; it holds the state
 * of running bulk runs and open previews.
 */
export class AdminService {
  readonly log: ChangeLog;
  readonly edits: CacheEdits;
  readonly bulk: BulkChanges;
  readonly writes: SingleWrites;
  readonly deps: AdminDeps;

  /** `off`: where a draft's rows are checked (the admin read lane) and where drafts and a confirm's entries are written (the sync's writer), off the core's loop. */
  constructor(ctx: CoreContext, connections: ConnectionsService, log: ChangeLog, off: Pick<AdminDeps, 'write'> & Partial<Pick<AdminDeps, 'checkDraft'>>) {
    this.log = log;
    this.edits = new CacheEdits(ctx.db, ctx.now);
    this.deps = { ctx, connections, log: this.log, edits: this.edits, checkDraft: off.checkDraft ?? (async (input) => checkDraftRows(ctx.db, input)), write: off.write };
    this.bulk = new BulkChanges(this.deps);
    this.writes = new SingleWrites(this.deps);
    const changes = this.log.lastId();
    const bulks = this.bulk.lastId();
    if (this.log.needsRecovery(changes) || bulks.staleDrafts) this.recover(changes, bulks.id);
  }

  /**
   * Writes cut off by the last stop say so ("outcome unknown", "not sent"); only entries from before
   * this start are touched. Never waits for the sync writer's lock (the console must start at once):
   * when the cache is busy, it tries again a second later.
   */
  private recover(changesUpTo: number, bulksUpTo: number): void {
    const { db, log } = this.deps.ctx;
    if (!db.open) return;
    const wait = db.pragma('busy_timeout', { simple: true }) as number;
    db.pragma('busy_timeout = 0');
    try {
      const recovered = this.log.recoverAfterStop(changesUpTo);
      this.bulk.dropStaleDrafts(bulksUpTo);
      if (recovered.unknown + recovered.notSent > 0) log.log('warn', 'admin: writes cut off by the last stop', recovered);
    } catch (e) {
      log.log('info', 'admin: the cache is busy; the change log is brought up to date in a moment', { error: String(e) });
      this.retryTimer = setTimeout(() => this.recover(changesUpTo, bulksUpTo), 1000);
      this.retryTimer.unref?.();
    } finally {
      if (db.open) db.pragma(`busy_timeout = ${wait}`);
    }
  }

  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  editable(uuid: string): EditableLocation {
    const loc = readLocation(this.deps.ctx.db, uuid);
    if (!loc) throw new AppError('not_found', 'That location is not among the cached RetailNext locations.');
    const want = parentKindFor(loc.kind);
    const parents = (this.deps.ctx.db.prepare('SELECT uuid, name FROM cached_locations WHERE connection_id = ? AND location_type = ? AND archive_date IS NULL AND uuid != ? ORDER BY name').all(loc.connectionId, want, loc.uuid) as Array<{ uuid: string; name: string }>);
    const fields = locationFields.filter((f) => f.appliesTo.includes(loc.kind)).map((f) => f.id);
    return { connectionId: loc.connectionId, uuid: loc.uuid, name: loc.name, type: loc.type, kind: loc.kind, values: Object.fromEntries(fields.map((f) => [f, loc.values[f] ?? null])), fields, parents };
  }

  async close(): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.bulk.idle();
  }
}
