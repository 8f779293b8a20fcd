import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exterosLastUpdateRecheckMs } from '../../src/main/sync/snapshotJobs';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { addSimConnections, createHarness, type Harness } from './helpers/harness';

/** Exteros has no bulk last-update: asked once per location, then reused for an hour. */
describe('Exteros last updates in the locations sync', () => {
  let now = new Date('2026-12-04T10:00:00Z');
  let sim: RunningSimulator;
  let h: Harness;
  let exId: string;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 9, scale: 'demo', now: () => now });
    h = createHarness({ now: () => now });
    exId = (await addSimConnections(h, sim)).ex.id;
  });
  afterAll(async () => {
    await h?.close();
    await sim?.close();
  });

  const sync = async () => h.sync.wait((await h.sync.start({ connectionId: exId, datasets: ['locations'], refetchFinal: false })).runIds[0]!);
  const lastUpdates = () =>
    new Map((h.db.prepare('SELECT uuid, extra FROM cached_locations WHERE connection_id = ?').all(exId) as Array<{ uuid: string; extra: string }>).map((r) => [r.uuid, JSON.parse(r.extra) as { last_update?: string; last_update_checked_at?: string }]));

  it('asks each location once, reuses the answers within the hour, asks again after it', async () => {
    const first = await sync();
    expect(first.status).toBe('ok');
    const names = lastUpdates();
    expect(first.requests).toBe(1 + names.size);
    const withUpdate = [...names.values()].filter((i) => i.last_update);
    expect(withUpdate.length).toBeGreaterThan(0);
    for (const info of names.values()) expect(info.last_update_checked_at).toBe(now.toISOString());

    now = new Date(now.getTime() + 20 * 60_000);
    const second = await sync();
    expect(second).toMatchObject({ status: 'ok', requests: 1 });
    expect(lastUpdates()).toEqual(names);

    now = new Date(now.getTime() + exterosLastUpdateRecheckMs);
    const third = await sync();
    expect(third).toMatchObject({ status: 'ok', requests: 1 + names.size });
    for (const info of lastUpdates().values()) expect(info.last_update_checked_at).toBe(now.toISOString());
  });
});
