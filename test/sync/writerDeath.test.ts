import fs from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import type { Db } from '../../src/main/db/open';
import { addSimConnections, count, createHarness, type Harness } from './helpers/harness';

/**
 * The sync writer thread dying mid-sync (here stopped with `terminate()`, as an uncaught error or
 * running out of memory would): the death is logged, the run fails with that cause, the next sync
 * in the same core writes through a new thread, and the cache holds whole slices only.
 */
describe('the sync writer thread dies in the middle of a sync', () => {
  let sim: RunningSimulator;
  const cores: Harness[] = [];
  /** A core whose writer threads and log lines the test sees. */
  const core = () => {
    const threads: Worker[] = [];
    const logs: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
    // The clock pinned after the range: every day of it is past, so final, in every store's zone.
    const h = createHarness({ now: () => new Date('2026-05-20T12:00:00.000Z'), onWriterThread: (t) => threads.push(t), warmHttpAfterMs: 60_000, recordRetryMs: 10 });
    h.ctx.log = { log: (level, message, fields) => void logs.push({ level, message, fields }) };
    cores.push(h);
    return { h, threads, logs };
  };
  const range = { from: '2026-03-01', to: '2026-04-29' };
  /** Starts a slow Flow KPI sync and stops its writer thread once some of its slices are written. */
  const killMidSync = async (h: Harness, threads: Worker[], connectionId: string, beforeKill: () => void = () => undefined) => {
    await h.sync.ready;
    expect(threads).toHaveLength(1);
    sim.faults.set({ id: 'slow', vendor: 'flow', kind: 'latency', ms: 150 });
    const runId = (await h.sync.start({ connectionId, datasets: ['kpis'], ...range, refetchFinal: false })).runIds[0]!;
    await expect.poll(() => h.events.some((e) => e.name === 'sync.progress' && (e.payload as { runId: number; rowsWritten: number }).rowsWritten > 0), { timeout: 60_000, interval: 20 }).toBe(true);
    beforeKill();
    await threads[0]!.terminate();
    const failed = await h.sync.wait(runId);
    sim.faults.clear();
    return { runId, failed };
  };
  const cause = { code: 'internal', message: expect.stringContaining('cache writer stopped unexpectedly'), detail: expect.stringContaining('exit code 1') };

  beforeAll(async () => {
    sim = await startSimulator({ seed: 17, scale: 'demo' });
  });
  afterAll(async () => {
    for (const h of cores) await h.close().catch(() => undefined);
    await sim?.close();
  });

  /** Each store-day of Flow KPIs held, with its hours (all but when they were fetched). */
  const held = (db: Db, connectionId: string) => {
    const days = db.prepare("SELECT store_key || '|' || day AS k, status FROM kpi_days WHERE connection_id = ? ORDER BY k").all(connectionId) as Array<{ k: string; status: string }>;
    const hours = db.prepare("SELECT store_key || '|' || day AS k, hour, enters, exits, entrances, provisional FROM kpi_hourly WHERE connection_id = ? ORDER BY k, hour").all(connectionId) as Array<{ k: string }>;
    const byDay = new Map<string, unknown[]>();
    for (const r of hours) byDay.set(r.k, [...(byDay.get(r.k) ?? []), r]);
    return { days, byDay };
  };

  it('logs the death, fails the run with its cause, syncs again in the same core, and keeps only whole slices', async () => {
    const { h, threads, logs } = core();
    const { flow } = await addSimConnections(h, sim);
    const { runId, failed } = await killMidSync(h, threads, flow.id);

    // The death is logged at once, with its exit code; the run reads as failed with that cause, not "cancelled".
    expect(logs).toContainEqual(expect.objectContaining({ level: 'error', message: 'sync: the cache writer thread died; the next write starts a new one', fields: expect.objectContaining({ exitCode: 1 }) }));
    expect(failed).toMatchObject({ status: 'failed', error: cause });
    expect(h.sync.history({ connectionId: flow.id, limit: 1 })[0]).toMatchObject({ id: runId, status: 'failed', error: cause });
    expect(count(h.db, "SELECT COUNT(*) n FROM sync_runs WHERE id = ? AND status = 'failed' AND error LIKE '%cache writer stopped%'", runId)).toBe(1);

    const partial = held(h.db, flow.id);
    expect(h.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(partial.days.length).toBeGreaterThan(0);

    // The next sync, in the same core, writes through a new thread; asked again in full, it is the reference.
    const again = await h.sync.wait((await h.sync.start({ connectionId: flow.id, datasets: ['kpis'], ...range, refetchFinal: true })).runIds[0]!);
    expect(again).toMatchObject({ status: 'ok', error: null });
    expect(threads).toHaveLength(2);
    const whole = held(h.db, flow.id);
    expect(partial.days.length).toBeLessThan(whole.days.length);

    // Every store-day the first run left is whole: exactly the hours a complete sync writes for it.
    const wholeDays = new Map(whole.days.map((d) => [d.k, d.status]));
    for (const d of partial.days) {
      expect(wholeDays.get(d.k)).toBe(d.status);
      expect(partial.byDay.get(d.k)).toEqual(whole.byDay.get(d.k));
    }
    expect([...partial.byDay.keys()].every((k) => wholeDays.has(k) && partial.days.some((d) => d.k === k))).toBe(true);
  });

  it('a writer that cannot start again: the run-end record is given up in words and logged, not retried forever, and written at the next sync', async () => {
    const { h, threads, logs } = core();
    const { flow } = await addSimConnections(h, sim);
    // The data folder moved away while the core runs on its open file: a new thread cannot open the cache.
    const moved = `${h.dir}-moved`;
    const { runId, failed } = await killMidSync(h, threads, flow.id, () => fs.renameSync(h.dir, moved));
    const restored = () => fs.renameSync(moved, h.dir);
    try {
      expect(failed).toMatchObject({ status: 'failed', error: cause });
      // Ten times the retry interval of a full disk's run ends: a retry loop would have tried again meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 100));
      // Tried with a new thread, then given up: the run reads as failed from memory.
      expect(logs.filter((l) => l.message === 'sync: the cache writer thread could not be started again')).toHaveLength(2);
      expect(logs).toContainEqual(expect.objectContaining({ level: 'error', message: expect.stringContaining('sync: gave up recording the end of a run for now'), fields: expect.objectContaining({ runId }) }));
      expect(count(h.db, "SELECT COUNT(*) n FROM sync_runs WHERE id = ? AND status = 'running'", runId)).toBe(1);
      expect(h.sync.history({ connectionId: flow.id, limit: 1 })[0]).toMatchObject({ id: runId, status: 'failed', error: cause });
    } finally {
      restored();
    }
    expect(threads).toHaveLength(1);

    // The next sync writes the kept end first, through a new thread, then runs.
    const again = await h.sync.wait((await h.sync.start({ connectionId: flow.id, datasets: ['kpis'], ...range, refetchFinal: false })).runIds[0]!);
    expect(again.status).toBe('ok');
    expect(threads).toHaveLength(2);
    expect(count(h.db, "SELECT COUNT(*) n FROM sync_runs WHERE id = ? AND status = 'failed' AND error LIKE '%cache writer stopped%'", runId)).toBe(1);
    expect(logs.filter((l) => l.message === 'sync: the cache writer thread could not be started again')).toHaveLength(2);
  });
});
