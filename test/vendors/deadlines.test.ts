import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../src/shared/contract/errors';
import { defaultDeadlines, httpRequest, type RequestSpec } from '../../src/main/vendors/http/client';
import { startTestServer, type TestServer } from './helpers/server';
import { HttpPools } from '../../src/main/vendors/http/pools';

/**
 * Connect, idle and total deadlines of the shared HTTP layer: an unreachable vendor is reported
 * within seconds (not 30 s x 5 attempts), a silent one within the total, and a slow answer that
 * keeps arriving is never cut.
 */
const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a failure');
}

/** Accepts TCP and says nothing: behind an https address, the connection never opens (no TLS). */
async function silentTcp(): Promise<{ port: number; sockets: number }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => {
    for (const s of sockets) s.destroy();
    return new Promise<void>((r) => server.close(() => r()));
  });
  return { port: (server.address() as AddressInfo).port, get sockets() { return sockets.size; } };
}

async function server(handler: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
  const s = await startTestServer(handler);
  closers.push(() => s.close());
  return s;
}

const pools = new HttpPools();
const spec = (url: string, extra: Partial<RequestSpec> = {}): RequestSpec => ({ vendor: 'Exteros', what: 'list locations', method: 'GET', url, ...extra, pools });

describe('HTTP deadlines', () => {
  it('the defaults: seconds to connect, a bounded silence, a bounded call', () => {
    expect(defaultDeadlines.connectMs).toBeLessThanOrEqual(5_000);
    expect(defaultDeadlines.idleMs).toBeLessThanOrEqual(30_000);
    expect(defaultDeadlines.totalMs).toBeLessThan(60_000);
  });

  it('a vendor that cannot be reached is reported after the connect deadline, once (not retried)', async () => {
    const dead = await silentTcp();
    const started = Date.now();
    const before = pools.stats.requests;
    const err = await failure(httpRequest(spec(`https://127.0.0.1:${dead.port}/v1/locations`, { deadlines: { connectMs: 300 } })));
    const took = Date.now() - started;
    expect(err).toMatchObject({ code: 'offline', message: expect.stringMatching(/^Exteros cannot be reached: no connection within 300 ms/) });
    expect(took).toBeLessThan(2_000);
    expect(pools.stats.requests - before).toBe(1);
  });

  it('the default connect deadline reports an unreachable vendor within seconds', async () => {
    const dead = await silentTcp();
    const started = Date.now();
    const err = await failure(httpRequest(spec(`https://127.0.0.1:${dead.port}/v1/locations`)));
    expect(err.code).toBe('offline');
    expect(Date.now() - started).toBeLessThan(defaultDeadlines.connectMs + 2_000);
  }, 15_000);

  it('a vendor that connects and then says nothing: idle deadline per attempt, the total ends the retries', async () => {
    const hung = await server(() => undefined);
    const started = Date.now();
    const before = pools.stats.requests;
    const err = await failure(httpRequest(spec(`${hung.url}/v1/locations`, { deadlines: { idleMs: 250, totalMs: 700 }, backoff: { attempts: 5, baseMs: 10, capMs: 20 } })));
    const took = Date.now() - started;
    expect(err).toMatchObject({ code: 'timeout', message: 'Exteros did not answer in time (no answer for 250 ms).' });
    expect(took).toBeGreaterThanOrEqual(700);
    expect(took).toBeLessThan(1_500);
    expect(pools.stats.requests - before).toBeLessThan(5);
  });

  it('an answer that stops mid-body is a timeout after the idle deadline', async () => {
    const stalls = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('[{"location-name":');
    });
    const err = await failure(httpRequest(spec(`${stalls.url}/v1/locations`, { deadlines: { idleMs: 250, totalMs: 300 }, retry: 'none' })));
    expect(err).toMatchObject({ code: 'timeout', message: 'Exteros did not answer in time (the answer stopped for 250 ms).' });
  });

  it('a slow, large answer that keeps arriving finishes, past both the idle and the total deadline', async () => {
    const piece = JSON.stringify({ 'location-name': 'x'.repeat(1000) });
    const slow = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      let n = 0;
      const timer = setInterval(() => {
        res.write(`${n ? ',' : ''}${piece}`);
        if (++n === 12) {
          clearInterval(timer);
          res.end(']');
        }
      }, 100);
    });
    const started = Date.now();
    const res = await httpRequest(spec(`${slow.url}/v1/locations`, { deadlines: { idleMs: 400, totalMs: 500 } }));
    expect(Date.now() - started).toBeGreaterThan(1_000);
    expect(JSON.parse(res.text)).toHaveLength(12);
  });
});
