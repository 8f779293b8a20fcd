/**
 * The sync writer thread (started by writer.ts through platform/threads.ts).
 *
 * It owns a second better-sqlite3 connection to the same WAL file and executes the SQL it is sent;
 * what to write is decided by typed code (job.ts, writer.ts), on the core's thread, or here for a
 * vendor answer handed over as text (input.ts: the same code, so a large sync's parsing never holds
 * the core's loop; an unusable answer fails its own job in words, before any of its writes). Jobs
 * queued together are written in one transaction (group commit) up to `maxRows`; a run's stream of
 * jobs is gathered for `streamGatherMs`, so a sync commits a few times a second, not after every
 * other slice. Each job still lands whole and a killed process leaves every job either fully written or not
 * at all. If a group fails, its jobs are retried one per transaction so only the guilty one reports
 * the error.
 *
 * A vendor answer waits in the queue as the bytes it came as and is read when its group is written,
 * one answer after another: its rows then live only while they are inserted. Read on arrival, the
 * rows of a whole gathering (a tenth of a second of answers) outlived the young generation's
 * collections and filled the old one with garbage between full collections (the sync's peak RSS).
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { isAppError } from '../../../shared/contract/errors';
import { answerBytes, answerWeight, isVendorAnswer, jobOf, type WriterInput } from './input';
import { jobWeight, runJobSteps, runRepeatPass, statementCache, type WriteJob } from './job';
import type { FromWriterThread, ThreadWriterStats, ToWriterThread, WriterThreadData } from './threadProtocol';
import { stepBackThisThread } from '../../platform/priority';
import { threadTime, threadTimeSince } from '../../platform/threadTime';

/** A write waiting for its group: a job, or a vendor answer not read yet (`weight` is then an estimate). */
type QueuedJob = { id: number; input: WriterInput; weight: number };

// Writing a sync is background work: the windows and the core's calls come first (platform/priority.ts).
stepBackThisThread('syncWriterThread');

const data = workerData as WriterThreadData;
const port = parentPort!;
const post = (m: FromWriterThread) => port.postMessage(m);

