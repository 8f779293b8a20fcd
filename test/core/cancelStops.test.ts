import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/compose';
import { inProcessClient } from '../../src/main/host/inProcess';
import type { ChangeView } from '../../src/shared/admin/types';
import type { ExportJobView, ExportWritePreview, VideoSources } from '../../src/shared/exports/types';
import type { SyncRunView, SyncStatus } from '../../src/shared/sync/types';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { callOk, testSecretStore } from '../support/core';
import { tempDir } from '../support/temp';
import { pickStore, recentRange } from '../video/rig';

// A cancelled call stops the vendor requests it started: after the cancel, no request of it reaches
// the simulator. RetailNext answers 429 "retry after 1 s" to the endpoint under test, so a request
// that went on without its call would be sent again a second later and counted (a rule's hits).
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const parse = (json: string) => JSON.parse(json) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };

let sim: RunningSimulator;
let core: Core;
let connectionId: string;

function hitsOf(ruleId: string): number {
  return sim.faults.list().find((r) => r.id === ruleId)?.hits ?? 0;
}

async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await pause(20);
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** Keeps asking this endpoint to retry in a second; returns its hit counter. */
function refuseFor(endpoint: string): () => number {
  sim.faults.set({ id: 'refuse', vendor: 'retailnext', endpoint, kind: 'status429', retryAfter: 1 });
  return () => hitsOf('refuse');
}

/** Starts the call, cancels it once its first request arrived, and returns the hits then and a while later. */
async function cancelAfterFirstRequest(name: string, input: unknown, hits: () => number): Promise<{ atCancel: number; later: number }> {
  const client = inProcessClient(core);
  const call = client.call(name, input);
  await until(`a request of ${name}`, () => hits() > 0);
  client.cancel(call.id);
  expect(parse(await call.result)).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  await pause(50);
  const atCancel = hits();
  // The vendor asked to retry after 1 s: a request that outlived its call would come back by now.
  await pause(1_600);
  return { atCancel, later: hits() };
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 5, scale: 'demo' });
  // One core for the file (startTestCore's are closed after each test): its sources stay cached between tests.
  core = createCore({ dataDir: tempDir('roc-core-'), secrets: testSecretStore(), shell: 'browser', version: '0.0.0-test' });
  const c = sim.credentials.retailnext;
  connectionId = (await callOk<{ id: string }>(core, 'connections.save', { vendor: 'retailnext', name: 'RN sim', baseUrl: sim.baseUrls.retailnext, subscription: c.subscription, accessKey: c.accessKey, secretKey: c.secretKey })).id;
  const { runIds } = await callOk<{ runIds: number[] }>(core, 'sync.start', { connectionId, datasets: ['locations'] });
  await until('the locations sync', async () => (await callOk<SyncStatus>(core, 'sync.status', {})).running.length === 0);
  const [run] = await callOk<SyncRunView[]>(core, 'sync.runs', { connectionId, limit: 1 });
  expect(run).toMatchObject({ id: runIds[0], status: 'ok' });
}, 120_000);
afterAll(async () => {
  await core?.close();
  await sim?.close();
});

describe('a cancelled call stops its vendor requests (simulator)', () => {
  const store = () => sim.estate.stores.find((s) => s.occupancy_limit !== null)!;

  it.each([
    ['occupancyBoard.refresh', () => ({}), '/v2/datamine'],
    ['admin.occupancy.status', () => ({ storeUuid: store().uuid }), '/v2/datamine'],
    ['storeLayout.floorplans', () => ({ storeUuid: store().uuid, refresh: true }), '/v1/stores/'],
    ['exports.sources', () => ({ connectionId, refresh: true }), '/v1/inventory/cameras'],
  ] as const)('%s', async (name, input, endpoint) => {
    try {
      const { atCancel, later } = await cancelAfterFirstRequest(name, input(), refuseFor(endpoint));
      expect(atCancel).toBeGreaterThan(0);
      expect(later).toBe(atCancel);
    } finally {
      sim.faults.clear();
    }
    // The core keeps serving: the same call answers once the vendor does.
    expect(parse(await core.answer(name, input()))).toMatchObject({ ok: true });
  });

  it('live.open', async () => {
    const { store: videoStore } = await pickStore(core, connectionId);
    try {
      const { atCancel, later } = await cancelAfterFirstRequest('live.open', { connectionId, storeUuid: videoStore.uuid }, refuseFor('/v1/hlsapitoken'));
      expect(atCancel).toBe(1);
      expect(later).toBe(1);
    } finally {
      sim.faults.clear();
    }
  });
});

