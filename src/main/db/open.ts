import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/contract/errors';
import { migrations as defaultMigrations, type Migration } from './migrations';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  file: string;
  /** Path of a better-sqlite3 addon built for the running runtime (Electron's ABI); Node's by default. */
  nativeBinding?: string;
  migrations?: Migration[];
}

/**
 * Opens (or creates) the cache: WAL, foreign keys, and every pending migration, each in its own
 * transaction so a crash leaves the schema at a known version. A file written by a newer version
 * of the console is refused rather than misread.
 */
export function openDatabase(options: OpenDatabaseOptions): Db {
  const list = options.migrations ?? defaultMigrations;
  fs.mkdirSync(path.dirname(options.file), { recursive: true });
  let db: Db;
  try {
    db = new Database(options.file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (e) {
    if ((e as { code?: unknown }).code === 'SQLITE_FULL') throw new AppError('disk_full', 'The disk is full: the console cannot open its local cache. Free some space, then start the console again.', describeSqliteError(e), { cause: e });
    throw new AppError('internal', 'The local cache could not be opened.', describeSqliteError(e), { cause: e });
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    migrate(db, list);
    return db;
  } catch (e) {
    db.close();
    const code = (e as { code?: unknown }).code;
    if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
      throw new AppError('disk_full', 'The disk is full: the console cannot prepare its local cache. Free some space, then start the console again.', describeSqliteError(e), { cause: e });
    }
    throw e;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db, list: Migration[]): void {
  const latest = list.at(-1)?.version ?? 0;
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration list out of order at ${m.name}`);
  });
  const current = schemaVersion(db);
  if (current > latest) {
    throw new AppError(
      'db_newer_version',
      'This cache was written by a newer version of Retail Ops Console. Update the console, or choose another data folder.',
      `cache schema version ${current}, this version knows up to ${latest}`,
    );
  }
  for (const m of list.slice(current)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}

function describeSqliteError(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'SQLITE_FULL') return 'The disk is full.';
  if (code === 'SQLITE_NOTADB') return 'The file is not a SQLite database.';
  if (code === 'SQLITE_CANTOPEN') return 'The file cannot be opened (permissions or a missing folder).';
  return code ?? 'unknown error';
}
