import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/open';
import { tempDir } from '../support/temp';

const batchSize = 500;

describe('a kill -9 in the middle of writing', () => {
  it('leaves a consistent database with only whole transactions', async () => {
    const file = path.join(tempDir(), 'cache.sqlite');
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('test/db/crashWriter.ts'), file, String(batchSize)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`writer exited early (${code})`)));
    });
    // Let it get well into later batches, then kill it mid-transaction.
    await new Promise((r) => setTimeout(r, 400));
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;

    const db = openDatabase({ file });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const batches = db.prepare('SELECT batch, count(*) AS n FROM crash_rows GROUP BY batch ORDER BY batch').all() as Array<{ batch: number; n: number }>;
    expect(batches.length).toBeGreaterThan(1);
    for (const [i, b] of batches.entries()) {
      expect(b.batch).toBe(i);
      expect(b.n).toBe(batchSize);
    }
    db.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('quick_check', { simple: true })).toBe('ok');
    raw.close();
  });
});