describe('exports.sources is one read shared by its callers', () => {
  it('a caller who cancels leaves the read to the one still waiting', async () => {
    sim.faults.set({ id: 'slow', vendor: 'retailnext', endpoint: '/v1/inventory/cameras', kind: 'latency', ms: 400 });
    try {
      // The cameras requests of one read (the list comes in pages).
      await callOk(core, 'exports.sources', { connectionId, refresh: true });
      const oneRead = hitsOf('slow');
      sim.faults.set({ id: 'slow', vendor: 'retailnext', endpoint: '/v1/inventory/cameras', kind: 'latency', ms: 400 });
      const client = inProcessClient(core);
      const first = client.call('exports.sources', { connectionId, refresh: true });
      const second = client.call('exports.sources', { connectionId });
      await until('the cameras request', () => hitsOf('slow') > 0);
      client.cancel(first.id);
      expect(parse(await first.result)).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      const served = parse(await second.result);
      expect(served).toMatchObject({ ok: true, value: { connectionId } });
      expect((served.value as VideoSources).stores.length).toBeGreaterThan(0);
      expect(hitsOf('slow')).toBe(oneRead); // the second caller joined the first one's read
    } finally {
      sim.faults.clear();
    }
  });

  it('the read stops only once every caller has cancelled; the next caller reads again', async () => {
    const hits = refuseFor('/v1/inventory/cameras');
    try {
      const client = inProcessClient(core);
      const first = client.call('exports.sources', { connectionId, refresh: true });
      const second = client.call('exports.sources', { connectionId });
      await until('the cameras request', () => hits() > 0);
      client.cancel(first.id);
      expect(parse(await first.result)).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      // Still read for the second caller: RetailNext is asked again after its second.
      await until('the read to go on for the caller still waiting', () => hits() > 1);
      client.cancel(second.id);
      expect(parse(await second.result)).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      await pause(50);
      const atCancel = hits();
      await pause(1_600);
      expect(hits()).toBe(atCancel);
    } finally {
      sim.faults.clear();
    }
    expect(parse(await core.answer('exports.sources', { connectionId }))).toMatchObject({ ok: true, value: { connectionId } });
  });
});

describe('a cancelled export write', () => {
  async function changes(): Promise<ChangeView[]> {
    return (await callOk<{ changes: ChangeView[] }>(core, 'admin.changes.list', { filter: { kind: 'export.start' } })).changes;
  }

  async function preview(): Promise<ExportWritePreview> {
    const { store, applianceId, channels } = await pickStore(core, connectionId, 1);
    return callOk<ExportWritePreview>(core, 'exports.startPreview', { connectionId, storeUuid: store.uuid, applianceId, channels: [channels[0]!.uuid], ...recentRange(3), folder: tempDir('roc-exports-') });
  }

  it('given up before it is sent: nothing is recorded or sent, and the preview still confirms', async () => {
    sim.faults.set({ id: 'start', vendor: 'retailnext', endpoint: 'video.export.start', kind: 'latency', ms: 1 });
    try {
      const before = (await changes()).length;
      const p = await preview();
      const gaveUp = new AbortController();
      gaveUp.abort();
      expect(await core.invoke('exports.confirm', { previewId: p.previewId }, gaveUp.signal)).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      expect(hitsOf('start')).toBe(0);
      expect((await changes()).length).toBe(before);
      const job = await callOk<ExportJobView>(core, 'exports.confirm', { previewId: p.previewId });
      expect(job.state).toBe('in_progress');
      expect(hitsOf('start')).toBe(1);
      await callOk(core, 'exports.cancel', { id: job.id });
    } finally {
      sim.faults.clear();
    }
  });

  it('cancelled once the log says "sending": the request completes on its own and the log says how', async () => {
    sim.faults.set({ id: 'start', vendor: 'retailnext', endpoint: 'video.export.start', kind: 'latency', ms: 400 });
    try {
      const p = await preview();
      const client = inProcessClient(core);
      const confirming = client.call('exports.confirm', { previewId: p.previewId });
      await until('the start to reach RetailNext', () => hitsOf('start') > 0);
      const sending = (await changes()).find((c) => c.status === 'sending');
      expect(sending).toBeDefined();
      client.cancel(confirming.id);
      expect(parse(await confirming.result)).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      await until('the start to complete', async () => (await changes()).find((c) => c.id === sending!.id)?.status !== 'sending');
      const done = (await changes()).find((c) => c.id === sending!.id)!;
      expect(done).toMatchObject({ status: 'done', vendorStatus: 201 });
      expect(hitsOf('start')).toBe(1);
      const job = (await callOk<ExportJobView[]>(core, 'exports.list', {})).find((j) => j.id === done.target);
      expect(job?.exportId).toBeTruthy();
      await callOk(core, 'exports.cancel', { id: job!.id });
    } finally {
      sim.faults.clear();
    }
  });
});
