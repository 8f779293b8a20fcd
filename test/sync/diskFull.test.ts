import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import type { ContractError } from '../../src/shared/contract/errors';
import { SyncService } from '../../src/main/sync/service';
import { UnrecordedRunsFile } from '../../src/main/sync/unrecordedRuns';
import { mountSmallDisk, type SmallDiskResult } from '../support/smallDisk';
import { addSimConnections, count, createHarness, type Harness } from './helpers/harness';

/**
 * A disk that fills during a sync: the process lives on, the run says "disk full" (in memory while
 * nothing can be written, in the cache once there is room, and after a restart), the previous
 * snapshot stays whole, and a later sync succeeds.
 */
describe('disk full during a sync (a real full tmpfs)', () => {
  let sim: RunningSimulator;
  let small: SmallDiskResult;
  const harnesses: Harness[] = [];
  const open = (dir: string) => {
    const h = createHarness({ dir, recordRetryMs: 100 });
    harnesses.push(h);
    return h;
  };

  beforeAll(async () => {
    sim = await startSimulator({ seed: 5, scale: 'demo' });
    small = mountSmallDisk();
  });
  afterAll(async () => {
    for (const h of harnesses) await h.close().catch(() => undefined);
    await sim?.close();
    if (small?.ok) small.disk.unmount();
  });

  it('keeps serving, says disk full, keeps the previous snapshot, records it once freed, and syncs again', async (t) => {
    if (!small.ok) return t.skip(small.reason);
    const disk = small.disk;
    const dir = path.join(disk.dir, 'data');
    fs.mkdirSync(dir);
    const h = open(dir);
    const { rn } = await addSimConnections(h, sim);
    const sync = async (hh: Harness) => hh.sync.wait((await hh.sync.start({ connectionId: rn.id, datasets: ['inventory'], refetchFinal: false })).runIds[0]!);
    expect((await sync(h)).status).toBe('ok');
    const before = h.db.prepare('SELECT device_id, fetched_at FROM cached_cameras ORDER BY device_id').all();
    expect(before).toHaveLength(sim.estate.cameras.length);

    // An empty WAL and 48 KB free: the run starts, its rows cannot land.
    h.db.pragma('wal_checkpoint(TRUNCATE)');
    disk.fill(48 * 1024);
    t.onTestFinished(() => disk.free());
    const failed = await sync(h);
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'disk_full', message: 'The disk is full: the sync stopped and the previous data was kept. Free some space and sync again.' } });
    expect(h.sync.history({ connectionId: rn.id, limit: 1 })[0]).toMatchObject({ id: failed.id, status: 'failed', error: { code: 'disk_full' } });
    expect((await h.sync.status(rn.id)).freshness.find((f) => f.dataset === 'inventory')?.lastRun).toMatchObject({ id: failed.id, error: { code: 'disk_full' } });
    // The run's end is in the cache, or (when even that could not be written) kept in the file whose space was taken beforehand.
    const recorded = (h.db.prepare('SELECT status FROM sync_runs WHERE id = ?').get(failed.id) as { status: string }).status !== 'running';
    if (!recorded) expect(fs.readFileSync(path.join(dir, 'sync-unrecorded-runs.json'), 'utf8')).toContain(`"runId":${failed.id}`);
    expect(h.db.prepare('SELECT device_id, fetched_at FROM cached_cameras ORDER BY device_id').all()).toEqual(before);
    expect(h.db.pragma('quick_check', { simple: true })).toBe('ok');
    // A new sync on the full disk is refused in words, and the console goes on.
    await expect(h.sync.start({ connectionId: rn.id, datasets: ['inventory'], refetchFinal: false })).rejects.toMatchObject({ code: 'disk_full' });

    disk.free();
    // Once there is room, the run's end lands in the cache as what it was.
    await expect.poll(() => (h.db.prepare('SELECT status, error FROM sync_runs WHERE id = ?').get(failed.id) as { status: string; error: string | null }), { timeout: 5_000 })
      .toMatchObject({ status: 'failed', error: expect.stringContaining('disk_full') });
    const again = await sync(h);
    expect(again.status).toBe('ok');
    expect(count(h.db, 'SELECT COUNT(*) n FROM cached_cameras')).toBe(sim.estate.cameras.length);
  });

  it('a console closed while the disk is full tells the run\'s real end after a restart (not "closed or crashed")', async (t) => {
    if (!small.ok) return t.skip(small.reason);
    const disk = small.disk;
    const dir = path.join(disk.dir, 'restart');
    fs.mkdirSync(dir);
    const h = open(dir);
    const { rn } = await addSimConnections(h, sim);
    const sync = async (hh: Harness) => hh.sync.wait((await hh.sync.start({ connectionId: rn.id, datasets: ['inventory'], refetchFinal: false })).runIds[0]!);
    expect((await sync(h)).status).toBe('ok');
    h.db.pragma('wal_checkpoint(TRUNCATE)');
    disk.fill(48 * 1024);
    t.onTestFinished(() => disk.free());
    const failed = await sync(h);
    expect(failed.error?.code).toBe('disk_full');
    await h.close();

    // Restart with the disk still full: the console opens (or says why in words), never a raw SQLite message.
    let stillFull: Harness | null = null;
    try {
      stillFull = open(dir);
    } catch (e) {
      expect(e).toMatchObject({ code: 'disk_full', message: expect.stringMatching(/^The disk is full/) });
    }
    if (stillFull) {
      expect(stillFull.sync.history({ connectionId: rn.id, limit: 1 })[0]).toMatchObject({ id: failed.id, status: 'failed', error: { code: 'disk_full' } });
      await stillFull.close();
    }

    disk.free();
    const after = open(dir);
    expect(after.sync.history({ connectionId: rn.id, limit: 1 })[0]).toMatchObject({ id: failed.id, status: 'failed', error: { code: 'disk_full' } });
    expect((after.db.prepare('SELECT error FROM sync_runs WHERE id = ?').get(failed.id) as { error: string }).error).toContain('disk_full');
    expect((await sync(after)).status).toBe('ok');
  });

  it('at a restart, a run left running ends as the unrecorded-runs file says (disk full), others as interrupted', async () => {
    const h = createHarness({ recordRetryMs: 100 });
    harnesses.push(h);
    const { rn } = await addSimConnections(h, sim);
    const insert = h.db.prepare("INSERT INTO sync_runs (connection_id, job, started_at, status) VALUES (?, ?, '2026-12-04T10:00:00.000Z', 'running')");
    const full = Number(insert.run(rn.id, 'inventory').lastInsertRowid);
    const crashed = Number(insert.run(rn.id, 'users').lastInsertRowid);
    const error: ContractError = { code: 'disk_full', message: 'The disk is full: the sync stopped and the previous data was kept. Free some space and sync again.' };
    const file = new UnrecordedRunsFile(path.join(h.dir, 'sync-unrecorded-runs.json'));
    file.reserve();
    expect(file.save([{ runId: full, status: 'failed', finishedAt: '2026-12-04T10:01:00.000Z', rows: 0, detail: { requests: 3 }, error }])).toBe(true);
    await h.sync.close();

    const restarted = new SyncService(h.ctx, { connections: h.connections });
    try {
      const runs = restarted.history({ connectionId: rn.id, limit: 5 });
      expect(runs.find((r) => r.id === full)).toMatchObject({ status: 'failed', finishedAt: '2026-12-04T10:01:00.000Z', requests: 3, error });
      expect(runs.find((r) => r.id === crashed)).toMatchObject({ status: 'failed', error: { message: expect.stringContaining('interrupted (the console closed or crashed)') } });
      expect(file.load()).toEqual([]);
    } finally {
      await restarted.close();
    }
  });
});
