import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/open';
import { writePreparedJson } from '../../src/main/estate/prepared';
import { tempDir } from '../support/temp';

describe('a view kept for the next start', () => {
  it('is given up at once while the sync writer holds the cache, in words in the log, and the cache keeps its 5 s wait for everything else', () => {
    const file = path.join(tempDir('roc-prepared-'), 'cache.sqlite');
    const db = openDatabase({ file });
    const writer = new Database(file);
    const logs: string[] = [];
    const log = { log: (_level: string, message: string) => void logs.push(message) };
    writer.exec('BEGIN IMMEDIATE');
    try {
      const started = performance.now();
      writePreparedJson(db, log, 'tree.top', 'v1', '{"nodes":[]}');
      // The cache's own wait for a lock is 5 s: the write did not take it (it takes well under a millisecond).
      expect(performance.now() - started).toBeLessThan(2500);
      expect(logs).toEqual(['estate: tree.top not kept for the next start']);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
    // Once the writer is done, the view is kept.
    writePreparedJson(db, log, 'tree.top', 'v1', '{"nodes":[]}');
    expect(db.prepare('SELECT json FROM it_prepared WHERE name = ?').pluck().get('tree.top')).toBe('{"nodes":[]}');
    expect(logs).toHaveLength(1);
    db.close();
  });
});
