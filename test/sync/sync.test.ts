import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { addDays, chunk, daysBetween, localDate } from '../../src/main/vendors/dates';
import { localDay } from '../../src/shared/reports/time';
import { addSimConnections, count, createHarness, type Harness } from './helpers/harness';

describe('sync into the cache (simulator, demo estate)', () => {
  let sim: RunningSimulator;
  let h: Harness;
  let ids: Awaited<ReturnType<typeof addSimConnections>>;
  const today = localDate(new Date());

  beforeAll(async () => {
    sim = await startSimulator({ seed: 7, scale: 'demo' });
    h = createHarness();
    ids = await addSimConnections(h, sim);
  });
  afterAll(async () => {
    await h?.close();
    await sim?.close();
  });

  it('syncs every RetailNext dataset, records each run, stamps fetched_at', async () => {
    const { runIds } = await h.sync.start({ connectionId: ids.rn.id, from: addDays(today, -2), to: today, refetchFinal: false });
    expect(runIds).toHaveLength(6);
    const runs = await Promise.all(runIds.map((id) => h.sync.wait(id)));
    for (const r of runs) expect({ dataset: r.dataset, status: r.status, error: r.error }).toEqual({ dataset: r.dataset, status: 'ok', error: null });
    const e = sim.estate;
    expect(count(h.db, "SELECT COUNT(*) n FROM cached_locations WHERE location_type = 'store'")).toBe(e.stores.length);
    expect(count(h.db, 'SELECT COUNT(*) n FROM cached_locations')).toBe(e.regions.length + e.stores.length + e.sublocations.length);
    expect(count(h.db, 'SELECT COUNT(*) n FROM cached_cameras')).toBe(e.cameras.length);
    expect(count(h.db, 'SELECT COUNT(*) n FROM cached_channels')).toBe(e.channels.length);
    expect(count(h.db, 'SELECT COUNT(*) n FROM cached_appliances')).toBe(e.appliances.length);
    expect(count(h.db, 'SELECT COUNT(*) n FROM cached_users')).toBe(e.users.length);
    expect(count(h.db, 'SELECT COUNT(*) n FROM cached_user_profiles')).toBe(e.userProfiles.length);
    expect(count(h.db, 'SELECT COUNT(*) n FROM cached_location_profiles')).toBe(e.locationProfiles.length);
    expect(count(h.db, 'SELECT COUNT(*) n FROM cached_store_hours')).toBeGreaterThan(0);
    expect(count(h.db, 'SELECT COUNT(*) n FROM kpi_hourly WHERE connection_id = ?', ids.rn.id)).toBeGreaterThan(0);
    expect(count(h.db, "SELECT COUNT(*) n FROM cached_cameras WHERE fetched_at IS NULL OR fetched_at = ''")).toBe(0);
    const history = h.sync.history({ connectionId: ids.rn.id, limit: 10 });
    expect(history.map((r) => r.status)).toEqual(Array(6).fill('ok'));
    expect(history.find((r) => r.dataset === 'inventory')!.rowsWritten).toBe(e.cameras.length + e.channels.length + e.appliances.length);
    expect(h.events.some((ev) => ev.name === 'sync.progress')).toBe(true);
    expect(h.events.filter((ev) => ev.name === 'sync.finished')).toHaveLength(6);
  });

  it('Flow KPIs: totals across entrances, named demographics, each store’s today provisional, past final and not fetched again', async () => {
    const codes = sim.credentials.flow.storeCodes;
    // Each store's today is its own local date (the zone of the RetailNext store it belongs to).
    const zoneOf = new Map(sim.estate.stores.map((s) => [s.flowCode, s.time_zone]));
    const at = Date.now();
    const own = new Map(codes.map((c) => [c, localDay(zoneOf.get(c)!, at)]));
    const todays = [...own.values()].sort();
    const to = todays[todays.length - 1]!;
    const from = addDays(todays[0]!, -2);
    const groups = chunk(codes, 20);
    const allDays = groups.reduce((n, g) => n + daysBetween(from, g.map((c) => own.get(c)!).sort().pop()!).length, 0);
    const first = await h.sync.wait((await h.sync.start({ connectionId: ids.flow.id, datasets: ['kpis'], from, to, refetchFinal: false })).runIds[0]!);
    expect(first.status).toBe('ok');
    expect(first.requests).toBe(allDays);
    const row = h.db.prepare("SELECT * FROM kpi_hourly WHERE connection_id = ? AND entrances IS NOT NULL AND day < ? LIMIT 1").get(ids.flow.id, todays[0]) as Record<string, unknown>;
    const entrances = JSON.parse(row.entrances as string) as Record<string, { enters: number; exits: number }>;
    expect(row.enters).toBe(Object.values(entrances).reduce((n, e) => n + e.enters, 0));
    expect(row.provisional).toBe(0);
    expect(Object.keys(row)).toContain('female_19_44');
    const provisional = h.db.prepare("SELECT store_key AS k, day FROM kpi_days WHERE connection_id = ? AND status = 'provisional'").all(ids.flow.id) as Array<{ k: string; day: string }>;
    expect(new Map(provisional.map((r) => [r.k, r.day]))).toEqual(own);
    expect(provisional).toHaveLength(codes.length);
    // Again: the past days are final and skipped; each store's today is refreshed.
    const second = await h.sync.wait((await h.sync.start({ connectionId: ids.flow.id, datasets: ['kpis'], from, to, refetchFinal: false })).runIds[0]!);
    expect(second.requests).toBe(groups.reduce((n, g) => n + new Set(g.map((c) => own.get(c))).size, 0));
    expect(second.skipped).toBe(codes.reduce((n, c) => n + daysBetween(from, own.get(c)!).length - 1, 0));
    const forced = await h.sync.wait((await h.sync.start({ connectionId: ids.flow.id, datasets: ['kpis'], from, to, refetchFinal: true })).runIds[0]!);
    expect(forced.requests).toBe(allDays);
  });

  it('Exteros: locations and the four counts at 15 minutes, and by hour', async () => {
    // A day past in every store's zone, whatever the hour: from 00:00 UTC the machine's yesterday is
    // still today in New York and Los Angeles, and a store's today is not held as a whole day is.
    const at = Date.now();
    const past = addDays(sim.estate.stores.map((s) => localDay(s.time_zone, at)).sort()[0]!, -1);
    const runs = await Promise.all((await h.sync.start({ connectionId: ids.ex.id, from: past, to: past, refetchFinal: false })).runIds.map((id) => h.sync.wait(id)));
    expect(runs.map((r) => [r.dataset, r.status, r.error?.detail ?? null])).toEqual([['locations', 'ok', null], ['kpis', 'ok', null]]);
    const names = new Set((h.db.prepare('SELECT uuid FROM cached_locations WHERE connection_id = ?').all(ids.ex.id) as Array<{ uuid: string }>).map((r) => r.uuid));
    for (const s of sim.estate.stores) expect(names.has(s.exterosName)).toBe(true);
    expect(count(h.db, 'SELECT COUNT(*) n FROM kpi_hourly WHERE connection_id = ? AND impressions IS NOT NULL AND engagements IS NOT NULL', ids.ex.id)).toBeGreaterThan(0);
    // Asked at 15 minutes (interval=15min): the quarters are kept, every store-day is marked as held
    // at 15 minutes, and each hour is the sum of its quarters.
    expect(count(h.db, 'SELECT COUNT(*) n FROM kpi_quarter_hourly WHERE connection_id = ? AND impressions IS NOT NULL', ids.ex.id)).toBeGreaterThan(count(h.db, 'SELECT COUNT(*) n FROM kpi_hourly WHERE connection_id = ? AND impressions IS NOT NULL', ids.ex.id));
    expect(count(h.db, 'SELECT COUNT(*) n FROM kpi_quarter_days WHERE connection_id = ?', ids.ex.id)).toBe(count(h.db, 'SELECT COUNT(*) n FROM kpi_days WHERE connection_id = ?', ids.ex.id));
    expect(count(h.db, `SELECT COUNT(*) n FROM kpi_hourly h WHERE h.connection_id = ? AND h.impressions IS NOT
      (SELECT SUM(q.impressions) FROM kpi_quarter_hourly q WHERE q.connection_id = h.connection_id AND q.store_key = h.store_key AND q.day = h.day AND q.hour = h.hour)`, ids.ex.id)).toBe(0);
  });

  it('a failing sync keeps the previous snapshot whole and says why', async () => {
    const before = count(h.db, 'SELECT COUNT(*) n FROM cached_cameras');
    sim.faults.set({ id: 'ch500', vendor: 'retailnext', endpoint: '/v1/inventory/channels', kind: 'status5xx', status: 500 });
    try {
      const run = await h.sync.wait((await h.sync.start({ connectionId: ids.rn.id, datasets: ['inventory'], refetchFinal: false })).runIds[0]!);
      expect(run.status).toBe('failed');
      expect(run.error?.code).toBe('vendor_error');
    } finally {
      sim.faults.clear();
    }
    expect(count(h.db, 'SELECT COUNT(*) n FROM cached_cameras')).toBe(before);
    expect(count(h.db, "SELECT COUNT(*) n FROM sync_snapshots WHERE state <> 'current'")).toBe(0);
  });

  it('a failed chain is reported and logged as its real cause, not as the siblings it stopped ("cancelled")', async () => {
    const logged: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
    const log = h.ctx.log;
    h.ctx.log = { log: (level, message, fields) => void logged.push({ level, message, fields }) };
    // Cameras never answer, so they are still paging (first in the chains' order) when channels fail.
    sim.faults.set([
      { id: 'slow', vendor: 'retailnext', endpoint: '/v1/inventory/cameras', kind: 'timeout' },
      { id: 'down', vendor: 'retailnext', endpoint: '/v1/inventory/channels', kind: 'status5xx', status: 503 },
    ]);
    try {
      const run = await h.sync.wait((await h.sync.start({ connectionId: ids.rn.id, datasets: ['inventory'], refetchFinal: false })).runIds[0]!);
      expect(run.status).toBe('failed');
      expect(run.error).toMatchObject({ code: 'vendor_error', message: 'RetailNext had a problem on its side while trying to list video channels.', detail: expect.stringContaining('HTTP 503') });
    } finally {
      sim.faults.clear();
      h.ctx.log = log;
    }
    expect(logged).toContainEqual(expect.objectContaining({ level: 'warn', message: 'sync failed', fields: expect.objectContaining({ dataset: 'inventory', code: 'vendor_error' }) }));
  });

  it('cancel stops a run, records it cancelled and keeps the previous data', async () => {
    const before = count(h.db, 'SELECT COUNT(*) n FROM cached_cameras');
    sim.faults.set({ id: 'slow', vendor: 'retailnext', endpoint: '/v1/inventory', kind: 'latency', ms: 300 });
    try {
      const { runIds } = await h.sync.start({ connectionId: ids.rn.id, datasets: ['inventory'], refetchFinal: false });
      setTimeout(() => h.sync.cancel({ runId: runIds[0]! }), 500);
      const run = await h.sync.wait(runIds[0]!);
      expect(run.status).toBe('cancelled');
    } finally {
      sim.faults.clear();
    }
    expect(count(h.db, 'SELECT COUNT(*) n FROM cached_cameras')).toBe(before);
  });

  it('a run stopped by the console closing is recorded as interrupted, not "cancelled" (nobody pressed Cancel)', async () => {
    const h2 = createHarness();
    const own = await addSimConnections(h2, sim);
    sim.faults.set({ id: 'slow', vendor: 'retailnext', endpoint: '/v1/inventory', kind: 'latency', ms: 300 });
    try {
      const { runIds } = await h2.sync.start({ connectionId: own.rn.id, datasets: ['inventory', 'health_alerts'], refetchFinal: false });
      await new Promise((r) => setTimeout(r, 500));
      await h2.sync.close();
      const runs = h2.sync.history({ connectionId: own.rn.id, limit: 10 }).filter((r) => runIds.includes(r.id));
      expect(runs).toHaveLength(2);
      for (const run of runs) {
        expect(run.status).toBe('failed');
        expect(run.error?.message).toMatch(/^Interrupted: the console was closing/);
      }
    } finally {
      sim.faults.clear();
      if (h2.db.open) h2.db.close();
    }
  });
});
