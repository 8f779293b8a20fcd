import type Database from 'better-sqlite3';
import type { ConnectionView } from '../../shared/connections/types';
import type { SyncDataset, SyncProgress } from '../../shared/sync/types';
import type { VendorTarget } from '../vendors/target';
import type { SyncWriter } from './writer/writer';

/** What a job is handed: the account, the run, and how to report. */
export interface JobContext {
  /** The core's connection: reads, and the small state changes of a run. */
  db: Database.Database;
  /** Where bulk rows go (a writer thread with its own connection to the same file). */
  writer: SyncWriter;
  connection: ConnectionView;
  target: VendorTarget;
  dataset: SyncDataset;
  runId: number;
  /** ISO instant stamped on every row this run writes. */
  fetchedAt: string;
  /** `yyyy-mm-dd` of today on the machine (default ranges); KPI days are judged in each store's own zone from `now`. */
  today: string;
  /** The instant the run started. */
  now: Date;
  range: { from: string; to: string };
  refetchFinal: boolean;
  signal: AbortSignal;
  /** Counters the run records; `requests` counts itself, through `target.counter`, as each request is sent. */
  stats: { rows: number; requests: number; skipped: number };
  progress(done: number, total: number, unit: SyncProgress['unit'], message: string): void;
}

export type Job = (ctx: JobContext) => Promise<void>;
