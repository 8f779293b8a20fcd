import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultController } from '../../src/simulator/faults';
import { startTestSim, type TestSim } from './simHelpers';

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.sim.close();
});

const users = (): Promise<Response> => t.rn('/v1/users');

/** Raw GET that reports how the connection ended (fetch hides a reset behind a generic error). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; received: number; declared: number; error: string | null }> {
  return new Promise((resolve) => {
    const req = request(url, { headers }, (res) => {
      let received = 0;
      const declared = Number(res.headers['content-length'] ?? -1);
      res.on('data', (c: Buffer) => (received += c.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, received, declared, error: null }));
      res.on('error', (e) => resolve({ status: res.statusCode ?? 0, received, declared, error: e.message }));
      res.on('aborted', () => resolve({ status: res.statusCode ?? 0, received, declared, error: 'aborted' }));
    });
    req.on('error', (e) => resolve({ status: 0, received: 0, declared: -1, error: e.message }));
    req.end();
  });
}

describe('faults switched programmatically', () => {
  it('status429 with Retry-After, for the next N requests only', async () => {
    t.sim.faults.set({ vendor: 'retailnext', endpoint: '/v1/users', kind: 'status429', retryAfter: 7, count: 2 });
    const a = await users();
    expect(a.status).toBe(429);
    expect(a.headers.get('retry-after')).toBe('7');
    expect((await users()).status).toBe(429);
    expect((await users()).status).toBe(200);
    expect(t.sim.faults.list()).toEqual([]);
  });

  it('status5xx by vendor: other vendors are untouched', async () => {
    t.sim.faults.set({ id: 'down', vendor: 'flow', kind: 'status5xx', status: 502 });
    try {
      const res = await t.flow({ date: '2026-04-18', storeCodes: ['101'] });
      expect(res.status).toBe(502);
      expect(await res.json()).toMatchObject({ status: 502 });
      expect((await users()).status).toBe(200);
    } finally {
      t.sim.faults.clear('down');
    }
    expect((await t.flow({ date: '2026-04-18', storeCodes: ['101'] })).status).toBe(200);
  });

  it('latency delays the answer', async () => {
    t.sim.faults.set({ vendor: 'exteros', endpoint: 'locations', kind: 'latency', ms: 300, count: 1 });
    const started = Date.now();
    expect((await t.exteros('/v1/locations')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it('Flow hourly under latency: the answer made while the latency runs is the one made without it; a wrong request is still its 400; a fault still answers in its place', async () => {
    const ask = { date: '2026-04-18', storeCodes: ['101', '102'] };
    const plain = await (await t.flow(ask)).text();
    t.sim.faults.set({ id: 'slow', vendor: 'flow', kind: 'latency', ms: 30 });
    try {
      const slow = await t.flow(ask);
      expect(slow.status).toBe(200);
      expect(await slow.text()).toBe(plain);
      const wrong = await t.flow({ date: '18/04/2026', storeCodes: ['101'] });
      expect(wrong.status).toBe(400);
      expect(await wrong.json()).toMatchObject({ status: 400, message: '"date" is required, in the format yyyy-mm-dd' });
      t.sim.faults.set({ vendor: 'flow', kind: 'status429', count: 1 });
      expect((await t.flow(ask)).status).toBe(429);
      expect(await (await t.flow(ask)).text()).toBe(plain);
    } finally {
      t.sim.faults.clear('slow');
    }
  });

  it('malformedJson and truncatedBody send 200 with a body that does not parse', async () => {
    t.sim.faults.set({ vendor: 'retailnext', endpoint: 'users.list', kind: 'malformedJson', count: 1 });
    const bad = await users();
    expect(bad.status).toBe(200);
    await expect(bad.clone().json()).rejects.toThrow();
    t.sim.faults.set({ vendor: 'retailnext', endpoint: 'users.list', kind: 'truncatedBody', count: 1 });
    const cut = await users();
    const text = await cut.text();
    const whole = await (await users()).text();
    expect(text.length).toBeLessThan(whole.length);
    expect(whole.startsWith(text)).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('resetMidBody destroys the connection after N bytes of a declared-longer body', async () => {
    t.sim.faults.set({ vendor: 'retailnext', endpoint: '/v1/inventory/cameras', kind: 'resetMidBody', bytes: 1000, count: 1 });
    const c = t.sim.credentials.retailnext;
    const auth = 'Basic ' + Buffer.from(`${c.accessKey}:${c.secretKey}`).toString('base64');
    const r = await rawGet(`${t.sim.baseUrls.retailnext}/v1/inventory/cameras`, { authorization: auth });
    expect(r.status).toBe(200);
    expect(r.declared).toBeGreaterThan(1000);
    expect(r.received).toBe(1000);
    expect(r.error).not.toBeNull();
    const ok = await rawGet(`${t.sim.baseUrls.retailnext}/v1/inventory/cameras`, { authorization: auth });
    expect(ok.error).toBeNull();
    expect(ok.received).toBe(ok.declared);
  });

  it('timeout never answers (the client gives up)', async () => {
    t.sim.faults.set({ vendor: 'exteros', kind: 'timeout', count: 1 });
    await expect(fetch(`${t.sim.baseUrls.exteros}/v1/locations`, { headers: { authorization: t.sim.credentials.exteros.apiKey }, signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect((await t.exteros('/v1/locations')).status).toBe(200);
  });

  it('probability applies to a share of requests', async () => {
    t.sim.faults.set({ id: 'half', vendor: 'retailnext', endpoint: 'users.list', kind: 'status5xx', probability: 0.5 });
    try {
      const statuses = await Promise.all(Array.from({ length: 40 }, () => users().then((r) => r.status)));
      const failed = statuses.filter((s) => s === 503).length;
      expect(failed).toBeGreaterThan(5);
      expect(failed).toBeLessThan(35);
    } finally {
      t.sim.faults.clear('half');
    }
  });

  it('stallLive is a flag for the HLS module, not an HTTP fault', () => {
    const f = new FaultController();
    f.set({ vendor: 'retailnext', endpoint: '/v1/hls', kind: 'stallLive' });
    expect(f.isActive('stallLive', { vendor: 'retailnext', routeName: 'hls.playlist', path: '/v1/hls/abc.m3u8' })).toBe(true);
    expect(f.isActive('stallLive', { vendor: 'flow', routeName: 'kpis.hourly', path: '/kpis/hourly' })).toBe(false);
    expect(f.take({ vendor: 'retailnext', routeName: 'hls.playlist', path: '/v1/hls/abc.m3u8' })).toEqual([]);
  });

  it('refuses nonsense rules', () => {
    const f = new FaultController();
    expect(() => f.set({ kind: 'explode' as never })).toThrow(/unknown fault kind/);
    expect(() => f.set({ kind: 'latency', probability: 2 })).toThrow();
    expect(() => f.set({ kind: 'latency', count: 0 })).toThrow();
  });
});

describe('faults switched over HTTP (/__sim/faults)', () => {
  it('POST adds rules, GET lists them, DELETE clears one or all', async () => {
    const post = await fetch(`${t.sim.url}/__sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { id: 'ex', vendor: 'exteros', kind: 'status5xx', status: 500 },
        { id: 'rn', vendor: 'retailnext', endpoint: '/v1/users', kind: 'status429' },
      ]),
    });
    expect(post.status).toBe(201);
    expect((await t.exteros('/v1/locations')).status).toBe(500);
    expect((await users()).status).toBe(429);
    const list = (await (await fetch(`${t.sim.url}/__sim/faults`)).json()) as { rules: { id: string; hits: number }[] };
    expect(list.rules.map((r) => r.id).sort()).toEqual(['ex', 'rn']);
    expect(list.rules.every((r) => r.hits >= 1)).toBe(true);
    expect((await fetch(`${t.sim.url}/__sim/faults/ex`, { method: 'DELETE' })).status).toBe(200);
    expect((await t.exteros('/v1/locations')).status).toBe(200);
    expect((await users()).status).toBe(429);
    expect((await fetch(`${t.sim.url}/__sim/faults`, { method: 'DELETE' })).status).toBe(200);
    expect((await users()).status).toBe(200);
  });

  it('a bad rule is a 400 and changes nothing', async () => {
    const res = await fetch(`${t.sim.url}/__sim/faults`, { method: 'POST', body: JSON.stringify({ kind: 'nope' }) });
    expect(res.status).toBe(400);
    expect(t.sim.faults.list()).toEqual([]);
  });
});
