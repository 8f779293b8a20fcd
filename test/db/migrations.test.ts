import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/contract/errors';
import { migrations, type Migration } from '../../src/main/db/migrations';
import { openDatabase, schemaVersion } from '../../src/main/db/open';
import { tempDir } from '../support/temp';

describe('the SQLite cache', () => {
  it('opens in WAL mode with foreign keys and every migration applied', () => {
    const file = path.join(tempDir(), 'cache.sqlite');
    const db = openDatabase({ file });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'connections'").get()).toEqual({ n: 1 });
    db.close();
    // Opening again applies nothing twice.
    const again = openDatabase({ file });
    expect(schemaVersion(again)).toBe(migrations.length);
    again.close();
  });

  it('refuses a file written by a newer version, and leaves it untouched', () => {
    const file = path.join(tempDir(), 'cache.sqlite');
    openDatabase({ file }).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${migrations.length + 5}`);
    raw.close();

    let error: unknown;
    try {
      openDatabase({ file });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('db_newer_version');
    expect((error as AppError).message).toMatch(/newer version of Retail Ops Console/);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(migrations.length + 5);
    check.close();
  });

  it('rolls a failing migration back whole, keeping the earlier version', () => {
    const file = path.join(tempDir(), 'cache.sqlite');
    const broken: Migration[] = [
      ...migrations,
      {
        version: migrations.length + 1,
        name: 'half-done',
        up(db) {
          db.exec('CREATE TABLE half_done (x INTEGER)');
          throw new Error('boom in the middle');
        },
      },
    ];
    expect(() => openDatabase({ file, migrations: broken })).toThrow(/boom in the middle/);
    const db = openDatabase({ file });
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('enforces foreign keys (sync runs of a removed connection go with it)', () => {
    const db = openDatabase({ file: path.join(tempDir(), 'cache.sqlite') });
    const now = new Date().toISOString();
    db.prepare("INSERT INTO connections (id, vendor, name, created_at, updated_at) VALUES ('c1', 'flow', 'F', ?, ?)").run(now, now);
    db.prepare("INSERT INTO sync_runs (connection_id, job, started_at, status) VALUES ('c1', 'kpis', ?, 'ok')").run(now);
    expect(() => db.prepare("INSERT INTO sync_runs (connection_id, job, started_at, status) VALUES ('nope', 'kpis', ?, 'ok')").run(now)).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM connections WHERE id = 'c1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM sync_runs').get()).toEqual({ n: 0 });
    db.close();
  });
});
