import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { isOpenHour } from '../../src/simulator/estate/kpi';
import { localDayHours } from '../../src/simulator/estate/time';
import { localDay } from '../../src/shared/reports/time';
import { FlowClient } from '../../src/main/vendors/flow/client';
import { ExterosClient } from '../../src/main/vendors/exteros/client';
import { localDate } from '../../src/main/vendors/dates';
import { runReport } from '../../src/main/reports/report';
import { addSimConnections, createHarness, type Harness } from './helpers/harness';

// A moment after the autumn clock change in the US (Sunday 2025-11-02, 01:00 happens twice).
let now = new Date('2025-11-05T12:00:00Z');
const fallBack = '2025-11-02';
const springForward = '2025-03-09';

describe('KPI hours and days in each store’s own time (simulator, demo estate)', () => {
  let sim: RunningSimulator;
  let h: Harness;
  let ids: Awaited<ReturnType<typeof addSimConnections>>;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 7, scale: 'demo', now: () => now });
    h = createHarness({ now: () => now });
    ids = await addSimConnections(h, sim);
    // Time zones of Flow codes and Exteros locations come from the RetailNext stores they belong to.
    const run = await h.sync.wait((await h.sync.start({ connectionId: ids.rn.id, datasets: ['locations'], refetchFinal: false })).runIds[0]!);
    expect(run.status).toBe('ok');
  });
  afterAll(async () => {
    await h?.close();
    await sim?.close();
  });

  const flowTruth = async (code: string, day: string) => {
    const target = await h.connections.targetOf(ids.flow.id);
    return new FlowClient(target).hourlySlice({ date: day, storeCodes: [code] });
  };
  const cached = (connectionId: string, key: string, day: string) =>
    h.db.prepare('SELECT hour, enters, exits, male_19_44, entrances FROM kpi_hourly WHERE connection_id = ? AND store_key = ? AND day = ? ORDER BY hour').all(connectionId, key, day) as Array<{ hour: number; enters: number; exits: number; male_19_44: number; entrances: string }>;

  it('keeps both hours Flow stamps 01:00 on the autumn change (the second pass as an hour of its own: 25 hours) and the 23-hour spring day whole', async () => {
    // A store open through the night of the change, so Flow sends the repeated hour.
    const store = sim.estate.stores.find((s) => s.time_zone === 'America/Los_Angeles' && localDayHours(s.time_zone, fallBack).slice(1, 3).every((t) => isOpenHour(s, t)));
    expect(store, 'the demo estate has a Los Angeles store open at 01:00 on the change').toBeDefined();
    const code = store!.flowCode!;
    for (const [from, to] of [['2025-11-01', '2025-11-03'], ['2025-03-08', '2025-03-10']]) {
      const run = await h.sync.wait((await h.sync.start({ connectionId: ids.flow.id, datasets: ['kpis'], from, to, refetchFinal: true })).runIds[0]!);
      expect(run.status).toBe('ok');
    }

    const truth = await flowTruth(code, fallBack);
    const ones = truth.filter((r) => r.hour === 1);
    expect(ones).toHaveLength(2); // what Flow sends: two rows stamped 01:00
    const rows = cached(ids.flow.id, code, fallBack);
    const sum = (xs: Array<{ enters: number }>) => xs.reduce((n, r) => n + r.enters, 0);
    expect(sum(rows)).toBe(sum(truth));
    expect(rows.reduce((n, r) => n + r.exits, 0)).toBe(truth.reduce((n, r) => n + r.exits, 0));
    expect(rows).toHaveLength(truth.length);
    const first = rows.find((r) => r.hour === 1)!;
    const second = rows.find((r) => r.hour === 25)!;
    expect([first.enters, second.enters]).toEqual([ones[0]!.enters, ones[1]!.enters]);
    expect([first.male_19_44, second.male_19_44]).toEqual([ones[0]!.demographics.male_19_44, ones[1]!.demographics.male_19_44]);
    const entrances = JSON.parse(second.entrances) as Record<string, { enters: number }>;
    expect(Object.values(entrances).reduce((n, e) => n + e.enters, 0)).toBe(second.enters);
    expect(new Set(rows.map((r) => r.hour)).size).toBe(rows.length);

    const spring = await flowTruth(code, springForward);
    const springRows = cached(ids.flow.id, code, springForward);
    expect(springRows.some((r) => r.hour === 2)).toBe(false);
    expect(springRows.map((r) => r.hour)).toEqual(spring.map((r) => r.hour));
    expect(sum(springRows)).toBe(sum(spring));
    // Reports' day sums see every count of the day.
    const day = h.db.prepare('SELECT enters, hours FROM report_kpi_days WHERE connection_id = ? AND store_key = ? AND day = ?').get(ids.flow.id, code, fallBack) as { enters: number; hours: number };
    expect(day.hours).toBe(truth.length);
    // The store's hour report of that day: 25 hours, the second 01:00 its own, an hour after the first.
    const report = runReport(h.db, { nodeId: store!.uuid, from: fallBack, to: fallBack, granularity: 'hour' }, now);
    expect(report.buckets).toHaveLength(25);
    const firstPass = report.buckets.find((b) => b.key === `${fallBack} 01`)!;
    const secondPass = report.buckets.find((b) => b.key === `${fallBack} 25`)!;
    expect(report.buckets.indexOf(secondPass)).toBe(report.buckets.indexOf(firstPass) + 1);
    expect(secondPass).toMatchObject({ label: `${fallBack} 01:00 (2nd)`, x: firstPass.x + 3_600_000, hour: 1 });
    expect([firstPass.sums.flowIn, secondPass.sums.flowIn]).toEqual([ones[0]!.enters, ones[1]!.enters]);
    expect(report.totals.sums.flowIn).toBe(sum(truth));
    expect(day.enters).toBe(sum(truth));
  });

  it('"today" (provisional) is each store’s local date, not the machine’s', async () => {
    // An instant at which the store's date and the machine's differ (whatever the machine's zone).
    const candidates = sim.estate.stores.filter((s) => s.flowCode).flatMap((s) => ['2025-11-05T03:30:00Z', '2025-11-05T05:30:00Z', '2025-11-05T15:30:00Z'].map((t) => ({ s, t: new Date(t) })));
    const pick = candidates.find(({ s, t }) => localDay(s.time_zone, t.getTime()) !== localDate(t));
    expect(pick).toBeDefined();
    now = pick!.t;
    const storeToday = localDay(pick!.s.time_zone, now.getTime());
    const machineToday = localDate(now);
    const code = pick!.s.flowCode!;
    const from = '2025-11-03';
    const to = '2025-11-06';
    for (const id of [ids.flow.id, ids.rn.id]) {
      const run = await h.sync.wait((await h.sync.start({ connectionId: id, datasets: ['kpis'], from, to, refetchFinal: true })).runIds[0]!);
      expect(run.status).toBe('ok');
    }
    const status = (connectionId: string, key: string) =>
      Object.fromEntries((h.db.prepare('SELECT day, status FROM kpi_days WHERE connection_id = ? AND store_key = ? AND day BETWEEN ? AND ? ORDER BY day').all(connectionId, key, from, to) as Array<{ day: string; status: string }>).map((r) => [r.day, r.status]));
    const expected: Record<string, string> = {};
    for (let d = from; d <= storeToday; d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) expected[d] = d === storeToday ? 'provisional' : 'final';
    expect({ machineToday, flow: status(ids.flow.id, code) }).toEqual({ machineToday, flow: expected });
    expect({ machineToday, rn: status(ids.rn.id, pick!.s.uuid) }).toEqual({ machineToday, rn: expected });
    now = new Date('2025-11-05T12:00:00Z');
  });

  it('Exteros locations keep each location’s last update, and a location answering 404 keeps none', async () => {
    const target = await h.connections.targetOf(ids.ex.id);
    const client = new ExterosClient(target);
    const names = (await client.locations(false)).map((l) => l.name);
    const missing = names[1]!;
    sim.faults.set({ id: 'lu404', vendor: 'exteros', endpoint: `/v1/locations/last-update/${missing}`, kind: 'status5xx', status: 404 });
    try {
      const run = await h.sync.wait((await h.sync.start({ connectionId: ids.ex.id, datasets: ['locations'], refetchFinal: false })).runIds[0]!);
      expect({ status: run.status, error: run.error }).toEqual({ status: 'ok', error: null });
      expect(run.requests).toBe(1 + names.length);
    } finally {
      sim.faults.clear();
    }
    const info = new Map((h.db.prepare('SELECT uuid, extra FROM cached_locations WHERE connection_id = ?').all(ids.ex.id) as Array<{ uuid: string; extra: string }>).map((r) => [r.uuid, JSON.parse(r.extra) as { last_update?: string }]));
    expect(info.size).toBe(names.length);
    expect(info.get(missing)!.last_update).toBeUndefined();
    const first = names[0]!;
    expect(info.get(first)!.last_update).toBe(await client.lastUpdate(first));
    const stale = sim.estate.stores.find((s) => s.exterosStaleHours !== null);
    if (stale) expect(Date.parse(info.get(stale.exterosName)!.last_update!)).toBe(now.getTime() - stale.exterosStaleHours! * 3_600_000);
  });
});
