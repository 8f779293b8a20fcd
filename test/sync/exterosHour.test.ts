import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exterosDay } from '../../src/main/sync/kpiJobs';
import { ExterosClient, exterosMetrics } from '../../src/main/vendors/exteros/client';
import { addDays, localDay, offsetMinutes } from '../../src/shared/reports/time';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { addSimConnections, createHarness, type Harness } from './helpers/harness';

// The clock is pinned: a Wednesday in May, seven minutes past a UTC hour (no clock change anywhere).
const t1 = Date.parse('2026-05-13T12:07:00Z');
const hourMs = 3_600_000;

interface QuarterInCache {
  hour: number;
  minute: number;
  impressions: number | null;
  discoveries: number | null;
  engagements: number | null;
  interactions: number | null;
  fetched_at: string;
}

describe('Exteros hourly sync asks only the hour that has just closed (hour=H), merged into the cached day', () => {
  let sim: RunningSimulator;
  let h: Harness;
  let ids: Awaited<ReturnType<typeof addSimConnections>>;
  let now = t1;

  const sync = async () => {
    const day = localDay('UTC', now);
    const run = await h.sync.wait((await h.sync.start({ connectionId: ids.ex.id, datasets: ['kpis'], from: addDays(day, -1), to: addDays(day, 1), refetchFinal: false })).runIds[0]!);
    expect([run.status, run.error?.detail ?? null]).toEqual(['ok', null]);
    return run;
  };
  const quarters = (store: string, day: string) =>
    h.db.prepare('SELECT hour, minute, impressions, discoveries, engagements, interactions, fetched_at FROM kpi_quarter_hourly WHERE connection_id = ? AND store_key = ? AND day = ? ORDER BY hour, minute').all(ids.ex.id, store, day) as QuarterInCache[];
  const hourly = (store: string, day: string, hour: number) =>
    h.db.prepare('SELECT impressions, engagements FROM kpi_hourly WHERE connection_id = ? AND store_key = ? AND day = ? AND hour = ?').get(ids.ex.id, store, day, hour) as { impressions: number | null; engagements: number | null } | undefined;
  // Each store's local hour label and day at an instant.
  const local = (zone: string, ms: number) => ({ day: localDay(zone, ms), hour: new Date(ms + offsetMinutes(zone, ms) * 60_000).getUTCHours() });

  beforeAll(async () => {
    sim = await startSimulator({ seed: 7, scale: 'demo', now: () => new Date(now) });
    h = createHarness({ now: () => new Date(now) });
    ids = await addSimConnections(h, sim);
    // The RetailNext stores give the Exteros locations their time zones.
    for (const id of [ids.rn.id, ids.ex.id]) {
      const run = await h.sync.wait((await h.sync.start({ connectionId: id, datasets: ['locations'], refetchFinal: false })).runIds[0]!);
      expect(run.status).toBe('ok');
    }
  });
  afterAll(async () => {
    await h?.close();
    await sim?.close();
  });

  it('an hour later: hour H replaced by the whole-day answer\'s, the earlier hours kept as fetched, the hour in progress left for its close', async () => {
    await sync();
    const stores = sim.estate.stores.map((s) => ({ name: s.exterosName, zone: s.time_zone }));
    const before = new Map(stores.map((s) => [s.name, quarters(s.name, local(s.zone, t1).day)]));
    const firstFetch = new Date(t1).toISOString();
    // A day whose first answer was empty (a store not open yet) is not known to be held at 15 minutes: asked whole again.
    const held = new Set((h.db.prepare('SELECT store_key || \'|\' || day AS k FROM kpi_quarter_days WHERE connection_id = ?').all(ids.ex.id) as Array<{ k: string }>).map((r) => r.k));

    now = t1 + hourMs;
    await sync();
    const secondFetch = new Date(now).toISOString();
    const client = new ExterosClient(await h.connections.targetOf(ids.ex.id));
    let checked = 0;
    let withEarlierHours = 0;
    for (const s of stores) {
      // H: the store's hour in progress at the first sync, closed (and settled) at the second.
      const { day, hour: H } = local(s.zone, t1);
      // A new day, its first hour, or a day not held at 15 minutes yet: the whole day is asked.
      if (local(s.zone, now - 5 * 60_000).day !== day || H === 0 || !held.has(`${s.name}|${day}`)) continue;
      checked++;
      const after = quarters(s.name, day);
      const earlier = after.filter((q) => q.hour < H);
      expect(earlier).toEqual(before.get(s.name)!.filter((q) => q.hour < H));
      for (const q of earlier) expect(q.fetched_at).toBe(firstFetch);
      if (earlier.length > 0) withEarlierHours++;
      // The hour in progress (H + 1, seven minutes old) is not asked: read at its own close.
      expect(after.filter((q) => q.hour > H)).toEqual([]);
      // Hour H as the whole day's answer now has it, at 15 minutes, and its hourly row their sum.
      const whole = exterosDay(s.name, day, await Promise.all(exterosMetrics.map((m) => client.counts(m, s.name, day, { interval: '15min' }))));
      const expected = (whole.quarters ?? []).filter((q) => q.hour === H).map((q) => ({ hour: q.hour, minute: q.minute, impressions: q.impressions ?? null, discoveries: q.discoveries ?? null, engagements: q.engagements ?? null, interactions: q.interactions ?? null, fetched_at: secondFetch }));
      expect(after.filter((q) => q.hour === H)).toEqual(expected);
      const wholeHour = whole.hours.find((r) => r.hour === H);
      expect(hourly(s.name, day, H)).toEqual(wholeHour ? { impressions: wholeHour.impressions, engagements: wholeHour.engagements } : undefined);
    }
    expect(checked).toBeGreaterThan(0);
    expect(withEarlierHours).toBeGreaterThan(0);
  });

  it('after a missed hour the whole day is asked again', async () => {
    now = t1 + 3 * hourMs;
    await sync();
    const fetchedAt = new Date(now).toISOString();
    for (const s of sim.estate.stores) {
      const { day } = local(s.time_zone, now);
      for (const q of quarters(s.exterosName, day)) expect(q.fetched_at).toBe(fetchedAt);
    }
  });
});
