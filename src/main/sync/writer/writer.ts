import type Database from 'better-sqlite3';
import type { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/contract/errors';
import type { LogLevel } from '../../log/logger';
import { onThreadExit, startThread, threadErrorText } from '../../platform/threads';
import type { ThreadTime } from '../../platform/threadTime';
import { yieldToLoop } from '../yieldToLoop';
import { isVendorAnswer, jobOf, transferablesOf, type WriterInput } from './input';
import { runJobSteps, runRepeatPass, statementCache, type WriteJob } from './job';
import type { FromWriterThread, ToWriterThread, WriterThreadData } from './threadProtocol';

export interface SyncWriterOptions {
  /** better-sqlite3 addon for this runtime (Electron's ABI in the desktop app); the default one otherwise. */
  nativeBinding?: string;
  /** `inline` writes on the calling thread (chunked); `auto` uses a writer thread when one starts. */
  mode?: 'auto' | 'inline';
  /** Rows per group-commit transaction in the writer thread: about a tenth of a second of work at most. */
  maxRowsPerTransaction?: number;
  log?: (message: string, detail?: Record<string, unknown>, level?: LogLevel) => void;
  /** Told of each writer thread once it is ready (the tests stop one to see the writer start another). */
  onThread?: (thread: Worker) => void;
}

export interface WriterStats {
  mode: 'thread' | 'inline';
  jobs: number;
  transactions: number;
  /** Time the writer spent in SQLite (thread: its own time; inline: time the event loop was held). */
  busyMs: number;
  /** Time it spent reading vendor answers into jobs. */
  readMs: number;
  /** The writer thread's CPU time and wait for a CPU (thread mode on Linux). */
  thread?: ThreadTime | null;
}

/** Where the cache writes of sync go: to a writer thread, or (fallback) the core's own connection. */
export interface SyncWriter {
  readonly mode: 'thread' | 'inline';
  /**
   * Resolves with the rows the job inserted, once it is committed. A vendor answer is read into its
   * job by the writer; an unusable one rejects with its `bad_response` and writes nothing.
   */
  write(input: WriterInput, options?: WriteOptions): Promise<number>;
  /** Waits for every queued job, then stops. */
  close(): Promise<WriterStats>;
  /**
   * Runs passes that must not overlap on this writer (the purge of retired snapshots) one after
   * another: a pass asked for during one waits for it, then runs.
   */
  oneAtATime(pass: () => Promise<void>): Promise<void>;
}

/** The chain behind `oneAtATime`, one per writer. */
class Passes {
  private tail: Promise<void> = Promise.resolve();

  run(pass: () => Promise<void>): Promise<void> {
    const next = this.tail.then(pass, pass);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

/**
 * Opens the writer for `db`'s file: a worker thread with its own connection (the bulk inserts of
 * a sync then never hold the core's event loop), or, when no thread can start (an in-memory
 * database, a runtime without the addon), an inline writer with short transactions.
 */
export async function openSyncWriter(db: Database.Database, options: SyncWriterOptions = {}): Promise<SyncWriter> {
  if (options.mode !== 'inline' && db.name && db.name !== ':memory:' && !db.memory) {
    try {
      return await ThreadWriter.start(db.name, options);
    } catch (e) {
      options.log?.('sync writer thread unavailable, writing inline', { error: e instanceof Error ? e.message : String(e) });
    }
  }
  return new InlineWriter(db);
}

export interface WriteOptions {
  /** One of a stream of writes nothing waits on one by one (a run's queue): its commit may wait for the next ones. */
  stream?: boolean;
}

type Pending = { resolve: (n: number) => void; reject: (e: unknown) => void };

/**
 * A write the writer thread could not finish because the thread stopped (an uncaught error in it,
 * killed, out of memory) or could not be started again: in words, the cause kept in `detail`.
 */
export class WriterStoppedError extends AppError {
  constructor(message: string, detail: string) {
    super('internal', message, detail);
  }
}

const emptyThreadStats = (): WriterStats => ({ mode: 'thread', jobs: 0, transactions: 0, busyMs: 0, readMs: 0 });

/**
 * Writes on a worker thread. A thread that dies is logged at once, its writes in flight fail in
 * words, and the next write starts a new thread (each job is one transaction: an unfinished one
 * was rolled back with the dead thread's connection).
 */
class ThreadWriter implements SyncWriter {
  readonly mode = 'thread' as const;
  private readonly passes = new Passes();
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private worker: Worker | null = null;
  /** A new thread being started; what is posted meanwhile waits in `backlog`, in order. */
  private starting: Promise<void> | null = null;
  private backlog: Array<{ m: ToWriterThread; transfer: ArrayBuffer[] }> = [];
  private closed: Promise<WriterStats> | null = null;

  private constructor(
    private readonly file: string,
    private readonly options: SyncWriterOptions,
    worker: Worker,
  ) {
    this.attach(worker);
  }

  static async start(file: string, options: SyncWriterOptions): Promise<ThreadWriter> {
    return new ThreadWriter(file, options, await startWriterThread(file, options));
  }

  private attach(worker: Worker): void {
    this.worker = worker;
    let closing = false;
    worker.on('message', (m: FromWriterThread) => {
      if (m.type === 'closed') closing = true;
      if (m.type !== 'done') return;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else if (m.error.contract) p.reject(new AppError(m.error.contract.code, m.error.contract.message, m.error.contract.detail));
      else p.reject(Object.assign(new Error(m.error.message), { code: m.error.code }));
    });
    onThreadExit(worker, ({ code, error, text }) => {
      if (this.worker === worker) this.worker = null;
      if (closing) return;
      const cause = `the cache writer thread stopped (${text})`;
      this.options.log?.('sync: the cache writer thread died; the next write starts a new one', { exitCode: code, error, writesLost: this.pending.size }, 'error');
      this.failAll(new WriterStoppedError('The console\'s cache writer stopped unexpectedly while this sync was writing, so the sync stopped. What it had not finished writing was left out; the data already in the cache was kept. Sync again.', cause));
    });
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  /** Starts a new thread for the writes after a death; they wait in `backlog` until it is ready. */
  private restart(): void {
    this.starting ??= startWriterThread(this.file, this.options).then(
      (worker) => {
        this.starting = null;
        this.options.log?.('sync: a new cache writer thread started', {}, 'info');
        this.attach(worker);
        for (const { m, transfer } of this.backlog.splice(0)) worker.postMessage(m, transfer);
      },
      (e: unknown) => {
        this.starting = null;
        this.backlog = [];
        const detail = e instanceof Error ? threadErrorText(e) : String(e);
        this.options.log?.('sync: the cache writer thread could not be started again', { error: detail }, 'error');
        this.failAll(new WriterStoppedError('The console\'s cache writer could not be started again, so nothing could be written to the cache. Sync again; if it keeps failing, restart the console.', detail));
      },
    );
  }

  write(input: WriterInput, options: WriteOptions = {}): Promise<number> {
    if (this.closed) return Promise.reject(new Error('The cache writer is closed.'));
    const id = this.nextId++;
    return new Promise<number>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.post({ type: 'write', id, input, stream: options.stream }, transferablesOf(input));
    });
  }

  oneAtATime(pass: () => Promise<void>): Promise<void> {
    return this.passes.run(pass);
  }

  close(): Promise<WriterStats> {
    this.closed ??= (async () => {
      await this.starting;
      const worker = this.worker;
      // A thread that died with nothing after it: its writes have already failed.
      if (!worker) return emptyThreadStats();
      return new Promise<WriterStats>((resolve) => {
        const onMessage = (m: FromWriterThread) => {
          if (m.type !== 'closed') return;
          worker.off('message', onMessage);
          resolve({ mode: 'thread', ...m.stats });
          void worker.terminate();
        };
        worker.on('message', onMessage);
        worker.once('exit', () => resolve(emptyThreadStats()));
        worker.postMessage({ type: 'close' } satisfies ToWriterThread);
      });
    })();
    return this.closed;
  }

  private post(m: ToWriterThread, transfer: ArrayBuffer[] = []): void {
    if (this.worker) return this.worker.postMessage(m, transfer);
    this.backlog.push({ m, transfer });
    this.restart();
  }
}

/** Starts a writer thread on `file` and waits until its connection is open. */
async function startWriterThread(file: string, options: SyncWriterOptions): Promise<Worker> {
  const workerData: WriterThreadData = {
    file,
    nativeBinding: options.nativeBinding,
    maxRows: options.maxRowsPerTransaction ?? 10_000,
    gatherMs: 20,
    streamGatherMs: 100,
    // Slices append to a few store-keyed pages at a time: 16 MB of cache holds them (peak RSS is
    // a target of the large sync, issue 17).
    cacheKiB: 16 * 1024,
  };
  // The thread reads Flow answers: short-lived garbage, collected cheaply from a small young
  // generation instead of letting it grow to V8's default before each scavenge.
  const worker = startThread('syncWriterThread', { workerData, resourceLimits: { maxYoungGenerationSizeMb: 16 } });
  // The thread must not keep the core alive on its own (tests, a shell that forgets to close).
  worker.unref();
  await new Promise<void>((resolve, reject) => {
    const onMessage = (m: FromWriterThread) => {
      if (m.type === 'ready') done(null);
      else if (m.type === 'failed') done(new Error(m.message));
    };
    const onError = (e: Error) => done(e);
    const onExit = (code: number) => done(new Error(`writer thread exited ${code}`));
    const done = (e: Error | null) => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (e) {
        void worker.terminate();
        reject(e);
      } else resolve();
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
  options.onThread?.(worker);
  return worker;
}

/** Fallback on the core's own connection: one job per transaction, yielding between jobs. */
class InlineWriter implements SyncWriter {
  readonly mode = 'inline' as const;
  private readonly passes = new Passes();
  private readonly prepare: (sql: string) => Database.Statement;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly stats: WriterStats = { mode: 'inline', jobs: 0, transactions: 0, busyMs: 0, readMs: 0 };

  constructor(private readonly db: Database.Database) {
    this.prepare = statementCache(db);
  }

  write(input: WriterInput): Promise<number> {
    // One after another, in order, like the thread.
    const run = this.tail.then(async () => {
      await yieldToLoop();
      const read0 = performance.now();
      const job = jobOf(input);
      if (isVendorAnswer(input)) this.stats.readMs += performance.now() - read0;
      await yieldToLoop();
      const t0 = performance.now();
      try {
        if (job.steps.some((s) => s.untilNoChange)) return await this.repeat(job);
        // A job must land whole: it is one transaction even when large (jobs are sized by their makers).
        const n = this.db.transaction(() => runJobSteps(this.prepare, job)).immediate();
        this.stats.transactions++;
        return n;
      } finally {
        this.stats.jobs++;
        this.stats.busyMs += performance.now() - t0;
      }
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async repeat(job: WriteJob): Promise<number> {
    let total = 0;
    for (const step of job.steps) {
      for (;;) {
        const changes = runRepeatPass(this.db, this.prepare, step);
        this.stats.transactions++;
        total += changes;
        if (changes === 0) break;
        await yieldToLoop();
      }
    }
    return total;
  }

  oneAtATime(pass: () => Promise<void>): Promise<void> {
    return this.passes.run(pass);
  }

  async close(): Promise<WriterStats> {
    await this.tail;
    return this.stats;
  }
}
