import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/contract/errors';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { httpRequest } from '../../src/main/vendors/http/client';
import { FlowClient } from '../../src/main/vendors/flow/client';
import { RetailNextClient } from '../../src/main/vendors/retailnext/client';
import { vendorTarget } from '../../src/main/vendors/target';
import { flowConnection, retailNextConnection } from './helpers/connections';
import { json, startTestServer } from './helpers/server';
import { HttpPools } from '../../src/main/vendors/http/pools';

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected a failure');
}

const pools = new HttpPools();

describe('shared HTTP layer against the simulator with faults', () => {
  let sim: RunningSimulator;
  let rn: RetailNextClient;
  let flow: FlowClient;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 3, scale: 'demo' });
    const c = sim.credentials;
    rn = new RetailNextClient(vendorTarget(retailNextConnection(sim.baseUrls.retailnext, { subscription: c.retailnext.subscription, accessKey: c.retailnext.accessKey }), c.retailnext.secretKey, pools));
    flow = new FlowClient(vendorTarget(flowConnection(sim.baseUrls.flow, c.flow.storeCodes), c.flow.apiKey, pools));
  });
  afterEach(() => {
    sim.faults.clear();
    Object.assign(pools.stats, { requests: 0, retries: 0, rateLimited: 0, limits: {} });
  });
  afterAll(() => sim.close());

  it('429 with Retry-After: waits as told, then succeeds', async () => {
    sim.faults.set({ vendor: 'retailnext', endpoint: '/v1/inventory/appliances', kind: 'status429', retryAfter: 1, count: 1 });
    const t0 = Date.now();
    const appliances = await rn.appliances();
    expect(appliances.length).toBe(sim.estate.appliances.length);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    expect(pools.stats.rateLimited).toBe(1);
    expect(pools.stats.retries).toBe(1);
  });

  it('5xx: retried with backoff; when it persists, vendor_error with the vendor message', async () => {
    sim.faults.set({ vendor: 'retailnext', endpoint: '/v1/healthalerts', kind: 'status5xx', status: 502, count: 2 });
    await rn.healthAlerts();
    expect(pools.stats.retries).toBe(2);
    sim.faults.set({ vendor: 'retailnext', endpoint: '/v1/healthalerts', kind: 'status5xx', status: 503 });
    const err = await failure(rn.healthAlerts());
    expect(err.code).toBe('vendor_error');
    expect(err.detail).toMatch(/^HTTP 503/);
  });

  it('a connection reset mid-body is retried', async () => {
    sim.faults.set({ vendor: 'retailnext', endpoint: '/v1/users', kind: 'resetMidBody', count: 1 });
    expect((await rn.listUsers()).length).toBe(sim.estate.users.length);
    expect(pools.stats.retries).toBe(1);
  });

  it('a body cut short under a consistent Content-Length is bad_response (nothing at HTTP level to retry)', async () => {
    sim.faults.set({ vendor: 'retailnext', endpoint: '/v1/users', kind: 'truncatedBody', count: 1 });
    const err = await failure(rn.listUsers());
    expect(err.code).toBe('bad_response');
    expect(pools.stats.retries).toBe(0);
  });

  it('malformed JSON is bad_response and not retried', async () => {
    sim.faults.set({ vendor: 'flow', kind: 'malformedJson' });
    const before = pools.stats.requests;
    const err = await failure(flow.hourly(['x'], '2026-01-01', '2026-01-01'));
    expect([err.code, err.detail]).toEqual(['bad_response', expect.stringContaining('invalid JSON')]);
    expect(pools.stats.requests - before).toBe(1);
  });

  it('a 4xx is never retried and keeps the vendor message', async () => {
    const before = pools.stats.requests;
    const err = await failure(httpRequest({ pools, vendor: 'Flow', what: 'read hourly KPIs', method: 'POST', url: `${sim.baseUrls.flow}/kpis/hourly`, auth: flow.target.auth, json: { date: 'yesterday', storeCodes: ['1'] } }));
    expect(err.code).toBe('vendor_error');
    expect(err.detail).toContain('yyyy-mm-dd');
    expect(pools.stats.requests - before).toBe(1);
  });

  it('a hung answer is timeout; cancelling is cancelled', async () => {
    sim.faults.set({ vendor: 'exteros', kind: 'timeout' });
    const err = await failure(httpRequest({ pools, vendor: 'Exteros', what: 'list locations', method: 'GET', url: `${sim.baseUrls.exteros}/v1/locations`, auth: { authorization: sim.credentials.exteros.apiKey }, deadlines: { idleMs: 200 }, backoff: { attempts: 2, baseMs: 10 } }));
    expect(err.code).toBe('timeout');
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const cancelled = await failure(httpRequest({ pools, vendor: 'Exteros', what: 'list locations', method: 'GET', url: `${sim.baseUrls.exteros}/v1/locations`, auth: { authorization: sim.credentials.exteros.apiKey }, signal: ac.signal }));
    expect(cancelled.code).toBe('cancelled');
  });

  it('cameras inventory: 3 concurrent requests at most, shared by every caller, so the vendor never says 429', async () => {
    sim.faults.set({ vendor: 'retailnext', endpoint: '/v1/inventory/cameras', kind: 'latency', ms: 100 });
    const stores = sim.estate.stores.slice(0, 9).map((s) => s.uuid);
    const t0 = Date.now();
    const results = await Promise.all(stores.map((s) => rn.cameras(s)));
    expect(results.flat().length).toBe(sim.estate.cameras.filter((c) => stores.includes(c.store_uuid)).length);
    expect(pools.stats.rateLimited).toBe(0);
    // 9 requests, 3 at a time, 100 ms each: at least 3 rounds.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
  });

  it('predicted traffic: a 10-day range becomes two queries (7 + 3 days)', async () => {
    const store = sim.estate.stores[0]!;
    const dayAt = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    const first = dayAt(2);
    const last = dayAt(11);
    const before = pools.stats.requests;
    const predictions = await rn.predictedTraffic(store.uuid, first, last);
    expect(pools.stats.requests - before).toBe(2);
    const days = new Set(predictions.map((p) => p.time.slice(0, 10)));
    // Every day of the range the store opens on (it may close one weekday, so the count depends on the date).
    const openDays = Array.from({ length: 10 }, (_, i) => dayAt(2 + i)).filter((d) => store.hours[new Date(`${d}T00:00:00Z`).getUTCDay()]);
    expect(openDays.length).toBeGreaterThanOrEqual(8);
    expect([...days].sort()).toEqual(openDays);
  });

  it('Flow: 45 stores over 2 days is 6 requests of at most 20 stores', async () => {
    const codes = sim.credentials.flow.storeCodes.slice(0, 45);
    const before = pools.stats.requests;
    await flow.hourly(codes, '2026-01-01', '2026-01-02');
    expect(pools.stats.requests - before).toBe(codes.length > 40 ? 6 : 2 * Math.ceil(codes.length / 20));
  });

  it('each attempt under a concurrency limit is counted under its key, with the time it held a slot', async () => {
    sim.faults.set({ vendor: 'flow', endpoint: '/kpis/hourly', kind: 'status5xx', status: 503, count: 1 });
    await flow.hourly(sim.credentials.flow.storeCodes.slice(0, 3), '2026-01-01', '2026-01-01');
    const kpis = Object.entries(pools.stats.limits).filter(([key]) => key.endsWith(':kpis'));
    expect(kpis).toHaveLength(1);
    const [, l] = kpis[0]!;
    expect(l.requests).toBe(2); // the 503, then its retry
    expect(l.heldMs).toBeGreaterThan(0);
    expect(l.waitMs).toBeGreaterThanOrEqual(0);
  });
});

