import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysBetween } from '../../src/main/vendors/dates';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { healthAlerts } from '../../src/simulator/retailnext/health';
import { addSimConnections, count, createHarness, type Harness } from './helpers/harness';

/**
 * Every RetailNext v1 read is paged at 100 entries, POST queries too: an estate with more than 100
 * health alerts and more than 100 store-days in one store-hours query must arrive whole.
 */
describe('v1 answers of more than one page, synced whole', () => {
  const at = new Date('2026-11-18T15:30:00Z');
  let sim: RunningSimulator;
  let h: Harness;
  let rnId: string;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 3, scale: { regions: 2, stores: 120, camerasPerStore: 1, users: 4, alertSources: 40 }, now: () => at });
    h = createHarness({ now: () => at });
    rnId = (await addSimConnections(h, sim)).rn.id;
  });
  afterAll(async () => {
    await h?.close();
    await sim?.close();
  });

  it('health alerts: every page (more than 100), each page counted as a request in the run', async () => {
    // A rule that delays nothing, only to count the requests the simulator receives.
    sim.faults.set({ id: 'count', vendor: 'retailnext', endpoint: '/v1/healthalerts', kind: 'latency', ms: 0 });
    const run = await h.sync.wait((await h.sync.start({ connectionId: rnId, datasets: ['health_alerts'], refetchFinal: false })).runIds[0]!);
    const received = sim.faults.list().find((r) => r.id === 'count')!.hits;
    sim.faults.clear('count');
    expect(run.status).toBe('ok');
    const expected = healthAlerts(sim.estate, at.getTime());
    expect(expected.length).toBeGreaterThan(250);
    expect(count(h.db, 'SELECT COUNT(*) n FROM cached_health_alerts')).toBe(expected.length);
    expect(count(h.db, 'SELECT COUNT(DISTINCT uuid) n FROM cached_health_alerts')).toBe(expected.length);
    expect(received).toBe(Math.ceil(expected.length / 100));
    expect(run.requests).toBe(received);
    expect(h.sync.history({ connectionId: rnId, limit: 10 }).find((r) => r.id === run.id)?.requests).toBe(received);
  });

  it('store hours: 100 stores x 7 days in one query is 7 pages, every store-day kept', async () => {
    sim.faults.set({ id: 'count', vendor: 'retailnext', endpoint: '/v1/storehours', kind: 'latency', ms: 0 });
    const runs = await Promise.all((await h.sync.start({ connectionId: rnId, datasets: ['locations', 'store_hours'], refetchFinal: false })).runIds.map((id) => h.sync.wait(id)));
    const received = sim.faults.list().find((r) => r.id === 'count')!.hits;
    sim.faults.clear('count');
    expect(runs.map((r) => r.status)).toEqual(['ok', 'ok']);
    // Two batches of stores (100 and 20), each a week of store-days: 7 pages and 2.
    expect(received).toBe(9);
    expect(runs[1]!.requests).toBe(received);
    // the run's own days: the default range (the days of a week)
    const range = runs[1]!.range!;
    expect(daysBetween(range.from, range.to)).toHaveLength(7);
    const days = daysBetween(range.from, range.to);
    const expected = sim.estate.stores.reduce((n, s) => n + days.filter((d) => s.hours[new Date(`${d}T00:00:00Z`).getUTCDay()]).length, 0);
    expect(expected).toBeGreaterThan(700);
    expect(count(h.db, 'SELECT COUNT(*) n FROM cached_store_hours')).toBe(expected);
  });
});
