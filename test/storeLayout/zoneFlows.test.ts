/* eslint-disable @typescript-eslint/no-explicit-any -- the vendor answer is walked freely; the assertions check it */
// Zone measures and transitions through the real core: fetched from the simulator over HTTP, kept in
// SQLite, read back offline; the matrix's totals equal the vendor's own sums; a zone the answer names
// that is not on the cached floorplan is listed with a note. The clock is pinned (Tue 2026-03-10).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transitionMatrix } from '../../src/shared/storeLayout/transitions';
import type { StoreFloorplans, ZoneMetrics, ZoneTransitions } from '../../src/shared/storeLayout/types';
import { openAdminRig, type AdminRig } from '../admin/rig';
import { preparedDuring, queryPlan } from '../support/sqlWatch';

const SAN_JOSE = 'dace69f6-b307-11e9-819d-0000698cf233';
const NOW = new Date('2026-03-10T20:00:00Z');

let rig: AdminRig;
let plans: StoreFloorplans;
beforeAll(async () => {
  rig = await openAdminRig({}, { now: () => NOW });
  await rig.sync(['locations']);
  plans = await rig.call<StoreFloorplans>('storeLayout.floorplans', { storeUuid: SAN_JOSE });
}, 120_000);
afterAll(async () => {
  await rig?.close();
});

const range = { storeUuid: SAN_JOSE, from: '2026-03-01', to: '2026-03-07' };

