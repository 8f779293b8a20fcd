import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { addDays, localDate } from '../../src/main/vendors/dates';
import { addSimConnections, createHarness, type Harness } from './helpers/harness';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Requests the simulator received on an endpoint: the hits of a latency rule that slows them. */
function hitsOf(sim: RunningSimulator, ruleId: string): number {
  return sim.faults.list().find((r) => r.id === ruleId)?.hits ?? 0;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(20);
  }
}

describe('a stopped sync stops its requests; a failed one tells its own cause (simulator)', () => {
  let sim: RunningSimulator;
  let h: Harness;
  let ids: Awaited<ReturnType<typeof addSimConnections>>;
  const today = localDate(new Date());

  beforeAll(async () => {
    sim = await startSimulator({ seed: 11, scale: 'demo' });
    // Deadlines far past the test's own: a request left waiting instead of stopped would hang the test.
    h = createHarness({ httpTiming: { deadlines: { idleMs: 600_000, totalMs: 600_000 } } });
    ids = await addSimConnections(h, sim);
    // The locations first: the KPI runs read the stores from the cache.
    const run = await h.sync.wait((await h.sync.start({ connectionId: ids.ex.id, datasets: ['locations'], refetchFinal: false })).runIds[0]!);
    expect(run.status).toBe('ok');
  });
  afterAll(async () => {
    await h?.close();
    await sim?.close();
  });

  it('Cancel during a KPI sync: no request reaches the vendor after it', async () => {
    sim.faults.set({ id: 'slow', vendor: 'exteros', endpoint: '/v1/traffic', kind: 'latency', ms: 400 });
    try {
      const { runIds } = await h.sync.start({ connectionId: ids.ex.id, datasets: ['kpis'], from: addDays(today, -6), to: today, refetchFinal: true });
      await until(() => hitsOf(sim, 'slow') >= 8, 'KPI requests in flight');
      h.sync.cancel({ runId: runIds[0]! });
      const run = await h.sync.wait(runIds[0]!);
      expect(run.status).toBe('cancelled');
      const atEnd = hitsOf(sim, 'slow');
      // A grace longer than the simulator's delay: a request still queued or retried would show here.
      await pause(800);
      expect(hitsOf(sim, 'slow')).toBe(atEnd);
      // It stopped part-way: the whole range would be many more requests than those sent.
      expect(atEnd).toBeLessThan(sim.estate.stores.length * 7 * 4);
    } finally {
      sim.faults.clear();
    }
  });

  it('one request answered with broken JSON while its siblings are in flight: the run fails with that cause, not "cancelled"', async () => {
    sim.faults.set([
      // Impressions never answer, so they are in flight when an interaction count comes back broken:
      // the run can end only by stopping them.
      { id: 'slow', vendor: 'exteros', endpoint: '/v1/traffic/impression-counts', kind: 'timeout' },
      { id: 'broken', vendor: 'exteros', endpoint: '/v1/traffic/interaction-counts', kind: 'malformedJson', count: 1 },
    ]);
    try {
      const { runIds } = await h.sync.start({ connectionId: ids.ex.id, datasets: ['kpis'], from: addDays(today, -6), to: today, refetchFinal: true });
      const run = await h.sync.wait(runIds[0]!);
      expect(hitsOf(sim, 'slow')).toBeGreaterThan(0);
      expect(run.status).toBe('failed');
      expect(run.error).toMatchObject({ code: 'bad_response', message: expect.stringMatching(/^Exteros sent an answer the console could not read while trying to /) });
      // No more requests arrive once the run has ended.
      const atEnd = hitsOf(sim, 'slow');
      await pause(800);
      expect(hitsOf(sim, 'slow')).toBe(atEnd);
    } finally {
      sim.faults.clear();
    }
  });

  it('a start whose caller gave up before the runs were recorded starts nothing', async () => {
    const before = h.sync.history({ connectionId: ids.ex.id, limit: 100 }).length;
    const gaveUp = new AbortController();
    gaveUp.abort();
    await expect(h.sync.start({ connectionId: ids.ex.id, datasets: ['kpis'], refetchFinal: false }, 'manual', gaveUp.signal)).rejects.toMatchObject({ code: 'cancelled' });
    expect(h.sync.history({ connectionId: ids.ex.id, limit: 100 })).toHaveLength(before);
  });
});
