/**
 * The sync writer thread, as plain JavaScript run with `new Worker(source, { eval: true })`.
 *
 * Why a string: the core runs from TypeScript sources (tests, browser mode under tsx) and from
 * electron-vite's bundle (desktop); a worker file would need its own build entry and a loader for
 * each. This thread only executes the SQL it is sent, so it is small enough to keep as text; what
 * to write (SQL, values) is decided by typed code on the main thread (see job.ts, writer.ts).
 *
 * It owns a second better-sqlite3 connection to the same WAL file. Jobs queued while it was busy
 * are written together in one transaction (group commit) up to `maxRows`, so each job still lands
 * whole and a killed process leaves every job either fully written or not at all. If a group fails,
 * its jobs are retried one per transaction so only the guilty one reports the error.
 */
export const writerWorkerSource = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqliteModule);
let db;
try {
  db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 10000');
  db.pragma('cache_size = -' + String(workerData.cacheKiB));
  // Checkpoint every 16 MB of WAL rather than 4: a page rewritten by several groups is copied back once.
  db.pragma('wal_autocheckpoint = 4000');
  parentPort.postMessage({ type: 'ready' });
} catch (e) {
  parentPort.postMessage({ type: 'failed', message: String(e && e.message || e) });
  process.exit(0);
}
const statements = new Map();
const prepare = (sql) => {
  let st = statements.get(sql);
  if (!st) { st = db.prepare(sql); statements.set(sql, st); }
  return st;
};
const runSteps = (job) => {
  let counted = 0;
  for (const step of job.steps) {
    const st = prepare(step.sql);
    for (const params of step.rows) {
      const info = st.run(params);
      if (step.returnId) return Number(info.lastInsertRowid);
      if (step.counted) counted += info.changes;
    }
  }
  return counted;
};
const weight = (job) => job.steps.reduce((n, s) => n + s.rows.length, 0);
const fail = (id, e) => parentPort.postMessage({ type: 'done', id, ok: false, error: { message: String(e && e.message || e), code: e && e.code } });
const stats = { transactions: 0, jobs: 0, busyMs: 0 };
let queue = [];
let scheduled = false;
const drain = () => {
  scheduled = false;
  while (queue.length > 0) {
    const t0 = performance.now();
    const head = queue[0];
    if (head.steps.some((s) => s.untilNoChange)) {
      // Chunked deletes: each pass its own short transaction, so readers and writers get turns.
      queue.shift();
      try {
        let total = 0;
        for (const step of head.steps) {
          const st = prepare(step.sql);
          for (;;) {
            const changes = db.transaction(() => step.rows.reduce((n, p) => n + st.run(p).changes, 0)).immediate();
            total += changes;
            stats.transactions++;
            if (changes === 0) break;
          }
        }
        parentPort.postMessage({ type: 'done', id: head.id, ok: true, result: total });
      } catch (e) { fail(head.id, e); }
      stats.busyMs += performance.now() - t0;
      continue;
    }
    const group = [];
    let rows = 0;
    while (queue.length > 0 && !queue[0].steps.some((s) => s.untilNoChange) && (group.length === 0 || rows + weight(queue[0]) <= workerData.maxRows)) {
      const job = queue.shift();
      rows += weight(job);
      group.push(job);
    }
    try {
      const results = db.transaction(() => group.map(runSteps)).immediate();
      stats.transactions++;
      group.forEach((job, i) => parentPort.postMessage({ type: 'done', id: job.id, ok: true, result: results[i] }));
    } catch (groupError) {
      if (group.length === 1) fail(group[0].id, groupError);
      else for (const job of group) {
        try {
          const result = db.transaction(() => runSteps(job)).immediate();
          stats.transactions++;
          parentPort.postMessage({ type: 'done', id: job.id, ok: true, result });
        } catch (e) { fail(job.id, e); }
      }
    }
    stats.jobs += group.length;
    stats.busyMs += performance.now() - t0;
  }
};
parentPort.on('message', (m) => {
  if (m.type === 'close') {
    drain();
    try { db.close(); } catch {}
    parentPort.postMessage({ type: 'closed', stats });
    return;
  }
  queue.push(m);
  // Wait a moment for more jobs, so they share one transaction (commits cost more than rows);
  // nothing waits on a write's commit but the end of a run, so the delay costs no throughput.
  if (!scheduled) { scheduled = true; setTimeout(drain, workerData.gatherMs); }
});
`;