describe('redirects and validation (scripted servers)', () => {
  it('a redirect to another origin never carries the credentials; same origin does', async () => {
    const other = await startTestServer((_req, res) => json(res, 200, [{ 'location-name': 'x' }]));
    const home = await startTestServer((req, res) => {
      if (req.url === '/v1/locations') res.writeHead(302, { location: `${other.url}/elsewhere` }).end();
      else res.writeHead(404).end();
    });
    try {
      const res = await httpRequest({ pools, vendor: 'Exteros', what: 'list locations', method: 'GET', url: `${home.url}/v1/locations`, auth: { authorization: 'KEY' } });
      expect(res.status).toBe(200);
      expect(home.requests[0]!.headers.authorization).toBe('KEY');
      expect(other.requests[0]!.headers.authorization).toBeUndefined();
    } finally {
      await other.close();
      await home.close();
    }
  });

  it('export status sees 202/302/404/424 itself and never follows the 302', async () => {
    const statuses = [202, 302, 404, 424];
    const server = await startTestServer((_req, res) => {
      const s = statuses.shift()!;
      if (s === 302) res.writeHead(302, { location: 'https://files.example.net/clip.mp4?sig=1' }).end();
      else if (s === 424) json(res, 424, { ok: false, reason: 'channel offline' });
      else json(res, s, { ok: s === 202 });
    });
    try {
      const client = new RetailNextClient(vendorTarget(retailNextConnection(server.url), 'SK', pools));
      expect(await client.exportStatus('e1')).toEqual({ state: 'in_progress' });
      const ready = await client.exportStatus('e1');
      expect(ready).toEqual({ state: 'ready', downloadUrl: 'https://files.example.net/clip.mp4?sig=1', sameOrigin: false });
      expect(client.downloadHeaders('https://files.example.net/clip.mp4?sig=1')).toEqual({});
      expect(await client.exportStatus('e1')).toEqual({ state: 'expired' });
      expect(await client.exportStatus('e1')).toEqual({ state: 'failed', reason: 'channel offline' });
      expect(server.requests).toHaveLength(4);
    } finally {
      await server.close();
    }
  });

  it('a needed field that is wrong is named exactly; unknown fields are ignored', async () => {
    const server = await startTestServer((_req, res) => json(res, 200, { data: [{ storeCode: '1', timestamp: '2026-01-01T10:00:00', brandNew: true }, { storeCode: '1', timestamp: 5 }], status: 200 }));
    try {
      const client = new FlowClient(vendorTarget(flowConnection(server.url), 'K', pools));
      const err = await failure(client.hourly(['1'], '2026-01-01', '2026-01-01'));
      expect(err.code).toBe('bad_response');
      expect(err.message).toContain('data[1].timestamp');
    } finally {
      await server.close();
    }
  });

  it('Flow: what may be absent or null counts as nothing (a numeric store code is a code, a missing count 0, data null no hours)', async () => {
    const answers = [
      {
        data: [
          { storeCode: 101, timestamp: '2026-01-01 10:00:00', traffic: { '001': { enters: 5, exits: null }, '002': { exits: 2 } }, demographics: { group_2: null, group_6: 3, group_9: 7 }, sales: null },
          { storeCode: '101', timestamp: '2026-01-01T11:00:00', traffic: null },
        ],
      },
      { data: null, status: 200 },
    ];
    const server = await startTestServer((_req, res) => json(res, 200, answers.shift()));
    try {
      const client = new FlowClient(vendorTarget(flowConnection(server.url), 'K', pools));
      const [ten, eleven] = await client.hourlySlice({ date: '2026-01-01', storeCodes: ['101'] });
      expect(ten).toEqual({
        storeCode: '101', day: '2026-01-01', hour: 10, enters: 5, exits: 2,
        entrances: { '001': { enters: 5, exits: 0 }, '002': { enters: 0, exits: 2 } },
        demographics: { male_18_under: 0, male_19_44: 0, male_45_59: 0, male_60_plus: 0, female_18_under: 0, female_19_44: 3, female_45_59: 0, female_60_plus: 0 },
        sales: null, transactions: null, itemsSold: null,
      });
      expect(eleven).toMatchObject({ storeCode: '101', hour: 11, enters: 0, exits: 0, entrances: {} });
      expect(await client.hourlySlice({ date: '2026-01-02', storeCodes: ['101'] })).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it("Flow: a wrong count of an entrance or a group is named by its key", async () => {
    const answers = [
      { data: [{ storeCode: '1', timestamp: '2026-01-01T10:00:00', traffic: { '001': { enters: 1, exits: 1 }, '002': { enters: 'many' } } }] },
      { data: [{ storeCode: '1', timestamp: '2026-01-01T10:00:00', demographics: { group_1: 2, group_3: 'n/a' } }] },
    ];
    const server = await startTestServer((_req, res) => json(res, 200, answers.shift()));
    try {
      const client = new FlowClient(vendorTarget(flowConnection(server.url), 'K', pools));
      const entrance = await failure(client.hourlySlice({ date: '2026-01-01', storeCodes: ['1'] }));
      expect(entrance.message).toContain('field data[0].traffic.002.enters is wrong');
      const group = await failure(client.hourlySlice({ date: '2026-01-01', storeCodes: ['1'] }));
      expect(group.message).toContain('field data[0].demographics.group_3 is wrong');
    } finally {
      await server.close();
    }
  });
});
