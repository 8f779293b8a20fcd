import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/compose';
import { inProcessClient } from '../../src/main/host/inProcess';
import type { SyncRunView, SyncStatus } from '../../src/shared/sync/types';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { callOk, startTestCore } from '../support/core';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Requests the simulator received on an endpoint: the hits of a latency rule that slows them. */
function hitsOf(sim: RunningSimulator, ruleId: string): number {
  return sim.faults.list().find((r) => r.id === ruleId)?.hits ?? 0;
}

describe('a cancelled predictions fetch stops its requests (simulator)', () => {
  let sim: RunningSimulator;
  let core: Core;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 5, scale: 'demo' });
    core = startTestCore();
    const c = sim.credentials.retailnext;
    const conn = await callOk<{ id: string }>(core, 'connections.save', { vendor: 'retailnext', name: 'RN sim', baseUrl: sim.baseUrls.retailnext, subscription: c.subscription, accessKey: c.accessKey, secretKey: c.secretKey });
    const { runIds } = await callOk<{ runIds: number[] }>(core, 'sync.start', { connectionId: conn.id, datasets: ['locations'] });
    for (let i = 0; i < 1500 && (await callOk<SyncStatus>(core, 'sync.status', {})).running.length > 0; i++) await pause(20);
    const [run] = await callOk<SyncRunView[]>(core, 'sync.runs', { connectionId: conn.id, limit: 1 });
    expect(run).toMatchObject({ id: runIds[0], status: 'ok' });
  });
  afterAll(async () => {
    await core?.close();
    await sim?.close();
  });

  it('Cancel of reports.fetchPredictions: no request reaches RetailNext after it', async () => {
    sim.faults.set({ id: 'slow', vendor: 'retailnext', endpoint: '/v1/predictedtraffic', kind: 'latency', ms: 300 });
    try {
      const client = inProcessClient(core);
      const fetching = client.call('reports.fetchPredictions', { nodeId: 'all', days: 14 });
      while (hitsOf(sim, 'slow') < 3) await pause(20);
      client.cancel(fetching.id);
      expect(JSON.parse(await fetching.result)).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      // Store after store would follow, three at a time, if the cancel had not reached the requests.
      await pause(50);
      const atCancel = hitsOf(sim, 'slow');
      await pause(900);
      expect(hitsOf(sim, 'slow')).toBe(atCancel);
      expect(atCancel).toBeLessThan(sim.estate.stores.length * 2);
    } finally {
      sim.faults.clear();
    }
  });
});
