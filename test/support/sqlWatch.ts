import type { Db } from '../../src/main/db/open';

/**
 * What `during` asked `db` to prepare, in order: the statements a call ran on that connection (the
 * core's own), not on a read lane's or the writer's. `db.prepare` is put back however it ends.
 */
export async function preparedDuring(db: Db, during: () => unknown): Promise<string[]> {
  const prepared: string[] = [];
  const prepare = db.prepare;
  db.prepare = function (this: Db, sql: string) {
    prepared.push(sql);
    return prepare.call(this, sql);
  } as typeof db.prepare;
  try {
    await during();
  } finally {
    db.prepare = prepare;
  }
  return prepared;
}

/** SQLite's plan for `sql` (every parameter null), one step's detail a line. */
export function queryPlan(db: Db, sql: string): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array.from(sql.matchAll(/\?/g), () => null)) as Array<{ detail: string }>).map((r) => r.detail);
}
