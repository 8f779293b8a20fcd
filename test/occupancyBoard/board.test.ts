import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardPolicy, crossings, sortByShare } from '../../src/shared/occupancyBoard/policy';
import type { BoardRefresh, OverLimitEvent } from '../../src/shared/occupancyBoard/types';
import { OVERNIGHT_STORE_INDEX } from '../../src/simulator/estate/fixtures';
import { estateIndex } from '../../src/simulator/estate/lookup';
import { openAdminRig, type AdminRig } from '../admin/rig';

describe('the live occupancy board against the simulator', () => {
  let rig: AdminRig;
  // RetailNext counts occupancy within store hours only: the clock is pinned to a Wednesday afternoon
  // in the Americas (and ticks, and can be moved on), shared by the simulator and the core.
  const pinnedAt = Date.parse('2026-06-10T18:30:00Z');
  const startedAt = Date.now();
  let shiftMs = 0;
  let frozenAt: number | null = null;
  const now = () => new Date(frozenAt ?? pinnedAt + shiftMs + (Date.now() - startedAt));
  beforeAll(async () => {
    rig = await openAdminRig({}, { now });
    // the store open overnight (22:00 to 06:00) is on the board: it is open at its own midnight
    rig.sim.estate.stores[OVERNIGHT_STORE_INDEX]!.occupancy_limit ??= 150;
    await rig.sync(['locations']);
  }, 60_000);
  afterAll(async () => rig?.close());

  const refresh = () => rig.call<BoardRefresh>('occupancyBoard.refresh', {});
  const overLimitEvents = () => rig.events.filter((e) => e.name === 'occupancyBoard.overLimit').map((e) => e.payload as OverLimitEvent);
  const adjust = async (storeUuid: string, count: number) => {
    const c = rig.sim.credentials.retailnext;
    const res = await fetch(`${rig.sim.baseUrls.retailnext}/v1/occupancy/adjust`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${c.accessKey}:${c.secretKey}`).toString('base64')}` },
      body: JSON.stringify({ store_uuid: storeUuid, adjustment_count: count }),
    });
    expect(res.status).toBe(200);
  };

  it('lists every cached store with a limit, with RetailNext\'s current occupancy, limit and the store\'s time', async () => {
    const board = await refresh();
    const withLimit = rig.sim.estate.stores.filter((s) => s.occupancy_limit !== null);
    expect(board.readings.map((r) => r.storeUuid).sort()).toEqual(withLimit.map((s) => s.uuid).sort());
    expect(board.storesWithoutLimit).toBe(rig.sim.estate.stores.length - withLimit.length);
    expect(board.requests).toBe(1);
    expect(board.errors).toEqual([]);
    const open = board.readings.filter((r) => r.occupancy !== null);
    expect(open.length).toBeGreaterThan(0);
    for (const r of open) {
      const store = withLimit.find((s) => s.uuid === r.storeUuid)!;
      expect(r.limit).toBe(store.occupancy_limit);
      expect(r.share).toBeCloseTo(r.occupancy! / r.limit!, 6);
      expect(r.note).toBeNull();
      expect(r.localTime).toMatch(/^2026-06-10 \d\d:\d\d$/);
    }
    // closed stores are listed with a note, never dropped
    for (const r of board.readings.filter((x) => x.occupancy === null)) expect(r.note).toMatch(/store hours/);
  });

  it('with store hours cached, a store without a reading says it is closed and its hours today (it guessed "closed?" before)', async () => {
    await rig.sync(['store_hours']);
    const board = await refresh();
    const none = board.readings.filter((r) => r.occupancy === null);
    expect(none.length).toBeGreaterThan(0); // the store open overnight, at least, is closed in the afternoon
    for (const r of none) expect(r.note).toMatch(/^Closed now \((open today \d\d:\d\d–\d\d:\d\d|no hours today)\): RetailNext reads no occupancy outside store hours\.$/);
    const overnight = board.readings.find((r) => r.storeUuid === rig.sim.estate.stores[OVERNIGHT_STORE_INDEX]!.uuid)!;
    expect(overnight.note).toContain('open today 22:00–06:00');
  });

  it('moves through the day: two hours later the stores hold other counts', async () => {
    const before = await refresh();
    shiftMs += 2 * 3600_000;
    const after = await refresh();
    const moved = after.readings.filter((r) => {
      const b = before.readings.find((x) => x.storeUuid === r.storeUuid)!;
      return r.occupancy !== null && b.occupancy !== null && r.occupancy !== b.occupancy;
    });
    expect(moved.length).toBeGreaterThan(0);
    expect(Date.parse(after.readAt) - Date.parse(before.readAt)).toBeGreaterThanOrEqual(2 * 3600_000);
  });

  it('a store that passes its limit notifies once, not on every refresh, and again only after falling below 90%', async () => {
    const first = await refresh();
    const target = first.readings.find((r) => r.occupancy !== null && r.limit !== null && r.occupancy <= r.limit)!;
    expect(target).toBeDefined();
    const count = overLimitEvents().length;
    await adjust(target.storeUuid, target.limit! - target.occupancy! + 5);
    const over = await refresh();
    const reading = over.readings.find((r) => r.storeUuid === target.storeUuid)!;
    expect(reading.occupancy!).toBeGreaterThan(reading.limit!);
    expect(sortByShare(over.readings)[0]!.storeUuid).toBe(target.storeUuid);
    await refresh();
    await refresh();
    const raised = overLimitEvents().slice(count);
    expect(raised).toHaveLength(1);
    expect(raised[0]!.stores.map((s) => s.storeUuid)).toEqual([target.storeUuid]);
    // back under the limit but above 90%: still quiet when it passes again
    await adjust(target.storeUuid, -(reading.occupancy! - reading.limit! + 1));
    const near = (await refresh()).readings.find((r) => r.storeUuid === target.storeUuid)!;
    expect(near.occupancy!).toBeLessThanOrEqual(near.limit!);
    await adjust(target.storeUuid, 3);
    await refresh();
    expect(overLimitEvents().slice(count)).toHaveLength(1);
    // below 90%, then over again: a second notification
    const now1 = (await refresh()).readings.find((r) => r.storeUuid === target.storeUuid)!;
    await adjust(target.storeUuid, -(now1.occupancy! - Math.floor(now1.limit! * 0.5)));
    await refresh();
    await adjust(target.storeUuid, now1.limit!);
    await refresh();
    expect(overLimitEvents().slice(count)).toHaveLength(2);
  });

  it('a store whose answer has no limit is listed with a note', async () => {
    const store = rig.sim.estate.stores.find((s) => s.occupancy_limit !== null)!;
    const limit = store.occupancy_limit;
    store.occupancy_limit = null;
    try {
      const r = (await refresh()).readings.find((x) => x.storeUuid === store.uuid)!;
      expect(r.limit).toBeNull();
      expect(r.share).toBeNull();
      expect(r.cachedLimit).toBe(limit);
      expect(r.note).toMatch(/no occupancy limit/);
    } finally {
      store.occupancy_limit = limit;
    }
  });

  it('at the exact millisecond of a store\'s midnight every store is read: the store open overnight has its count', async () => {
    const overnight = rig.sim.estate.stores[OVERNIGHT_STORE_INDEX]!;
    expect(overnight.time_zone).toBe('America/Los_Angeles');
    frozenAt = Date.parse('2026-06-11T07:00:00Z'); // midnight in Los Angeles (summer time)
    try {
      const board = await refresh();
      expect(board.errors).toEqual([]);
      expect(board.readings).toHaveLength(rig.sim.estate.stores.filter((s) => s.occupancy_limit !== null).length);
      const r = board.readings.find((x) => x.storeUuid === overnight.uuid)!;
      expect(r.localTime).toBe('2026-06-11 00:00');
      expect(r.occupancy).not.toBeNull();
      expect(r.limit).toBe(overnight.occupancy_limit);
      expect(r.note).toBeNull();
    } finally {
      frozenAt = null;
    }
  });

  it('a store RetailNext refuses keeps its row, with the refusal in words; every other store is read', async () => {
    // A store deleted on RetailNext since the last sync (or one the keys may no longer see): still cached, on the board.
    const index = estateIndex(rig.sim.estate);
    const gone = rig.sim.estate.stores.filter((s) => s.occupancy_limit !== null)[3]!;
    index.locations.delete(gone.uuid);
    index.storesByUuid.delete(gone.uuid);
    try {
      const board = await refresh();
      expect(board.errors).toEqual([]);
      expect(board.readings).toHaveLength(rig.sim.estate.stores.filter((s) => s.occupancy_limit !== null).length);
      const refused = board.readings.find((r) => r.storeUuid === gone.uuid)!;
      expect(refused).toMatchObject({ occupancy: null, limit: null, share: null, cachedLimit: gone.occupancy_limit });
      expect(refused.note).toBe(`RetailNext refused this store's current occupancy: location not found or not permitted for this API token: ${gone.uuid}`);
      const others = board.readings.filter((r) => r.storeUuid !== gone.uuid);
      expect(others.filter((r) => r.occupancy !== null).length).toBeGreaterThan(0);
      for (const r of others) expect(r.note ?? '').not.toMatch(/refused/);
      // halving found it: one request for the lot, then two per halving, well within the budget
      expect(board.requests).toBeGreaterThan(1);
      expect(board.requests).toBeLessThanOrEqual(1 + 2 * Math.ceil(Math.log2(board.readings.length)));
    } finally {
      index.locations.set(gone.uuid, gone);
      index.storesByUuid.set(gone.uuid, gone);
    }
    expect((await refresh()).readings.every((r) => !r.note?.includes('refused'))).toBe(true);
  });

  it('a malformed answer is said per connection, in words; the next refresh reads again', async () => {
    rig.sim.faults.set({ id: 'board', vendor: 'retailnext', endpoint: '/v2/datamine', kind: 'malformedJson' });
    try {
      const bad = await refresh();
      expect(bad.readings).toEqual([]);
      expect(bad.errors).toHaveLength(1);
      expect(bad.errors[0]).toMatchObject({ connectionId: rig.rn.id, connectionName: 'RN admin' });
      expect(bad.errors[0]!.message).toMatch(/RetailNext/);
    } finally {
      rig.sim.faults.clear('board');
    }
    expect((await refresh()).readings.length).toBeGreaterThan(0);
  });
});

