import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/contract/errors';
import { testConnection } from '../../src/main/vendors/testConnection';
import { exterosConnection, flowConnection, retailNextConnection } from './helpers/connections';
import { json, startTestServer, type TestServer } from './helpers/server';
import { selfSignedCert } from './helpers/tls';
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

async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

const pools = new HttpPools();

describe('testConnection', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer((_req, res) => json(res, 200, []));
  });
  afterAll(() => server.close());

  it('RetailNext: asks for one location with basic auth and reports success', async () => {
    server.setHandler((_req, res) => json(res, 206, [{ uuid: 'a', name: 'x' }], { 'x-page-next': '1' }));
    const before = server.requests.length;
    const report = await testConnection(retailNextConnection(`${server.url}/retailnext/acme`), 'SK', pools);
    const req = server.requests[before]!;
    expect(req.url).toBe('/retailnext/acme/v1/location');
    expect(req.headers['x-page-length']).toBe('1');
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from('AK:SK').toString('base64')}`);
    expect(report.summary).toContain('acme');
    expect(report.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('Flow: posts today and one store code with X-Secret-Key', async () => {
    server.setHandler((_req, res) => json(res, 200, { data: [{ storeCode: '101' }, { storeCode: '101' }], status: 200 }));
    const before = server.requests.length;
    const report = await testConnection(flowConnection(server.url, ['101', '102']), 'FK', pools, { now: () => new Date(2026, 3, 19, 12) });
    const req = server.requests[before]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/kpis/hourly');
    expect(req.headers['x-secret-key']).toBe('FK');
    expect(JSON.parse(req.body)).toEqual({ date: '2026-04-19', storeCodes: ['101'] });
    expect(report.summary).toContain('2 hourly records');
  });

  it('Exteros: GET /v1/locations with the key in Authorization', async () => {
    server.setHandler((_req, res) => json(res, 200, [{ 'location-name': 'a' }, { 'location-name': 'b' }]));
    const before = server.requests.length;
    const report = await testConnection(exterosConnection(server.url), 'EK', pools);
    expect(server.requests[before]!.headers.authorization).toBe('EK');
    expect(report.summary).toContain('2 locations');
  });

  it('401 is auth_failed and keeps the vendor message, never the secret', async () => {
    server.setHandler((_req, res) => json(res, 401, { error: 'invalid api key' }));
    const err = await failure(testConnection(exterosConnection(server.url), 'TOPSECRET', pools));
    expect(err.code).toBe('auth_failed');
    expect(err.detail).toContain('invalid api key');
    expect(`${err.message} ${err.detail}`).not.toContain('TOPSECRET');
  });

  it('a refused port is offline', async () => {
    const port = await closedPort();
    const err = await failure(testConnection(exterosConnection(`http://127.0.0.1:${port}`), 'EK', pools));
    expect(err.code).toBe('offline');
    expect(err.detail).toContain('ECONNREFUSED');
  });

  it('an unknown host is offline (ENOTFOUND)', async () => {
    const err = await failure(testConnection(exterosConnection('http://no-such-host.invalid'), 'EK', pools));
    expect(err.code).toBe('offline');
  });

  it('a 5xx is vendor_error with the vendor message (after one retry)', async () => {
    server.setHandler((_req, res) => json(res, 503, { message: 'maintenance until 10:00' }));
    const before = server.requests.length;
    const err = await failure(testConnection(exterosConnection(server.url), 'EK', pools));
    expect(err.code).toBe('vendor_error');
    expect(err.detail).toContain('maintenance until 10:00');
    expect(server.requests.length - before).toBe(2);
  });

  it('a body that is not JSON is bad_response', async () => {
    server.setHandler((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"data": [');
    });
    const err = await failure(testConnection(flowConnection(server.url), 'FK', pools));
    expect(err.code).toBe('bad_response');
  });

  it('no answer in time is timeout', async () => {
    server.setHandler(() => undefined);
    const err = await failure(testConnection(exterosConnection(server.url), 'EK', pools, { deadlines: { idleMs: 200 } }));
    expect(err.code).toBe('timeout');
  });

  it('cancelling is cancelled, not timeout', async () => {
    server.setHandler(() => undefined);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const err = await failure(testConnection(exterosConnection(server.url), 'EK', pools, { signal: ac.signal, deadlines: { idleMs: 5000 } }));
    expect(err.code).toBe('cancelled');
  });

  it('a self-signed certificate is tls', async () => {
    const tlsServer = await startTestServer((_req, res) => json(res, 200, []), selfSignedCert());
    try {
      const err = await failure(testConnection(exterosConnection(tlsServer.url), 'EK', pools));
      expect(err.code).toBe('tls');
    } finally {
      await tlsServer.close();
    }
  });
});
