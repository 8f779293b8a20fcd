import type Database from 'better-sqlite3';
import type { SyncDataset } from '../../shared/sync/types';
import { datasetTables, type CacheTable, type SqlValue } from './tables';
import { WriteQueue } from './writer/queue';
import type { SyncWriter } from './writer/writer';

type SnapshotDataset = Exclude<SyncDataset, 'kpis'>;

/** Rows per write job: the unit the writer groups into transactions (and, inline, one transaction). */
const insertChunk = 1_000;
/** Rows per delete pass when freeing a retired snapshot. */
const deleteChunk = 2_000;

/**
 * Builds one snapshot of a dataset beside the current one, then swaps it in with one small
 * transaction. Until `commit`, readers (the `cached_*` views) keep seeing the previous snapshot;
 * a crash leaves a `building` snapshot that `recoverSnapshots` discards.
 *
 * Rows go through the sync writer (a thread with its own connection) and are not awaited one by
 * one; `commit` and `discard` first wait for every queued write, so nothing lands after the swap.
 */
export class SnapshotBuilder {
  private readonly queue: WriteQueue;

  private constructor(
    private readonly db: Database.Database,
    private readonly writer: SyncWriter,
    readonly id: number,
    readonly connectionId: string,
    readonly dataset: SnapshotDataset,
    private readonly fetchedAt: string,
  ) {
    this.queue = new WriteQueue(writer);
  }

  /** Registers a new `building` snapshot (through the writer) and returns its builder. */
  static async create(db: Database.Database, writer: SyncWriter, connectionId: string, dataset: SnapshotDataset, runId: number | null, fetchedAt: string): Promise<SnapshotBuilder> {
    const id = await writer.write({
      steps: [{ sql: "INSERT INTO sync_snapshots (connection_id, dataset, run_id, state, created_at) VALUES (?, ?, ?, 'building', ?)", rows: [[connectionId, dataset, runId, fetchedAt]], returnId: true }],
    });
    return new SnapshotBuilder(db, writer, id, connectionId, dataset, fetchedAt);
  }

  /** Rows written so far (queued rows count once committed by the writer). */
  get rows(): number {
    return this.queue.written;
  }

  /** Queues rows (values in the table's column order); resolves once they are queued, throws a write failure seen so far. */
  async insert(table: CacheTable, rows: readonly SqlValue[][]): Promise<void> {
    const cols = ['snapshot_id', 'connection_id', 'fetched_at', ...table.columns];
    const sql = `INSERT INTO ${table.name} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
    for (let i = 0; i < rows.length; i += insertChunk) {
      const chunk = rows.slice(i, i + insertChunk).map((r) => [this.id, this.connectionId, this.fetchedAt, ...r]);
      await this.queue.add({ steps: [{ sql, rows: chunk, counted: true }] });
    }
  }

  /** Makes this snapshot the current one in one transaction, then frees the old one. */
  async commit(): Promise<void> {
    await this.queue.flush();
    // Through the writer too (one job = one transaction): the core's connection never waits for the writer's lock.
    await this.writer.write({
      steps: [
        { sql: "UPDATE sync_snapshots SET state = 'retired' WHERE connection_id = ? AND dataset = ? AND state = 'current'", rows: [[this.connectionId, this.dataset]] },
        { sql: "UPDATE sync_snapshots SET state = 'current', fetched_at = ?, row_count = ? WHERE id = ?", rows: [[this.fetchedAt, this.rows, this.id]] },
      ],
    });
    await purgeRetiredSnapshots(this.db, this.writer);
  }

  /** Abandons the snapshot (failure, cancel); the previous one stays current. */
  async discard(): Promise<void> {
    await this.queue.settle();
    await this.writer.write({ steps: [{ sql: "UPDATE sync_snapshots SET state = 'retired' WHERE id = ? AND state = 'building'", rows: [[this.id]] }] });
    await purgeRetiredSnapshots(this.db, this.writer);
  }
}

/** After a crash: snapshots still `building` belong to a dead run; retire and free them. */
export async function recoverSnapshots(db: Database.Database, writer: SyncWriter, options: { ownedElsewhere?: (snapshotId: number) => boolean } = {}): Promise<number> {
  const building = db.prepare("SELECT id FROM sync_snapshots WHERE state = 'building'").all() as Array<{ id: number }>;
  const dead = building.filter((b) => !options.ownedElsewhere?.(b.id));
  const retire = db.prepare("UPDATE sync_snapshots SET state = 'retired' WHERE id = ?");
  db.transaction(() => dead.forEach((b) => retire.run(b.id)))();
  await purgeRetiredSnapshots(db, writer);
  return dead.length;
}

/** Deletes the rows of retired snapshots, a chunk per transaction, through the writer. */
export function purgeRetiredSnapshots(db: Database.Database, writer: SyncWriter): Promise<void> {
  // One purge at a time per writer; a caller arriving during one waits for it and then runs its own pass.
  const run = async (): Promise<void> => {
    const retired = db.prepare("SELECT id, dataset FROM sync_snapshots WHERE state = 'retired'").all() as Array<{ id: number; dataset: SnapshotDataset }>;
    for (const snap of retired) {
      const steps = (datasetTables[snap.dataset] ?? []).map((table) => ({
        sql: `DELETE FROM ${table.name} WHERE rowid IN (SELECT rowid FROM ${table.name} WHERE snapshot_id = ? LIMIT ${deleteChunk})`,
        rows: [[snap.id]],
        untilNoChange: true,
      }));
      steps.push({ sql: "DELETE FROM sync_snapshots WHERE id = ? AND state = 'retired'", rows: [[snap.id]], untilNoChange: true });
      await writer.write({ steps });
    }
  };
  return writer.oneAtATime(run);
}
