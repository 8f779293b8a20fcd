// Floorplans through the real core: fetched from the simulator over HTTP, kept in SQLite, read back
// offline, and the vendor's awkward outlines noted rather than dropped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreFloorplans } from '../../src/shared/storeLayout/types';
import { openAdminRig, type AdminRig } from '../admin/rig';

const SAN_JOSE = 'dace69f6-b307-11e9-819d-0000698cf233';
const STANFORD = 'a434a682-30a0-11ea-896a-00005f259c6e';
const POPUP = '9c1f2a65-0b7e-11ea-8d71-c0003468a1b2';

let rig: AdminRig;
beforeAll(async () => {
  rig = await openAdminRig();
  await rig.sync(['locations']);
}, 120_000);
afterAll(async () => {
  await rig?.close();
});

describe('storeLayout.floorplans', () => {
  it("fetches a store's floors with their zones, to scale in cm, and keeps them", async () => {
    const plans = await rig.call<StoreFloorplans>('storeLayout.floorplans', { storeUuid: SAN_JOSE });
    expect(plans.storeName).toBe('San Jose Store');
    expect(plans.floorplans.length).toBeGreaterThanOrEqual(2);
    for (const plan of plans.floorplans) {
      expect(plan.zones.length).toBeGreaterThanOrEqual(18);
      expect(plan.notes).toEqual([]);
      expect(plan.bounds!.maxX - plan.bounds!.minX).toBeGreaterThan(500);
      expect(plan.zones.every((z) => z.drawable && z.points.length >= 3 && z.areaCm2! > 0)).toBe(true);
    }
    const row = rig.core.context.db.prepare('SELECT fetched_at FROM store_layout_floorplans WHERE store_uuid = ?').get(SAN_JOSE) as { fetched_at: string };
    expect(row.fetched_at).toBe(plans.fetchedAt);
  });

  it('opens from the cache when RetailNext cannot be reached, and a refresh says why it failed', async () => {
    const first = await rig.call<StoreFloorplans>('storeLayout.floorplans', { storeUuid: SAN_JOSE });
    rig.sim.faults.set({ id: 'fpa-down', vendor: 'retailnext', endpoint: '/v1/stores', kind: 'status5xx', status: 503 });
    try {
      const offline = await rig.call<StoreFloorplans>('storeLayout.floorplans', { storeUuid: SAN_JOSE });
      expect(offline.floorplans).toEqual(first.floorplans);
      expect(offline.refreshError).toBeNull();
      const refreshed = await rig.call<StoreFloorplans>('storeLayout.floorplans', { storeUuid: SAN_JOSE, refresh: true });
      expect(refreshed.floorplans).toEqual(first.floorplans);
      expect(refreshed.fetchedAt).toBe(first.fetchedAt);
      expect(refreshed.refreshError?.code).toBe('vendor_error');
      // never cached and unreachable: the real cause, not an empty plan
      const err = await rig.fail('storeLayout.floorplans', { storeUuid: STANFORD });
      expect(err.code).toBe('vendor_error');
    } finally {
      rig.sim.faults.clear('fpa-down');
    }
  }, 60_000);

  it('notes a floorplan without zones, a zone of two points and a self-crossing outline', async () => {
    const popup = await rig.call<StoreFloorplans>('storeLayout.floorplans', { storeUuid: POPUP });
    expect(popup.floorplans[0]!.zones).toEqual([]);
    expect(popup.floorplans[0]!.notes[0]).toMatch(/no zones yet/);
    const stanford = await rig.call<StoreFloorplans>('storeLayout.floorplans', { storeUuid: STANFORD });
    const mezzanine = stanford.floorplans.find((p) => p.name.endsWith('Mezzanine'))!;
    const twoPoints = mezzanine.zones.find((z) => z.name === 'Terrace Door')!;
    expect(twoPoints.drawable).toBe(false);
    expect(twoPoints.notes[0]).toMatch(/Only 2 points/);
    const crossing = mezzanine.zones.find((z) => z.name === 'Seating')!;
    expect(crossing.drawable).toBe(true);
    expect(crossing.notes[0]).toMatch(/crosses itself/);
    expect(mezzanine.notes[0]).toMatch(/1 of 4 zones cannot be drawn/);
  });

  it('a malformed answer is a clear error; an unknown store says where floorplans come from', async () => {
    rig.sim.faults.set({ id: 'fpa-bad', vendor: 'retailnext', endpoint: '/v1/stores', kind: 'malformedJson', count: 4 });
    try {
      const err = await rig.fail('storeLayout.floorplans', { storeUuid: '86b03ba2-a117-11ea-802c-c00010892d7a' });
      expect(err.code).toBe('bad_response');
    } finally {
      rig.sim.faults.clear('fpa-bad');
    }
    const unknown = await rig.fail('storeLayout.floorplans', { storeUuid: 'no-such-store' });
    expect(unknown.code).toBe('not_found');
    expect(unknown.message).toMatch(/RetailNext/);
    expect((await rig.fail('storeLayout.floorplans', { storeUuid: '' })).code).toBe('invalid_input');
  });
});
