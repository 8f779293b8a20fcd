/**
 * The sync writer thread (started by writer.ts through platform/threads.ts).
 *
 * It owns a second better-sqlite3 connection to the same WAL file and executes the SQL it is sent;
 * what to write is decided by typed code (job.ts, writer.ts), on the core's thread, or here for a
 * vendor answer handed over as text (input.ts: the same code, so a large sync's parsing never holds
 * the core's loop; an unusable answer fails its own job in words before any transaction). Jobs
 * queued together are written in one transaction (group commit) up to `maxRows`; a run's stream of
 * jobs is gathered for `streamGatherMs`, so a sync commits a few times a second, not after every
 * other slice. Each job still lands whole and a killed process leaves every job either fully written or not
 * at all. If a group fails, its jobs are retried one per transaction so only the guilty one reports
 * the error.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { isAppError } from '../../../shared/contract/errors';
import { isVendorAnswer, jobOf } from './input';
import { jobWeight, runJobSteps, runRepeatPass, statementCache, type WriteJob } from './job';
import type { FromWriterThread, ThreadWriterStats, ToWriterThread, WriterThreadData } from './threadProtocol';
import { stepBackThisThread } from '../../platform/priority';
import { threadTime, threadTimeSince } from '../../platform/threadTime';

type QueuedJob = WriteJob & { id: number };

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

const isRepeat = (job: WriteJob) => job.steps.some((s) => s.untilNoChange);

function serve(db: Database.Database): void {
  const started = threadTime();
  const prepare = statementCache(db);
  const stats: ThreadWriterStats = { transactions: 0, jobs: 0, busyMs: 0, readMs: 0 };
  const queue: QueuedJob[] = [];
  let queuedRows = 0;
  let timer: NodeJS.Timeout | null = null;
  let drainAt: number | null = null;

  const runRepeat = (job: QueuedJob) => {
    // Chunked deletes: each pass its own short transaction, so readers and writers get turns.
    try {
      let total = 0;
      for (const step of job.steps) {
        for (;;) {
          const changes = runRepeatPass(db, prepare, step);
          total += changes;
          stats.transactions++;
          if (changes === 0) break;
        }
      }
      post({ type: 'done', id: job.id, ok: true, result: total });
    } catch (e) {
      fail(job.id, e);
    }
  };

  const runGroup = (group: QueuedJob[]) => {
    try {
      const results = db.transaction(() => group.map((job) => runJobSteps(prepare, job))).immediate();
      stats.transactions++;
      group.forEach((job, i) => post({ type: 'done', id: job.id, ok: true, result: results[i]! }));
    } catch (groupError) {
      if (group.length === 1) fail(group[0]!.id, groupError);
      else
        for (const job of group) {
          try {
            const result = db.transaction(() => runJobSteps(prepare, job)).immediate();
            stats.transactions++;
            post({ type: 'done', id: job.id, ok: true, result });
          } catch (e) {
            fail(job.id, e);
          }
        }
    }
    stats.jobs += group.length;
  };

  const drain = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    drainAt = null;
    queuedRows = 0;
    while (queue.length > 0) {
      const t0 = performance.now();
      if (isRepeat(queue[0]!)) runRepeat(queue.shift()!);
      else {
        const group: QueuedJob[] = [];
        let rows = 0;
        while (queue.length > 0 && !isRepeat(queue[0]!) && (group.length === 0 || rows + jobWeight(queue[0]!) <= data.maxRows)) {
          const job = queue.shift()!;
          rows += jobWeight(job);
          group.push(job);
        }
        runGroup(group);
      }
      stats.busyMs += performance.now() - t0;
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
    let job: WriteJob;
    const t0 = performance.now();
    try {
      job = jobOf(m.input);
    } catch (e) {
      fail(m.id, e);
      return;
    } finally {
      if (isVendorAnswer(m.input)) stats.readMs += performance.now() - t0;
    }
    queue.push({ id: m.id, steps: job.steps });
    queuedRows += jobWeight(job);
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
