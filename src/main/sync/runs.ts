import type Database from 'better-sqlite3';
import type { ContractError } from '../../shared/contract/errors';
import type { SyncDataset, SyncRunStatus, SyncRunView, SyncTrigger } from '../../shared/sync/types';
import type { RunOutcome } from './unrecordedRuns';
import type { WriteJob } from './writer/job';

interface RunRow {
  id: number;
  connection_id: string;
  job: string;
  started_at: string;
  finished_at: string | null;
  status: SyncRunStatus;
  rows_written: number;
  error: string | null;
  detail: string | null;
}

interface RunDetail {
  range?: { from: string; to: string } | null;
  requests?: number;
  skipped?: number;
  trigger?: SyncTrigger;
}

/** Every sync run, in `sync_runs`: when, what, how many rows, what failed (in words). */
export class SyncRuns {
  constructor(private readonly db: Database.Database) {}

  /** The insert of a new run (its result is the run id), for the sync writer. */
  startJob(connectionId: string, dataset: SyncDataset, startedAt: string, range: { from: string; to: string } | null, trigger: SyncTrigger = 'manual'): WriteJob {
    return {
      steps: [
        {
          sql: "INSERT INTO sync_runs (connection_id, job, started_at, status, detail) VALUES (?, ?, ?, 'running', ?)",
          rows: [[connectionId, dataset, startedAt, JSON.stringify({ range, requests: 0, skipped: 0, trigger } satisfies RunDetail)]],
          returnId: true,
        },
      ],
    };
  }

  /** The record of a run's end, for the sync writer. */
  finishJob(o: RunOutcome): WriteJob {
    return {
      steps: [
        {
          sql: 'UPDATE sync_runs SET status = ?, finished_at = ?, rows_written = ?, detail = ?, error = ? WHERE id = ?',
          rows: [[o.status, o.finishedAt, o.rows, JSON.stringify(o.detail), o.error ? JSON.stringify(o.error) : null, o.runId]],
        },
      ],
    };
  }

  /**
   * How the runs left `running` by a process that is gone ended: as it knew but could not record
   * (`known`, e.g. a full disk), else failed, interrupted. Reads only; `recordEnds` writes them.
   */
  interruptedEnds(finishedAt: string, isLive: (id: number) => boolean, known: ReadonlyMap<number, RunOutcome> = new Map()): RunOutcome[] {
    const rows = this.db.prepare("SELECT id, rows_written, detail FROM sync_runs WHERE status = 'running'").all() as Array<{ id: number; rows_written: number; detail: string | null }>;
    const error: ContractError = { code: 'cancelled', message: 'This sync was interrupted (the console closed or crashed). The previous data was kept.' };
    return rows
      .filter((r) => !isLive(r.id))
      .map((r) => known.get(r.id) ?? { runId: r.id, status: 'failed', finishedAt, rows: r.rows_written, detail: parse<RunDetail>(r.detail) ?? {}, error });
  }

  /** Records run ends in one transaction on the core's connection (before the writer runs). */
  recordEnds(ends: readonly RunOutcome[]): void {
    const update = this.db.prepare('UPDATE sync_runs SET status = ?, finished_at = ?, rows_written = ?, detail = ?, error = ? WHERE id = ?');
    this.db.transaction(() => {
      for (const o of ends) update.run(o.status, o.finishedAt, o.rows, JSON.stringify(o.detail), o.error ? JSON.stringify(o.error) : null, o.runId);
    })();
  }

  get(id: number): SyncRunView | null {
    const row = this.db.prepare('SELECT * FROM sync_runs WHERE id = ?').get(id) as RunRow | undefined;
    return row ? toView(row) : null;
  }

  list(filter: { connectionId?: string; limit: number }): SyncRunView[] {
    const rows = filter.connectionId
      ? (this.db.prepare('SELECT * FROM sync_runs WHERE connection_id = ? ORDER BY id DESC LIMIT ?').all(filter.connectionId, filter.limit) as RunRow[])
      : (this.db.prepare('SELECT * FROM sync_runs ORDER BY id DESC LIMIT ?').all(filter.limit) as RunRow[]);
    return rows.map(toView);
  }

  lastPerDataset(connectionId?: string): SyncRunView[] {
    const rows = this.db
      .prepare(
        `SELECT r.* FROM sync_runs r JOIN (SELECT connection_id, job, MAX(id) AS id FROM sync_runs ${connectionId ? 'WHERE connection_id = ?' : ''} GROUP BY connection_id, job) m ON m.id = r.id`,
      )
      .all(...(connectionId ? [connectionId] : [])) as RunRow[];
    return rows.map(toView);
  }
}

function toView(row: RunRow): SyncRunView {
  const detail = parse<RunDetail>(row.detail) ?? {};
  return {
    id: row.id,
    connectionId: row.connection_id,
    dataset: row.job as SyncDataset,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    rowsWritten: row.rows_written,
    range: detail.range ?? null,
    requests: detail.requests ?? 0,
    skipped: detail.skipped ?? 0,
    error: parse<ContractError>(row.error),
    trigger: detail.trigger ?? 'manual',
  };
}

function parse<T>(text: string | null): T | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}
