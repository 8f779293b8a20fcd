import { fork } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { openDatabase } from '../../src/main/db/open';
import { SyncService } from '../../src/main/sync/service';
import { addSimConnections, count, createHarness, type Harness } from './helpers/harness';

describe('kill -9 in the middle of a sync', () => {
  let sim: RunningSimulator;
  let h: Harness;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 11, scale: 'demo' });
    h = createHarness();
  });
  afterAll(async () => {
    await h?.close();
    await sim?.close();
  });

  it('leaves a consistent database with the previous snapshot, and the next start cleans up', async () => {
    const { rn } = await addSimConnections(h, sim);
    const first = await h.sync.wait((await h.sync.start({ connectionId: rn.id, datasets: ['inventory'], refetchFinal: false })).runIds[0]!);
    expect(first.status).toBe('ok');
    const previous = h.db.prepare('SELECT device_id, fetched_at FROM cached_cameras ORDER BY device_id').all();
    expect(previous.length).toBe(sim.estate.cameras.length);

    // Slow pages so the child is surely mid-sync when it dies.
    sim.faults.set({ id: 'slow', vendor: 'retailnext', endpoint: '/v1/inventory', kind: 'latency', ms: 150 });
    const child = fork(path.join(__dirname, 'helpers/syncChild.ts'), [h.dir, JSON.stringify(rn), sim.credentials.retailnext.secretKey], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const outcome = await new Promise<string>((resolve, reject) => {
      child.on('message', (m: { building?: number; finished?: boolean }) => {
        if (m.finished) resolve('finished before the kill');
        if (m.building) {
          child.kill('SIGKILL');
          resolve('killed');
        }
      });
      child.on('error', reject);
      child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve('killed') : resolve(`exited ${code}`)));
    });
    await new Promise((r) => child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r));
    sim.faults.clear();
    expect(outcome).toBe('killed');

    // A fresh connection to the file sees exactly the previous snapshot.
    const db = openDatabase({ file: h.file });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT device_id, fetched_at FROM cached_cameras ORDER BY device_id').all()).toEqual(previous);
      expect(count(db, "SELECT COUNT(*) n FROM sync_snapshots WHERE state = 'building'")).toBe(1);
      expect(count(db, "SELECT COUNT(*) n FROM sync_runs WHERE status = 'running'")).toBe(1);

      // What the next start of the core does: the dead run is marked, its rows are freed.
      const ctx = { ...h.ctx, db };
      const service = new SyncService(ctx, { connections: h.connections });
      await service.ready;
      expect(count(db, "SELECT COUNT(*) n FROM sync_runs WHERE status = 'running'")).toBe(0);
      expect(count(db, "SELECT COUNT(*) n FROM sync_runs WHERE status = 'failed' AND error LIKE '%interrupted%'")).toBe(1);
      expect(count(db, "SELECT COUNT(*) n FROM sync_snapshots WHERE state <> 'current'")).toBe(0);
      expect(count(db, 'SELECT COUNT(*) n FROM cache_cameras')).toBe(previous.length);
      await service.close();
    } finally {
      db.close();
    }
  });
});