async function vendor(path: string, body: unknown): Promise<any> {
  const c = rig.sim.credentials.retailnext;
  const res = await fetch(`${rig.sim.baseUrls.retailnext}${path}`, {
    method: 'POST',
    headers: { Authorization: 'Basic ' + Buffer.from(`${c.accessKey}:${c.secretKey}`).toString('base64'), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return res.json();
}

describe('storeLayout.zoneMetrics', () => {
  it("measures every zone of a floor over the range, in the store's zone, and keeps them for offline", async () => {
    const plan = plans.floorplans[0]!;
    const m = await rig.call<ZoneMetrics>('storeLayout.zoneMetrics', { ...range, floorplanId: plan.id });
    expect(m.timeZone).toBe('America/Los_Angeles');
    expect(m.values).toHaveLength(plan.zones.length);
    expect(m.notes).toEqual([]);
    for (const v of m.values) {
      expect(v.trafficIn).toBeGreaterThan(0);
      expect(v.dwells).toBeGreaterThan(0);
      expect(v.dwells!).toBeLessThan(v.trafficIn!);
      expect(v.averageDwellSeconds).toBeGreaterThan(0);
    }
    rig.sim.faults.set({ id: 'rn-down', vendor: 'retailnext', kind: 'status5xx', status: 503 });
    try {
      const offline = await rig.call<ZoneMetrics>('storeLayout.zoneMetrics', { ...range, floorplanId: plan.id });
      expect(offline.values).toEqual(m.values);
      expect(offline.fetchedAt).toBe(m.fetchedAt);
      const refreshed = await rig.call<ZoneMetrics>('storeLayout.zoneMetrics', { ...range, floorplanId: plan.id, refresh: true });
      expect(refreshed.values).toEqual(m.values);
      expect(refreshed.refreshError?.code).toBe('vendor_error');
      const never = await rig.fail('storeLayout.zoneMetrics', { ...range, to: '2026-03-08', floorplanId: plan.id });
      expect(never.code).toBe('vendor_error');
    } finally {
      rig.sim.faults.clear('rn-down');
    }
  }, 60_000);

  it('reads its store from the cached locations by the (snapshot, uuid) index, never a scan of every cached location', async () => {
    // Through the cached_locations view SQLite scanned every cached location: 6-7 ms of the core's loop
    // a read on a large estate (46,927 locations), two reads a call (the store, its time zone).
    const db = rig.core.context.db;
    let m: ZoneMetrics | undefined;
    const prepared = await preparedDuring(db, async () => (m = await rig.call<ZoneMetrics>('storeLayout.zoneMetrics', { ...range, floorplanId: plans.floorplans[0]!.id })));
    expect(m!.timeZone).toBe('America/Los_Angeles');
    const locationReads = [...new Set(prepared.filter((sql) => /\bcache(d)?_locations\b/.test(sql)))];
    expect(locationReads).toHaveLength(2);
    for (const sql of locationReads) {
      const plan = queryPlan(db, sql);
      expect(plan.join(' | '), sql).toContain('USING INDEX cache_locations_by_snapshot (snapshot_id=? AND uuid=?)');
      expect(plan.filter((d) => /^SCAN (l|t)\b/.test(d)), sql).toEqual([]);
    }
  });

  it('bad ranges and unknown floors get a clear error', async () => {
    const plan = plans.floorplans[0]!;
    expect((await rig.fail('storeLayout.zoneMetrics', { ...range, from: '2026-03-08', floorplanId: plan.id })).message).toMatch(/first day comes after/);
    expect((await rig.fail('storeLayout.zoneMetrics', { ...range, from: '2024-01-01', floorplanId: plan.id })).message).toMatch(/at most 366 days/);
    expect((await rig.fail('storeLayout.zoneMetrics', { ...range, to: '2026-02-30', floorplanId: plan.id })).message).toMatch(/does not exist/);
    expect((await rig.fail('storeLayout.zoneMetrics', { ...range, floorplanId: 'no-such-floor' })).code).toBe('not_found');
  });
});

describe('storeLayout.transitions', () => {
  it("the matrix's row and column totals equal the sums of the vendor's answer, for each option", async () => {
    const plan = plans.floorplans[0]!;
    for (const options of [{ metric: 'all', transitions: 'direct_only', dwells: 'dwells_only' }, { metric: 'customer', transitions: 'directionless', dwells: 'all_traffic' }] as const) {
      const t = await rig.call<ZoneTransitions>('storeLayout.transitions', { ...range, floorplanId: plan.id, ...options });
      expect(t.notes).toEqual([]);
      expect(t.zones.every((z) => z.known)).toBe(true);
      const m = transitionMatrix(t.zones, t.flows);
      expect(m.n).toBe(plan.zones.length);
      const api = await vendor('/v1/zone_transitions', {
        locations: plan.zones.map((z) => z.locationId),
        date_ranges: [{ start: range.from, finish: range.to }],
        metrics: [options.metric],
        transitions: options.transitions,
        dwells: options.dwells,
      });
      const rows = new Map<string, number>();
      const cols = new Map<string, number>();
      let total = 0;
      for (const x of api.metrics[0].data[0].transitions) {
        rows.set(x.from_zone_id, (rows.get(x.from_zone_id) ?? 0) + x.value);
        cols.set(x.to_zone_id, (cols.get(x.to_zone_id) ?? 0) + x.value);
        total += x.value;
      }
      expect(total).toBeGreaterThan(0);
      expect(m.total).toBe(total);
      m.zones.forEach((z, i) => {
        expect(m.rowTotals[i]).toBe(rows.get(z.id) ?? 0);
        expect(m.colTotals[i]).toBe(cols.get(z.id) ?? 0);
      });
    }
  }, 60_000);

  it('a zone redrawn in the vendor since the floorplan was cached: listed as unknown with a note, flows still counted', async () => {
    const stale = await rig.call<StoreFloorplans>('storeLayout.floorplans', { storeUuid: SAN_JOSE });
    const plan = stale.floorplans[0]!;
    const old = plan.zones[3]!;
    const db = rig.core.context.db;
    const row = db.prepare('SELECT body FROM store_layout_floorplans WHERE store_uuid = ?').get(SAN_JOSE) as { body: string };
    db.prepare('UPDATE store_layout_floorplans SET body = ? WHERE store_uuid = ?').run(row.body.replaceAll(old.id, '00000000-dead-4bee-8000-000000000000'), SAN_JOSE);
    const t = await rig.call<ZoneTransitions>('storeLayout.transitions', { ...range, to: '2026-03-06', floorplanId: plan.id, refresh: true });
    const unknown = t.zones.filter((z) => !z.known);
    expect(unknown.map((z) => z.id)).toEqual([old.id]);
    expect(unknown[0]!.name).toBe(old.name);
    expect(t.notes[0]).toMatch(new RegExp(`a zone not on this floorplan: ${old.name}`));
    const m = transitionMatrix(t.zones, t.flows);
    expect(m.rowTotals[m.zones.findIndex((z) => z.id === old.id)]).toBeGreaterThan(0);
    db.prepare('UPDATE store_layout_floorplans SET body = ? WHERE store_uuid = ?').run(row.body, SAN_JOSE);
  }, 60_000);
});