function open(): Database.Database | null {
  try {
    const db = new Database(data.file, data.nativeBinding ? { nativeBinding: data.nativeBinding } : {});
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 10000');
    db.pragma(`cache_size = -${data.cacheKiB}`);
    // Checkpoint every 16 MB of WAL rather than 4: a page rewritten by several groups is copied back once.
    db.pragma('wal_autocheckpoint = 4000');
    return db;
  } catch (e) {
    post({ type: 'failed', message: messageOf(e) });
    return null;
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function fail(id: number, e: unknown): void {
  const code = (e as { code?: unknown } | null)?.code;
  post({ type: 'done', id, ok: false, error: { message: messageOf(e), code: typeof code === 'string' ? code : undefined, contract: isAppError(e) ? e.toContractError() : undefined } });
}

const isRepeat = (q: QueuedJob) => !isVendorAnswer(q.input) && (q.input as WriteJob).steps.some((s) => s.untilNoChange);

function serve(db: Database.Database): void {
  const started = threadTime();
  const prepare = statementCache(db);
  const stats: ThreadWriterStats = { transactions: 0, jobs: 0, busyMs: 0, readMs: 0 };
  const queue: QueuedJob[] = [];
  let queuedRows = 0;
  let timer: NodeJS.Timeout | null = null;
  let drainAt: number | null = null;

  /** Rows per byte of the last answer read: how much the answers still queued are taken to weigh. */
  let rowsPerByte: number | null = null;

  /** The job of a queued write, reading a vendor answer now; an unusable answer throws its `bad_response`. */
  const jobOfQueued = (q: QueuedJob): WriteJob => {
    if (!isVendorAnswer(q.input)) return q.input as WriteJob;
    const t0 = performance.now();
    try {
      const job = jobOf(q.input);
      const bytes = answerBytes(q.input);
      if (bytes > 0) rowsPerByte = jobWeight(job) / bytes;
      return job;
    } finally {
      stats.readMs += performance.now() - t0;
    }
  };

  const runRepeat = (q: QueuedJob) => {
    // Chunked deletes: each pass its own short transaction, so readers and writers get turns.
    try {
      let total = 0;
      for (const step of (q.input as WriteJob).steps) {
        for (;;) {
          const changes = runRepeatPass(db, prepare, step);
          total += changes;
          stats.transactions++;
          if (changes === 0) break;
        }
      }
      post({ type: 'done', id: q.id, ok: true, result: total });
    } catch (e) {
      fail(q.id, e);
    }
  };

  /**
   * Writes the next queued jobs in one transaction, up to `maxRows`: each answer is read only when
   * its turn comes, so the group's size counts the rows it really has.
   */
  const runGroup = () => {
    const group: QueuedJob[] = [queue.shift()!];
    // An answer that cannot be read fails alone, before any of its writes: the group's others land.
    const unreadable = new Map<number, unknown>();
    const results = new Map<number, number>();
    try {
      db.transaction(() => {
        let rows = 0;
        for (let i = 0; ; i++) {
          if (i === group.length) {
            if (queue.length === 0 || isRepeat(queue[0]!) || rows >= data.maxRows) break;
            group.push(queue.shift()!);
          }
          const q = group[i]!;
          let job: WriteJob;
          try {
            job = jobOfQueued(q);
          } catch (e) {
            unreadable.set(q.id, e);
            continue;
          }
          rows += jobWeight(job);
          results.set(q.id, runJobSteps(prepare, job));
        }
      }).immediate();
      stats.transactions++;
      for (const q of group) {
        if (unreadable.has(q.id)) fail(q.id, unreadable.get(q.id));
        else post({ type: 'done', id: q.id, ok: true, result: results.get(q.id)! });
      }
      stats.jobs += group.length - unreadable.size;
    } catch (groupError) {
      for (const q of group) {
        let job: WriteJob;
        try {
          job = jobOfQueued(q);
        } catch (e) {
          fail(q.id, e);
          continue;
        }
        stats.jobs++;
        // A group of one failed on its own: no second try.
        if (group.length === 1) {
          fail(q.id, groupError);
          continue;
        }
        try {
          const result = db.transaction(() => runJobSteps(prepare, job)).immediate();
          stats.transactions++;
          post({ type: 'done', id: q.id, ok: true, result });
        } catch (e) {
          fail(q.id, e);
        }
      }
    }
  };

  const drain = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    drainAt = null;
    queuedRows = 0;
    while (queue.length > 0) {
      const t0 = performance.now();
      const read0 = stats.readMs;
      if (isRepeat(queue[0]!)) runRepeat(queue.shift()!);
      else runGroup();
      // SQLite's time only: reading the answers inside the transaction is counted apart.
      stats.busyMs += performance.now() - t0 - (stats.readMs - read0);
    }
  };

  port.on('message', (m: ToWriterThread) => {
    if (m.type === 'close') {
      drain();
      try {
        db.close();
      } catch {
        // closing a connection whose file went away: nothing left to save
      }
      post({ type: 'closed', stats: { ...stats, thread: threadTimeSince(started, threadTime()) } });
      return;
    }
    if (m.type === 'memory') {
      const { heapTotal, heapUsed, external } = process.memoryUsage();
      post({ type: 'memory', memory: { heapTotal, heapUsed, external } });
      return;
    }
    const weight = isVendorAnswer(m.input) ? answerWeight(m.input, rowsPerByte) : jobWeight(m.input as WriteJob);
    queue.push({ id: m.id, input: m.input, weight });
    queuedRows += weight;
    if (queuedRows >= data.maxRows) {
      drain();
      return;
    }
    // Wait for more jobs, so they share one transaction: each commit writes every page it changed to
    // the WAL, and a stream's slices change the same few pages (their stores' latest hours), so a
    // larger group writes each of them once. A job of a stream waits longer (nothing waits on its
    // commit but the end of its run); any other job is drained soon, with whatever is queued.
    const at = performance.now() + (m.stream ? (data.streamGatherMs ?? data.gatherMs) : data.gatherMs);
    if (drainAt === null || at < drainAt) {
      if (timer) clearTimeout(timer);
      drainAt = at;
      timer = setTimeout(drain, at - performance.now());
    }
  });
  post({ type: 'ready' });
}

const db = open();
if (db) serve(db);
else process.exit(0);
