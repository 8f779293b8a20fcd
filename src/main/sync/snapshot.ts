import type Database from 'better-sqlite3';
import type { SyncDataset } from '../../shared/sync/types';
import { datasetTables, type CacheTable, type SqlValue } from './tables';
import { yieldToLoop } from './yieldToLoop';

type SnapshotDataset = Exclude<SyncDataset, 'kpis'>;

/** Rows per transaction while building: small enough that no chunk holds the event loop for long. */
const insertChunk = 1_000;
const deleteChunk = 5_000;

/**
 * Builds one snapshot of a dataset beside the current one, then swaps it in with one small
 * transaction. Until `commit`, readers (the `cached_*` views) keep seeing the previous snapshot;
 * a crash leaves a `building` snapshot that `recoverSnapshots` discards.
 */
export class SnapshotBuilder {
  readonly id: number;
  rows = 0;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    readonly connectionId: string,
    readonly dataset: SnapshotDataset,
    runId: number | null,
    private readonly fetchedAt: string,
  ) {
    const info = db
      .prepare("INSERT INTO sync_snapshots (connection_id, dataset, run_id, state, created_at) VALUES (?, ?, ?, 'building', ?)")
      .run(connectionId, dataset, runId, fetchedAt);
    this.id = Number(info.lastInsertRowid);
  }

  private statement(table: CacheTable): Database.Statement {
    let st = this.statements.get(table.name);
    if (!st) {
      const cols = ['snapshot_id', 'connection_id', 'fetched_at', ...table.columns];
      st = this.db.prepare(`INSERT INTO ${table.name} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
      this.statements.set(table.name, st);
    }
    return st;
  }

  /** Appends rows (values in the table's column order) in chunked transactions, yielding between chunks. */
  async insert(table: CacheTable, rows: readonly SqlValue[][]): Promise<void> {
    const st = this.statement(table);
    const prefix: SqlValue[] = [this.id, this.connectionId, this.fetchedAt];
    const write = this.db.transaction((chunk: readonly SqlValue[][]) => {
      for (const r of chunk) st.run(...prefix, ...r);
    });
    for (let i = 0; i < rows.length; i += insertChunk) {
      write(rows.slice(i, i + insertChunk));
      this.rows += Math.min(insertChunk, rows.length - i);
      if (i + insertChunk < rows.length) await yieldToLoop();
    }
  }

  /** Makes this snapshot the current one in one transaction, then frees the old one in the background of the run. */
  async commit(): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare("UPDATE sync_snapshots SET state = 'retired' WHERE connection_id = ? AND dataset = ? AND state = 'current'").run(this.connectionId, this.dataset);
      this.db.prepare("UPDATE sync_snapshots SET state = 'current', fetched_at = ?, row_count = ? WHERE id = ?").run(this.fetchedAt, this.rows, this.id);
    }).immediate();
    await purgeRetiredSnapshots(this.db);
  }

  /** Abandons the snapshot (failure, cancel); the previous one stays current. */
  async discard(): Promise<void> {
    this.db.prepare("UPDATE sync_snapshots SET state = 'retired' WHERE id = ? AND state = 'building'").run(this.id);
    await purgeRetiredSnapshots(this.db);
  }
}

/** After a crash: snapshots still `building` belong to a dead run; retire and free them. */
export async function recoverSnapshots(db: Database.Database, options: { ownedElsewhere?: (snapshotId: number) => boolean } = {}): Promise<number> {
  const building = db.prepare("SELECT id FROM sync_snapshots WHERE state = 'building'").all() as Array<{ id: number }>;
  const dead = building.filter((b) => !options.ownedElsewhere?.(b.id));
  const retire = db.prepare("UPDATE sync_snapshots SET state = 'retired' WHERE id = ?");
  db.transaction(() => dead.forEach((b) => retire.run(b.id)))();
  await purgeRetiredSnapshots(db);
  return dead.length;
}

let purging: Promise<void> | null = null;

/** Deletes rows of retired snapshots a chunk at a time, so no single statement stalls the process. */
export function purgeRetiredSnapshots(db: Database.Database): Promise<void> {
  // One purge at a time; a caller arriving during one waits for it and then runs its own pass.
  const run = async (): Promise<void> => {
    const retired = db.prepare("SELECT id, dataset FROM sync_snapshots WHERE state = 'retired'").all() as Array<{ id: number; dataset: SnapshotDataset }>;
    for (const snap of retired) {
      for (const table of datasetTables[snap.dataset] ?? []) {
        const del = db.prepare(`DELETE FROM ${table.name} WHERE rowid IN (SELECT rowid FROM ${table.name} WHERE snapshot_id = ? LIMIT ${deleteChunk})`);
        while (del.run(snap.id).changes > 0) await yieldToLoop();
      }
      db.prepare('DELETE FROM sync_snapshots WHERE id = ?').run(snap.id);
    }
  };
  const next = (purging ?? Promise.resolve()).then(run, run);
  const tracked: Promise<void> = next
    .catch(() => undefined)
    .finally(() => {
      if (purging === tracked) purging = null;
    });
  purging = tracked;
  return next;
}
