import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSim, type TestSim } from './simHelpers';

// The large estate (5,000 stores, 40,000 cameras): limits that only show at scale.
let t: TestSim;
beforeAll(async () => {
  t = await startTestSim({ scale: 'large', seed: 1 });
});
afterAll(async () => {
  await t.sim.close();
});

describe('large estate', () => {
  it('v2 location query answers at most 10,000 entries; a type filter gets under the cap', async () => {
    const total = t.sim.estate.regions.length + t.sim.estate.stores.length + t.sim.estate.sublocations.length;
    expect(total).toBeGreaterThan(10_000);
    const all = (await (await t.rn('/v2/location', { json: {} })).json()) as { nodes: unknown[][] };
    expect(all.nodes.flat()).toHaveLength(10_000);
    const stores = (await (await t.rn('/v2/location', { json: { where: { and: [{ location_types: ['store'] }] } } })).json()) as { nodes: unknown[][] };
    expect(stores.nodes.flat()).toHaveLength(5000);
  });

  it('camera cursors reach the last of 40,000 cameras and end with "end"', async () => {
    const cams = t.sim.estate.cameras;
    const nearEnd = cams[cams.length - 150]!.device_id;
    const p1 = (await (await t.rn('/v1/inventory/cameras', { headers: { 'x-page-start': nearEnd } })).json()) as { next_page: string; cameras: unknown[] };
    expect(p1.cameras).toHaveLength(100);
    expect(p1.next_page).toBe(cams[cams.length - 50]!.device_id);
    const p2 = (await (await t.rn('/v1/inventory/cameras', { headers: { 'x-page-start': p1.next_page } })).json()) as { next_page: string; cameras: unknown[] };
    expect(p2.cameras).toHaveLength(50);
    expect(p2.next_page).toBe('end');
  });

  it('the v1 location list pages through 30,000+ locations', async () => {
    const total = t.sim.estate.regions.length + t.sim.estate.stores.length + t.sim.estate.sublocations.length;
    const lastStart = Math.floor((total - 1) / 100) * 100;
    const res = await t.rn('/v1/location', { pageStart: lastStart });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-page-next')).toBeNull();
    expect(await res.json()).toHaveLength(total - lastStart);
    const before = await t.rn('/v1/location', { pageStart: lastStart - 100 });
    expect(before.status).toBe(206);
    expect(before.headers.get('x-page-next')).toBe(String(lastStart));
  });
});
