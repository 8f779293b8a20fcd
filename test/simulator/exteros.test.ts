import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayKpis } from '../../src/simulator/estate/kpi';
import { startTestSim, type TestSim } from './simHelpers';

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.sim.close();
});

const METRICS = [
  ['impression-counts', 'impressions'],
  ['discovery-counts', 'discoveries'],
  ['engagement-counts', 'engagements'],
  ['engadgment-counts', 'engagements'],
  ['interaction-counts', 'interactions'],
] as const;

const get = async <T>(path: string): Promise<T> => {
  const res = await t.exteros(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
};

describe('Exteros counts', () => {
  it('each documented request (madison-ave-store) answers [{hr, <metric>}] by hour', async () => {
    for (const [path, field] of METRICS) {
      const rows = await get<Record<string, number>[]>(`/v1/traffic/${path}/madison-ave-store/2026-04-18`);
      expect(rows.length).toBeGreaterThan(5);
      for (const r of rows) {
        expect(Object.keys(r).sort()).toEqual([field, 'hr'].sort());
        expect(Number.isInteger(r.hr)).toBe(true);
      }
      const hrs = rows.map((r) => r.hr!);
      expect([...hrs].sort((a, b) => a - b)).toEqual(hrs);
    }
  });

  it('both spellings of engagement give the same numbers', async () => {
    const a = await get<unknown[]>('/v1/traffic/engagement-counts/madison-ave-store/2026-04-18');
    const b = await get<unknown[]>('/v1/traffic/engadgment-counts/madison-ave-store/2026-04-18');
    expect(a).toEqual(b);
  });

  it('15min and day intervals add up to the hours, and the hour filter narrows', async () => {
    const base = '/v1/traffic/impression-counts/madison-ave-store/2026-04-18';
    const hours = await get<{ hr: number; impressions: number }[]>(base);
    const quarters = await get<{ hr: number; min: number; impressions: number }[]>(`${base}?interval=15min`);
    const day = await get<{ impressions: number }[]>(`${base}?interval=day`);
    expect(quarters).toHaveLength(hours.length * 4);
    expect(new Set(quarters.map((q) => q.min))).toEqual(new Set([0, 15, 30, 45]));
    const sum = (xs: { impressions: number }[]): number => xs.reduce((s, x) => s + x.impressions, 0);
    expect(sum(quarters)).toBe(sum(hours));
    expect(day).toHaveLength(1);
    expect(day[0]!.impressions).toBe(sum(hours));
    const h = hours[3]!.hr;
    const one = await get<{ hr: number; impressions: number }[]>(`${base}?hour=${h}`);
    expect(one).toEqual([hours[3]]);
    const oneQuarters = await get<{ hr: number }[]>(`${base}?interval=15min&hour=${h}`);
    expect(oneQuarters).toHaveLength(4);
    expect(oneQuarters.every((q) => q.hr === h)).toBe(true);
  });

  it('impressions follow the store traffic of the KPI model', async () => {
    const store = t.sim.estate.stores.find((s) => s.exterosName === 'madison-ave-store')!;
    const kpis = dayKpis(t.sim.estate, store, '2026-04-18').filter((k) => k.open);
    const rows = await get<{ hr: number; impressions: number }[]>('/v1/traffic/impression-counts/madison-ave-store/2026-04-18');
    expect(rows.map((r) => r.hr)).toEqual(kpis.map((k) => k.localHour));
    expect(rows.map((r) => r.impressions)).toEqual(kpis.map((k) => k.impressions));
  });

  it('zones and regions are locations too', async () => {
    const zone = t.sim.estate.sublocations.find((s) => s.location_type === 'display' && s.store_uuid === t.sim.estate.stores[14]!.uuid)!;
    const zoneName = `madison-ave-store-${zone.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
    const zr = await get<{ impressions: number }[]>(`/v1/traffic/impression-counts/${zoneName}/2026-04-18`);
    const sr = await get<{ impressions: number }[]>('/v1/traffic/impression-counts/madison-ave-store/2026-04-18');
    expect(zr.reduce((s, r) => s + r.impressions, 0)).toBeLessThan(sr.reduce((s, r) => s + r.impressions, 0));
    const rr = await get<{ impressions: number }[]>('/v1/traffic/impression-counts/region-east-coast/2026-04-18');
    expect(rr.reduce((s, r) => s + r.impressions, 0)).toBeGreaterThanOrEqual(sr.reduce((s, r) => s + r.impressions, 0));
  });

  it('errors: unknown location 404, bad date / interval / hour 400, bad key 401', async () => {
    expect((await t.exteros('/v1/traffic/impression-counts/nowhere/2026-04-18')).status).toBe(404);
    expect((await t.exteros('/v1/traffic/impression-counts/madison-ave-store/18-04-2026')).status).toBe(400);
    expect((await t.exteros('/v1/traffic/impression-counts/madison-ave-store/2026-04-18?interval=week')).status).toBe(400);
    expect((await t.exteros('/v1/traffic/impression-counts/madison-ave-store/2026-04-18?hour=25')).status).toBe(400);
    expect((await t.exteros('/v1/traffic/visitor-counts/madison-ave-store/2026-04-18')).status).toBe(404);
    const res = await t.exteros('/v1/locations', 'wrong');
    expect(res.status).toBe(401);
    expect((await fetch(`${t.sim.baseUrls.exteros}/v1/locations`)).status).toBe(401);
  });
});

describe('Exteros locations', () => {
  it('lists {"location-name"} entries, the documented names among them', async () => {
    const list = await get<Record<string, unknown>[]>('/v1/locations');
    expect(list.every((l) => Object.keys(l).join() === 'location-name')).toBe(true);
    const names = list.map((l) => l['location-name']);
    expect(names).toContain('madison-ave-store');
    expect(names).toContain('5th-ave-popup');
  });

  it('info=true adds company/brand, parent, children and type', async () => {
    const list = await get<Record<string, unknown>[]>('/v1/locations?info=true');
    const madison = list.find((l) => l['location-name'] === 'madison-ave-store')!;
    expect(Object.keys(madison).sort()).toEqual(['brand', 'child-locations', 'company', 'location-name', 'parent-location', 'type']);
    expect(madison).toMatchObject({ type: 'store', 'parent-location': 'region-east-coast' });
    expect((madison['child-locations'] as string[]).length).toBeGreaterThan(0);
    const child = list.find((l) => l['location-name'] === (madison['child-locations'] as string[])[0])!;
    expect(child).toMatchObject({ type: 'zone', 'parent-location': 'madison-ave-store' });
    expect(new Set(list.map((l) => l.type))).toEqual(new Set(['store', 'popup', 'zone', 'region']));
  });

  it('last-update: fresh stores within 15 minutes, stale ones days ago', async () => {
    const fresh = await get<{ 'last-update': string }[]>('/v1/locations/last-update/madison-ave-store');
    expect(Object.keys(fresh[0]!)).toEqual(['last-update']);
    expect(fresh[0]!['last-update']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const age = t.clock.ms - Date.parse(fresh[0]!['last-update']);
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(20 * 60_000);
    const stale = await get<{ 'last-update': string }[]>('/v1/locations/last-update/5th-ave-popup');
    expect(t.clock.ms - Date.parse(stale[0]!['last-update'])).toBeGreaterThan(2 * 86_400_000);
    expect((await t.exteros('/v1/locations/last-update/nowhere')).status).toBe(404);
  });

  it('a stale location reports no counts after its last update', async () => {
    const stale = await get<{ impressions: number }[]>('/v1/traffic/impression-counts/5th-ave-popup/2026-04-18');
    expect(stale.length).toBeGreaterThan(0);
    expect(stale.every((r) => r.impressions === 0)).toBe(true);
    const before = await get<{ impressions: number }[]>('/v1/traffic/impression-counts/5th-ave-popup/2026-04-01');
    expect(before.some((r) => r.impressions > 0)).toBe(true);
  });
});