describe('board policy', () => {
  const reading = (storeUuid: string, occupancy: number | null, limit: number | null) => ({ connectionId: 'c', storeUuid, occupancy, limit });

  it('stays within what RetailNext documents: 10,000 entries per answer (2 metrics a store)', () => {
    expect(boardPolicy.storesPerRequest * 2).toBeLessThanOrEqual(10_000);
    expect(boardPolicy.concurrentRequests).toBeLessThanOrEqual(3);
  });

  it('sorts fullest first, stores without a share last by name', () => {
    const rows = [
      { name: 'B', share: null },
      { name: 'C', share: 0.5 },
      { name: 'A', share: null },
      { name: 'D', share: 1.2 },
    ];
    expect(sortByShare(rows).map((r) => r.name)).toEqual(['D', 'C', 'A', 'B']);
  });

  it('crossings: at the limit is not over; over once; re-armed only below 90%', () => {
    const off = new Set<string>();
    expect(crossings([reading('s', 10, 10)], off)).toHaveLength(0);
    expect(crossings([reading('s', 11, 10)], off)).toHaveLength(1);
    expect(crossings([reading('s', 12, 10)], off)).toHaveLength(0);
    expect(crossings([reading('s', 9, 10)], off)).toHaveLength(0);
    expect(crossings([reading('s', 11, 10)], off)).toHaveLength(0);
    expect(crossings([reading('s', null, 10)], off)).toHaveLength(0);
    expect(crossings([reading('s', 8, 10)], off)).toHaveLength(0);
    expect(crossings([reading('s', 11, 10)], off)).toHaveLength(1);
    expect(crossings([reading('t', 5, null), reading('u', 5, 0)] as Array<ReturnType<typeof reading>>, off)).toHaveLength(0);
  });
});
