import type { Db } from '../db/open';
import type { Logger } from '../log/logger';

/** Bumped whenever the shape of what is kept changes, so an older console's JSON is never served. */
const format = 1;

/**
 * Views kept ready in the cache between runs of the console (`it_prepared`), valid for one cache
 * version: a console that has just started serves the Stores view's first screen from one row
 * instead of rebuilding it from 30,000 locations. With the value comes the row's JSON text, which
 * is the answer as it is.
 */
export function readPrepared<T>(db: Db, name: string, version: string): { value: T; json: string } | null {
  const json = readPreparedText(db, name, version);
  if (json === null) return null;
  try {
    return { value: JSON.parse(json) as T, json };
  } catch {
    return null;
  }
}

/** The JSON text of the copy of `name` kept for this version of the cache, as it is (not parsed). */
export function readPreparedText(db: Db, name: string, version: string): string | null {
  const row = db.prepare('SELECT json FROM it_prepared WHERE name = ? AND cache_version = ?').get(name, `${format}|${version}`) as { json: string } | undefined;
  return row?.json ?? null;
}

/**
 * The Stores view's first screen as the last run kept it for this version of the cache: its JSON
 * text as it is, or null (then it is built again). Checked without parsing it (1.2 MB on a large
 * estate: tens of milliseconds of a cold start): the console wrote it whole, with JSON.stringify,
 * in one statement, so a copy that is one object and names this version is the one to send on.
 */
export function keptTopTreeText(db: Db, version: string): string | null {
  const json = readPreparedText(db, topTreeName, version);
  const whole = json !== null && json.startsWith('{') && json.endsWith('}') && json.includes(JSON.stringify(version));
  return whole ? json : null;
}

/** The name the Stores view's first screen is kept under. */
export const topTreeName = 'tree.top';

/** Whether the copy of `name` kept in the cache is the one for this version of the cache. */
export function isKept(db: Db, name: string, version: string): boolean {
  return db.prepare('SELECT 1 FROM it_prepared WHERE name = ? AND cache_version = ?').get(name, `${format}|${version}`) !== undefined;
}

/**
 * Keeps a view for the next start. Never waits for the sync writer's lock and never fails the call
 * that built the view: when the cache is busy or full, the view is simply built again next time.
 */
export function writePrepared(db: Db, log: Logger, name: string, version: string, value: unknown): void {
  writePreparedJson(db, log, name, version, JSON.stringify(value));
}

/** writePrepared with the view already as JSON text (made by a read worker). */
export function writePreparedJson(db: Db, log: Logger, name: string, version: string, json: string): void {
  const wait = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    db.prepare('INSERT INTO it_prepared (name, cache_version, json) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET cache_version = excluded.cache_version, json = excluded.json').run(
      name,
      `${format}|${version}`,
      json,
    );
  } catch (e) {
    log.log('info', `estate: ${name} not kept for the next start`, { error: String(e) });
  } finally {
    db.pragma(`busy_timeout = ${wait}`);
  }
}
