import type Database from 'better-sqlite3';
import type { WriteJob, WriteStep } from '../../db/writeJob';

export type { WriteJob, WriteStep } from '../../db/writeJob';

/** Rows a job touches: what the writer uses to size its transactions. */
export function jobWeight(job: WriteJob): number {
  let n = 0;
  for (const s of job.steps) n += s.rows.length;
  return n;
}

/** Statement cache of one connection, keyed by SQL text. */
export function statementCache(db: Database.Database): (sql: string) => Database.Statement {
  const cache = new Map<string, Database.Statement>();
  return (sql) => {
    let st = cache.get(sql);
    if (!st) {
      st = db.prepare(sql);
      cache.set(sql, st);
    }
    return st;
  };
}

/** Runs a job's steps (the caller holds the transaction); returns the rows changed by counted steps. */
export function runJobSteps(prepare: (sql: string) => Database.Statement, job: WriteJob): number {
  let counted = 0;
  for (const step of job.steps) {
    const st = prepare(step.sql);
    for (const params of step.rows) {
      // Values as arguments, not one array: better-sqlite3 reads an array element by element
      // through V8's generic property lookup, about a tenth of the writes' CPU on a sync's KPI hours.
      const info = st.run(...params);
      if (step.returnId) return Number(info.lastInsertRowid);
      if (step.counted) counted += info.changes;
    }
  }
  return counted;
}

/** One pass of a step marked `untilNoChange`, in its own transaction; the rows it changed (0: done). */
export function runRepeatPass(db: Database.Database, prepare: (sql: string) => Database.Statement, step: WriteStep): number {
  const st = prepare(step.sql);
  return db.transaction(() => step.rows.reduce((n, params) => n + st.run(...params).changes, 0)).immediate();
}
