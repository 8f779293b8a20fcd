import type { WriteStep } from './job';

/** What the writer thread is started with. */
export interface WriterThreadData {
  file: string;
  /** better-sqlite3 addon for this runtime (Electron's ABI in the desktop app). */
  nativeBinding?: string;
  /** Rows per group-commit transaction. */
  maxRows: number;
  /** How long to gather jobs before writing them together. */
  gatherMs: number;
  cacheKiB: number;
}

export interface ThreadWriterStats {
  jobs: number;
  transactions: number;
  busyMs: number;
}

export type ToWriterThread = { type: 'write'; id: number; steps: WriteStep[] } | { type: 'close' };

export type FromWriterThread =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'done'; id: number; ok: true; result: number }
  | { type: 'done'; id: number; ok: false; error: { message: string; code?: string } }
  | { type: 'closed'; stats: ThreadWriterStats };
