import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { kpiHoldings } from '../../src/main/reports/holdings';
import { addSimConnections, count, createHarness, type Harness } from './helpers/harness';

// sync.status tells what each connection's KPI cache holds. Counting it passes over every store-day
// (about 100 ms for 1,000 stores over a year), so the core asks a read lane, once after each KPI run
// of that connection, not at each call (the desktop's tray asks every second while a sync runs).
describe('sync.status: what the KPI cache holds', () => {
  let sim: RunningSimulator;
  let h: Harness;
  const asked: string[] = [];

  beforeAll(async () => {
    sim = await startSimulator({ seed: 7, scale: 'demo' });
    h = createHarness({
      kpiHoldings: async (connectionId) => {
        asked.push(connectionId);
        return kpiHoldings(h.db, connectionId);
      },
    });
  });
  afterAll(async () => {
    await h?.close();
    await sim?.close();
  });

  it('is read once, kept, and read again after each KPI run of that connection', async () => {
    const { flow } = await addSimConnections(h, sim);
    const codes = sim.credentials.flow.storeCodes;
    const syncKpis = async (from: string, to: string) => expect((await h.sync.wait((await h.sync.start({ connectionId: flow.id, datasets: ['kpis'], from, to, refetchFinal: false })).runIds[0]!)).status).toBe('ok');
    const kpis = async () => (await h.sync.status(flow.id)).freshness.find((f) => f.dataset === 'kpis')!;

    // Fixed past days: final in every store's calendar whatever today is.
    await syncKpis('2026-03-01', '2026-03-02');
    const first = await kpis();
    expect(first.holds).toEqual({ count: codes.length * 2, unit: 'store-days', from: '2026-03-01', to: '2026-03-02' });
    expect(first.fetchedAt).not.toBeNull();
    expect(Date.parse(first.fetchedAt!)).toBe(Math.max(...(h.db.prepare('SELECT fetched_at AS f FROM kpi_days WHERE connection_id = ?').all(flow.id) as Array<{ f: string }>).map((r) => Date.parse(r.f))));
    await kpis();
    await h.sync.status();
    expect(asked).toEqual([flow.id]);

    await syncKpis('2026-03-03', '2026-03-03');
    const second = await kpis();
    expect(second.holds).toEqual({ count: codes.length * 3, unit: 'store-days', from: '2026-03-01', to: '2026-03-03' });
    expect(count(h.db, 'SELECT COUNT(*) n FROM kpi_days WHERE connection_id = ?', flow.id)).toBe(codes.length * 3);
    expect(asked).toEqual([flow.id, flow.id]);
  });
});
