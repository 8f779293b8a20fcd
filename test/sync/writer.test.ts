import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/contract/errors';
import { openDatabase, type Db } from '../../src/main/db/open';
import type { FlowKpiAnswer } from '../../src/main/sync/flowKpiAnswer';
import { kpiSliceJob } from '../../src/main/sync/kpiStore';
import type { WriteJob } from '../../src/main/sync/writer/job';
import { WriteQueue } from '../../src/main/sync/writer/queue';
import { openSyncWriter, WriterStoppedError, type SyncWriter } from '../../src/main/sync/writer/writer';
import { count } from './helpers/harness';

describe('sync writer (a thread with its own connection to the WAL file; inline fallback)', () => {
  let dir: string;
  let db: Db;
  let writer: SyncWriter | undefined;

  function open(): void {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roc-writer-'));
    db = openDatabase({ file: path.join(dir, 'cache.sqlite') });
    db.prepare("INSERT INTO connections (id, vendor, name, created_at, updated_at) VALUES ('c1', 'flow', 'F', 't', 't')").run();
  }
  afterEach(async () => {
    await writer?.close();
    writer = undefined;
    db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const slice = (store: string, day: string, hours: number) =>
    kpiSliceJob({ connectionId: 'c1', storeKeys: [store], days: [day], rows: Array.from({ length: hours }, (_, hour) => ({ storeKey: store, day, hour, enters: hour })), today: '2099-01-01', fetchedAt: '2026-01-01T00:00:00.000Z', runId: null });

  for (const mode of ['auto', 'inline'] as const) {
    it(`${mode}: writes each job whole, the core's connection sees it, a failing job fails alone`, async () => {
      open();
      writer = await openSyncWriter(db, { mode });
      expect(writer.mode).toBe(mode === 'auto' ? 'thread' : 'inline');
      const bad = { steps: [{ sql: 'INSERT INTO kpi_days (connection_id, store_key, day, status, fetched_at) VALUES (?, ?, ?, ?, ?)', rows: [['c1', 'S9', '2026-01-01', 'not-a-status', 't']], counted: true }] };
      const results = await Promise.allSettled([writer.write(slice('S1', '2026-01-01', 10)), writer.write(bad), writer.write(slice('S2', '2026-01-01', 12))]);
      expect(results[0]).toEqual({ status: 'fulfilled', value: 10 });
      expect(results[1].status).toBe('rejected');
      expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/CHECK constraint/);
      expect(results[2]).toEqual({ status: 'fulfilled', value: 12 });
      expect(count(db, 'SELECT COUNT(*) n FROM kpi_hourly')).toBe(22);
      expect(count(db, "SELECT COUNT(*) n FROM kpi_days WHERE status = 'final'")).toBe(2);
      expect(count(db, "SELECT COUNT(*) n FROM kpi_days WHERE store_key = 'S9'")).toBe(0);
    });
  }

  const flowAnswer = (text: string, store: string, day: string): FlowKpiAnswer => ({
    body: Buffer.from(text), vendor: 'Flow', connectionId: 'c1', storeKeys: [store], day, todays: { [store]: '2099-01-01' }, fetchedAt: '2026-01-01T00:00:00.000Z', runId: null,
  });
  const flowText = (store: string, day: string, hours: number) =>
    JSON.stringify({ data: Array.from({ length: hours }, (_, h) => ({ storeCode: store, timestamp: `${day}T${String(h).padStart(2, '0')}:00:00`, traffic: { '001': { enters: h, exits: 1 } } })), status: 200 });

  for (const mode of ['auto', 'inline'] as const) {
    it(`${mode}: reads a Flow answer itself; an unusable one fails alone, in words, and writes nothing`, async () => {
      open();
      writer = await openSyncWriter(db, { mode });
      const results = await Promise.allSettled([
        writer.write({ flowKpiAnswer: flowAnswer(flowText('S1', '2026-01-01', 9), 'S1', '2026-01-01') }),
        writer.write({ flowKpiAnswer: flowAnswer('{"data": [{"storeCode": "S2", "timesta', 'S2', '2026-01-01') }),
        writer.write({ flowKpiAnswer: flowAnswer('{"data": [{"storeCode": "S3", "timestamp": 7}]}', 'S3', '2026-01-01') }),
        writer.write({ flowKpiAnswer: flowAnswer(flowText('S4', '2026-01-01', 4), 'S4', '2026-01-01') }),
      ]);
      expect(results[0]).toEqual({ status: 'fulfilled', value: 9 });
      expect(results[3]).toEqual({ status: 'fulfilled', value: 4 });
      const broken = (results[1] as PromiseRejectedResult).reason;
      expect(broken).toBeInstanceOf(AppError);
      expect(broken).toMatchObject({ code: 'bad_response', message: 'Flow sent an answer the console could not read while trying to read hourly KPIs.' });
      expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ code: 'bad_response', message: expect.stringContaining('field data[0].timestamp is wrong') });
      expect(count(db, 'SELECT COUNT(*) n FROM kpi_hourly')).toBe(13);
      expect(count(db, 'SELECT TOTAL(enters) n FROM kpi_hourly')).toBe(36 + 6);
      expect(count(db, "SELECT COUNT(*) n FROM kpi_days WHERE store_key IN ('S2', 'S3')")).toBe(0);
      const stats = await writer.close();
      writer = undefined;
      expect(stats.jobs).toBe(2);
      expect(stats.readMs).toBeGreaterThan(0);
    });
  }

  it("moves a large Flow answer's bytes to the thread; a small one, a slice of Node's shared pool, is copied", async () => {
    open();
    writer = await openSyncWriter(db);
    // Over half the pool's size: a Buffer of its own (as an answer's bytes, joined by Buffer.concat, are).
    const large = Buffer.from(flowText('S1', '2026-01-01', 24).padEnd(Buffer.poolSize, ' '));
    expect(large.byteOffset).toBe(0);
    expect(large.buffer.byteLength).toBe(large.byteLength);
    const small = Buffer.from(flowText('S2', '2026-01-01', 1));
    const neighbour = Buffer.from('another buffer of the same pool');
    expect(small.buffer).toBe(neighbour.buffer);
    const answer = (body: Buffer, store: string): FlowKpiAnswer => ({ ...flowAnswer('', store, '2026-01-01'), body });
    const written = Promise.all([writer.write({ flowKpiAnswer: answer(large, 'S1') }), writer.write({ flowKpiAnswer: answer(small, 'S2') })]);
    // Moved: gone from here at once. Copied: the pool and its other Buffers as they were.
    expect(large.byteLength).toBe(0);
    expect(small.toString()).toBe(flowText('S2', '2026-01-01', 1));
    expect(neighbour.toString()).toBe('another buffer of the same pool');
    expect(await written).toEqual([24, 1]);
    expect(count(db, "SELECT COUNT(*) n FROM kpi_hourly WHERE store_key = 'S1'")).toBe(24);
  });

  it('groups jobs queued together into few transactions, in order', async () => {
    open();
    writer = await openSyncWriter(db);
    const days = Array.from({ length: 200 }, (_, i) => `2025-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`);
    const written = await Promise.all(days.map((d) => writer!.write(slice('S1', d, 11))));
    expect(written.every((n) => n === 11)).toBe(true);
    // The last write of a store-day wins: the same slice again replaces, it does not add.
    await writer.write(slice('S1', days[0]!, 5));
    const stats = await writer.close();
    writer = undefined;
    expect(stats.jobs).toBe(201);
    expect(stats.transactions).toBeLessThan(50);
    expect(count(db, 'SELECT COUNT(*) n FROM kpi_hourly')).toBe(199 * 11 + 5);
  });

  it("a run's stream of slices, written in few large transactions, leaves the cache as one transaction per slice does", async () => {
    // Two runs' worth of slices, the second re-fetching every day with other counts, some days still today's.
    const stores = ['S1', 'S2', 'S3'];
    const days = Array.from({ length: 45 }, (_, i) => new Date(Date.UTC(2026, 0, 20 + i)).toISOString().slice(0, 10));
    const slices = [1, 2].flatMap((pass) =>
      days.map((day, d) =>
        kpiSliceJob({
          connectionId: 'c1', storeKeys: stores, days: [day], today: day >= '2026-03-01' ? '2026-03-01' : '2099-01-01', fetchedAt: `2026-03-0${pass}T00:00:00.000Z`, runId: pass,
          rows: stores.flatMap((store, s) => Array.from({ length: 8 + ((d + s + pass) % 5) }, (_, hour) => ({ storeKey: store, day, hour, enters: (hour + 1) * (d + 1) * pass + s, sales: (hour * 0.1 + s) * pass, demographics: { male_19_44: hour + pass } }))),
        }),
      ),
    );
    const contents = (cache: Db) =>
      ['kpi_hourly', 'kpi_days', 'report_kpi_days', 'report_kpi_months'].map((table) => cache.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3, 4`).all());

    open();
    writer = await openSyncWriter(db);
    const queue = new WriteQueue(writer);
    for (const job of slices) await queue.add(job);
    await queue.flush();
    const grouped = await writer.close();
    writer = undefined;
    expect(grouped.transactions).toBeLessThan(slices.length / 4);

    const oneByOne = openDatabase({ file: path.join(dir, 'one-by-one.sqlite') });
    try {
      const inline = await openSyncWriter(oneByOne, { mode: 'inline' });
      for (const job of slices) await inline.write(job);
      expect((await inline.close()).transactions).toBe(slices.length);
      const expected = contents(oneByOne);
      expect(expected[0]!.length).toBeGreaterThan(1000);
      expect(contents(db)).toEqual(expected);
    } finally {
      oneByOne.close();
    }
  });

  it('a writer thread that dies mid-transaction: logged, its writes fail in words and land not at all, the next write starts a new thread', async () => {
    open();
    const threads: Worker[] = [];
    const logs: Array<{ message: string; detail?: Record<string, unknown>; level?: string }> = [];
    writer = await openSyncWriter(db, { onThread: (t) => threads.push(t), log: (message, detail, level) => void logs.push({ message, detail, level }) });
    expect(await writer.write(slice('S1', '2026-01-01', 10))).toBe(10);
    // A job large enough to hold its transaction a while: 4,000 store-days of 24 hours.
    const days = Array.from({ length: 4000 }, (_, i) => new Date(Date.UTC(2010, 0, 1 + i)).toISOString().slice(0, 10));
    const large = writer.write(kpiSliceJob({ connectionId: 'c1', storeKeys: ['S2'], days, rows: days.flatMap((day) => Array.from({ length: 24 }, (_, hour) => ({ storeKey: 'S2', day, hour, enters: hour }))), today: '2099-01-01', fetchedAt: '2026-01-01T00:00:00.000Z', runId: null }));
    const after = writer.write(slice('S3', '2026-01-01', 7));
    // Stopped once its transaction holds the write lock (another connection cannot take it).
    const probe = new Database(path.join(dir, 'cache.sqlite'));
    probe.pragma('busy_timeout = 0');
    const locked = () => {
      try {
        probe.prepare('BEGIN IMMEDIATE').run();
        probe.prepare('ROLLBACK').run();
        return false;
      } catch {
        return true;
      }
    };
    await expect.poll(locked, { timeout: 30_000, interval: 1 }).toBe(true);
    await threads[0]!.terminate();
    for (const lost of [large, after]) {
      await expect(lost).rejects.toBeInstanceOf(WriterStoppedError);
      await expect(lost).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('cache writer stopped unexpectedly'), detail: 'the cache writer thread stopped (exit code 1)' });
    }
    expect(logs).toContainEqual({ message: 'sync: the cache writer thread died; the next write starts a new one', detail: { exitCode: 1, error: null, writesLost: 2 }, level: 'error' });
    // The dead thread's transaction was rolled back and its lock released.
    expect(locked()).toBe(false);
    probe.close();
    expect(count(db, "SELECT COUNT(*) n FROM kpi_days WHERE store_key IN ('S2', 'S3')")).toBe(0);

    expect(await writer.write(slice('S4', '2026-01-01', 5))).toBe(5);
    expect(threads).toHaveLength(2);
    expect(count(db, 'SELECT COUNT(*) n FROM kpi_hourly')).toBe(15);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('a writer thread that dies of an uncaught error: the error is logged and is the cause its writes fail with; the next write starts a new thread', async () => {
    open();
    const threads: Worker[] = [];
    const logs: Array<{ message: string; detail?: Record<string, unknown>; level?: string }> = [];
    writer = await openSyncWriter(db, { onThread: (t) => threads.push(t), log: (message, detail, level) => void logs.push({ message, detail, level }) });
    // A job without rows (a job maker's bug the types would refuse): the thread throws outside any job's try.
    const broken = writer.write({ steps: [{ sql: 'SELECT 1' }] } as unknown as WriteJob);
    await expect(broken).rejects.toBeInstanceOf(WriterStoppedError);
    await expect(broken).rejects.toMatchObject({ detail: expect.stringMatching(/^the cache writer thread stopped \(exit code 1, TypeError: .*length/) });
    expect(logs).toContainEqual({ message: 'sync: the cache writer thread died; the next write starts a new one', detail: { exitCode: 1, error: expect.stringMatching(/^TypeError: /), writesLost: 1 }, level: 'error' });
    expect(await writer.write(slice('S1', '2026-01-01', 3))).toBe(3);
    expect(threads).toHaveLength(2);
  });

  it('an in-memory cache cannot be shared with a thread: writes inline', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roc-writer-'));
    db = openDatabase({ file: ':memory:' });
    writer = await openSyncWriter(db);
    expect(writer.mode).toBe('inline');
  });
});
