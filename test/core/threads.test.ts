import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtEntries, entryFile, type EntryName } from '../../src/main/platform/entries';
import { progressLayout, type TailHasherData } from '../../src/main/exports/threadProtocol';
import type { FromWriterThread, WriterThreadData } from '../../src/main/sync/writer/threadProtocol';
import { openDatabase } from '../../src/main/db/open';
import { cacheVersion } from '../../src/main/estate/model';
import { writePreparedJson } from '../../src/main/estate/prepared';
import type { FromReadThread, ReadThreadData } from '../../src/main/reads/protocol';
import { tempDir } from '../support/temp';

// The worker threads are typed entry files: the tests run them from sources under tsx (every
// writer, download and hasher test does); these prove the desktop build's own files run too.
const built = path.resolve('out/main');
const names = Object.keys(builtEntries) as EntryName[];

function onMessages<T>(worker: Worker, until: (m: T) => boolean): Promise<T[]> {
  const seen: T[] = [];
  return new Promise((resolve, reject) => {
    worker.on('message', (m: T) => {
      seen.push(m);
      if (until(m)) resolve(seen);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`thread exited ${code} after ${JSON.stringify(seen)}`)));
  });
}

describe('typed worker threads', () => {
  beforeAll(() => {
    // `npm test` builds before vitest; a lone run of this file builds what it checks.
    if (!names.every((name) => fs.existsSync(path.join(built, `${name}.js`)))) {
      execFileSync('npx', ['electron-vite', 'build'], { stdio: 'ignore' });
    }
  }, 120_000);

  it('runs each entry from its TypeScript source under tsx when the core runs from sources', () => {
    for (const name of names) {
      const entry = entryFile(name);
      expect(entry.file.endsWith(builtEntries[name])).toBe(true);
      expect(fs.existsSync(entry.file)).toBe(true);
      expect(entry.execArgv.join(' ')).toMatch(/--require .*tsx/);
    }
  });

  it('the built sync writer thread writes a job whole and reports its stats', async () => {
    const file = path.join(tempDir('roc-threads-'), 'cache.sqlite');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (a INTEGER)');
    const workerData: WriterThreadData = { file, maxRows: 100, gatherMs: 1, cacheKiB: 1024 };
    const worker = new Worker(path.join(built, 'syncWriterThread.js'), { workerData });
    try {
      const ready = onMessages<FromWriterThread>(worker, (m) => m.type === 'ready');
      await ready;
      const done = onMessages<FromWriterThread>(worker, (m) => m.type === 'closed');
      worker.postMessage({ type: 'write', id: 7, input: { steps: [{ sql: 'INSERT INTO t (a) VALUES (?)', rows: [[1], [2], [3]], counted: true }] } });
      worker.postMessage({ type: 'close' });
      const messages = await done;
      expect(messages).toContainEqual({ type: 'done', id: 7, ok: true, result: 3 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 3 });
    } finally {
      await worker.terminate();
      db.close();
    }
  });

  it('the built hashing thread hashes the bytes it is told are on disk', async () => {
    const file = path.join(tempDir('roc-threads-'), 'x.part');
    const bytes = randomBytes(3 * 1024 * 1024 + 5);
    fs.writeFileSync(file, bytes);
    const shared = new SharedArrayBuffer(progressLayout.bytes);
    const written = new BigInt64Array(shared, progressLayout.writtenAt, 2);
    written[0] = BigInt(bytes.length);
    written[1] = 1n;
    const workerData: TailHasherData = { path: file, shared, fastBytesPerSecond: 1, maxLagBytes: 1 };
    const worker = new Worker(path.join(built, 'tailHasherThread.js'), { workerData });
    const [result] = await onMessages<unknown>(worker, () => true);
    await worker.terminate();
    expect(result).toEqual({ bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
  });

  it('the built download thread connects and reports a refused connection in words', async () => {
    const worker = new Worker(path.join(built, 'downloadThread.js'), {
      workerData: { https: false, host: '127.0.0.1', port: 1, request: 'GET / HTTP/1.1\r\n\r\n', headTimeoutMs: 5_000, maxHeadBytes: 65_536, readBufferBytes: 65_536 },
    });
    const [message] = await onMessages<unknown>(worker, () => true);
    await worker.terminate();
    expect(message).toMatchObject({ type: 'error', kind: 'network', error: { code: 'ECONNREFUSED' } });
  });

  it('the built read thread answers a read as JSON text over its read-only connection and hands the core the tree to keep', async () => {
    const dataDir = tempDir('roc-threads-');
    const file = path.join(dataDir, 'cache.sqlite');
    const db = openDatabase({ file });
    const workerData: ReadThreadData = { lane: 'estate', dataDir };
    const worker = new Worker(path.join(built, 'readThread.js'), { workerData });
    worker.postMessage({ type: 'open', file });
    try {
      await onMessages<FromReadThread>(worker, (m) => m.type === 'ready');
      const done = onMessages<FromReadThread>(worker, (m) => m.type === 'done');
      worker.postMessage({ type: 'read', id: 3, op: 'estate.tree', input: { part: 'top' }, now: '2026-02-28T23:30:00.000Z' });
      const messages = await done;
      const answer = messages.find((m) => m.type === 'done')!;
      expect(answer).toMatchObject({ type: 'done', id: 3, ok: true });
      expect(JSON.parse((answer as { json: string }).json)).toMatchObject({ nodes: expect.any(Array) });
      // The tree it built is handed to the core to keep (its own connection cannot write).
      const keep = messages.find((m) => m.type === 'keep')!;
      expect(keep).toMatchObject({ type: 'keep', name: 'tree.top', json: (answer as { json: string }).json });

      // A worker of the next start answers with the kept text as it is: not parsed and written
      // again (which would drop the indentation this copy is kept with).
      const { version, json } = keep as { version: string; json: string };
      const indented = JSON.stringify(JSON.parse(json), null, 1);
      writePreparedJson(db, { log: () => undefined }, 'tree.top', version, indented);
      const next = new Worker(path.join(built, 'readThread.js'), { workerData });
      next.postMessage({ type: 'open', file });
      try {
        await onMessages<FromReadThread>(next, (m) => m.type === 'ready');
        const again = onMessages<FromReadThread>(next, (m) => m.type === 'done');
        next.postMessage({ type: 'read', id: 4, op: 'estate.tree', input: { part: 'top' }, now: '2026-02-28T23:30:00.000Z' });
        const kept = await again;
        expect(kept).toEqual([{ type: 'done', id: 4, ok: true, json: indented }]);
      } finally {
        await next.terminate();
      }
    } finally {
      await worker.terminate();
      db.close();
    }
  });

  it('the built read thread, started before its cache exists (as the core starts it), opens it when told and answers the kept first screen as it is; a copy cut short is built again', async () => {
    const dataDir = tempDir('roc-threads-');
    const file = path.join(dataDir, 'cache.sqlite');
    const workerData: ReadThreadData = { lane: 'estate', dataDir };
    const worker = new Worker(path.join(built, 'readThread.js'), { workerData });
    try {
      // Only now is the cache made (the core opens and migrates it while the worker loads).
      const db = openDatabase({ file });
      const read = async (id: number) => {
        const done = onMessages<FromReadThread>(worker, (m) => m.type === 'done');
        worker.postMessage({ type: 'read', id, op: 'estate.tree', input: { part: 'top' }, now: '2026-02-28T23:30:00.000Z' });
        return done;
      };
      try {
        const version = cacheVersion(db);
        const kept = JSON.stringify({ version, nodes: [{ id: 'kept', label: 'Kept by the last run' }] }, null, 1);
        writePreparedJson(db, { log: () => undefined }, 'tree.top', version, kept);
        const ready = onMessages<FromReadThread>(worker, (m) => m.type === 'ready');
        worker.postMessage({ type: 'open', file });
        await ready;
        worker.postMessage({ type: 'warm', part: 'start', now: '2026-02-28T23:30:00.000Z' });
        expect(await read(1)).toEqual([{ type: 'done', id: 1, ok: true, json: kept }]);

        // A copy cut short is never sent on: the tree is built from the cache and kept again.
        writePreparedJson(db, { log: () => undefined }, 'tree.top', version, kept.slice(0, -20));
        const next = new Worker(path.join(built, 'readThread.js'), { workerData });
        try {
          const nextReady = onMessages<FromReadThread>(next, (m) => m.type === 'ready');
          next.postMessage({ type: 'open', file });
          await nextReady;
          const done = onMessages<FromReadThread>(next, (m) => m.type === 'done');
          next.postMessage({ type: 'read', id: 2, op: 'estate.tree', input: { part: 'top' }, now: '2026-02-28T23:30:00.000Z' });
          const messages = await done;
          const answer = messages.find((m) => m.type === 'done') as { ok: boolean; json: string };
          expect(answer.ok).toBe(true);
          expect(JSON.parse(answer.json)).toMatchObject({ version, nodes: expect.any(Array) });
          expect(messages.find((m) => m.type === 'keep')).toMatchObject({ name: 'tree.top', json: answer.json });
        } finally {
          await next.terminate();
        }
      } finally {
        db.close();
      }
    } finally {
      await worker.terminate();
    }
  });
});
