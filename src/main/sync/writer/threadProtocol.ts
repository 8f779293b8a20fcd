import type { ContractError } from '../../../shared/contract/errors';
import type { ThreadTime } from '../../platform/threadTime';
import type { WriterInput } from './input';

/** What the writer thread is started with. */
export interface WriterThreadData {
  file: string;
  /** better-sqlite3 addon for this runtime (Electron's ABI in the desktop app). */
  nativeBinding?: string;
  /** Rows per group-commit transaction (a group is written at once when its jobs reach it). */
  maxRows: number;
  /** How long to gather jobs before writing them together. */
  gatherMs: number;
  /** How long a job of a stream (`stream`: a queue of a run's writes) may wait for the stream's next ones; `gatherMs` if not given. */
  streamGatherMs?: number;
  cacheKiB: number;
}

export interface ThreadWriterStats {
  jobs: number;
  transactions: number;
  busyMs: number;
  /** Time spent reading vendor answers into jobs (JSON, checks, rows), apart from SQLite's. */
  readMs: number;
  /** The thread's own CPU time and its wait for a CPU since it started (Linux; null elsewhere). */
  thread?: ThreadTime | null;
}

/** `memory`: the thread answers with its own isolate's heap (the sync bench's peak breakdown). */
export type ToWriterThread = { type: 'write'; id: number; input: WriterInput; stream?: boolean } | { type: 'memory' } | { type: 'close' };

/** A thread's own V8 heap and the memory its objects hold outside it, in bytes. */
export interface ThreadMemory {
  heapTotal: number;
  heapUsed: number;
  external: number;
}

export type FromWriterThread =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'done'; id: number; ok: true; result: number }
  /** `contract`: the failure was the console's own error in words (an unusable vendor answer), to be rethrown as such. */
  | { type: 'done'; id: number; ok: false; error: { message: string; code?: string; contract?: ContractError } }
  | { type: 'closed'; stats: ThreadWriterStats }
  | { type: 'memory'; memory: ThreadMemory };
