import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { contentSecurityPolicy } from '../../src/shared/security/csp';
import { startBrowserServer, type BrowserServer } from '../../src/main/shell/browser/server';
import { startTestCore } from '../support/core';
import { tempDir } from '../support/temp';

const servers: BrowserServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function start(): Promise<BrowserServer> {
  const staticDir = tempDir();
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>console</title>');
  fs.mkdirSync(path.join(staticDir, 'assets'));
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  const server = await startBrowserServer({ core: startTestCore(), staticDir });
  servers.push(server);
  return server;
}

/** A raw request, so Host and Origin can be anything (fetch would refuse to forge them). */
function get(port: number, pathname: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathname, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function openSocket(port: number, query: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api${query}`, { headers: { Origin: `http://127.0.0.1:${port}`, ...headers } });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function roundTrip(ws: WebSocket, message: string): Promise<unknown> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(data.toString())));
    ws.send(message);
  });
}

describe('browser mode server', () => {
  it('listens on 127.0.0.1 only and prints a URL carrying a random token', async () => {
    const a = await start();
    const b = await start();
    expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
    expect(a.token).not.toBe(b.token);
  });

  it('serves the page with the token, sets the cookie and the CSP; refuses without it', async () => {
    const s = await start();
    const withToken = await get(s.port, `/?token=${s.token}`);
    expect(withToken.status).toBe(200);
    expect(withToken.headers['content-security-policy']).toBe(contentSecurityPolicy);
    expect(withToken.headers['x-frame-options']).toBe('DENY');
    expect(withToken.headers['set-cookie']?.[0]).toMatch(/^roc_session=[\w-]{32}; HttpOnly; SameSite=Strict/);
    const cookie = withToken.headers['set-cookie']![0]!.split(';')[0]!;
    expect((await get(s.port, '/assets/app.js', { Cookie: cookie })).status).toBe(200);
    // A reload without ?token= (or with an empty one) is served on the session cookie.
    expect((await get(s.port, '/', { Cookie: cookie })).status).toBe(200);
    expect((await get(s.port, '/?token=', { Cookie: cookie })).status).toBe(200);

    expect((await get(s.port, '/')).status).toBe(403);
    expect((await get(s.port, '/assets/app.js')).status).toBe(403);
    expect((await get(s.port, '/?token=wrong')).status).toBe(403);
    expect((await get(s.port, `/?token=${s.token.slice(0, -1)}`)).status).toBe(403);
  });

  it('the cookie is not the token and opens no call: every 127.0.0.1 server receives it', async () => {
    const s = await start();
    const setCookie = (await get(s.port, `/?token=${s.token}`)).headers['set-cookie']![0]!;
    expect(setCookie).not.toContain(s.token);
    const cookie = setCookie.split(';')[0]!;
    // A non-browser client that took the cookie from a request to its own port can forge any Origin, and still gets no socket.
    await expect(openSocket(s.port, '', { Cookie: cookie })).rejects.toThrow(/403/);
    await expect(openSocket(s.port, '?token=', { Cookie: cookie })).rejects.toThrow(/403/);
    await expect(openSocket(s.port, '', { Cookie: `roc_token=${s.token}` })).rejects.toThrow(/403/);
    // Neither does a cookie from another run of the server.
    const other = await start();
    const otherCookie = (await get(other.port, `/?token=${other.token}`)).headers['set-cookie']![0]!.split(';')[0]!;
    expect((await get(s.port, '/', { Cookie: otherCookie })).status).toBe(403);
    const ws = await openSocket(s.port, `?token=${s.token}`, { Cookie: cookie });
    ws.close();
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin, even with the token', async () => {
    const s = await start();
    expect((await get(s.port, `/?token=${s.token}`, { Host: `evil.example:${s.port}` })).status).toBe(403);
    expect((await get(s.port, `/?token=${s.token}`, { Host: '127.0.0.1:1' })).status).toBe(403);
    expect((await get(s.port, `/?token=${s.token}`, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await get(s.port, `/?token=${s.token}`, { Host: `localhost:${s.port}` })).status).toBe(200);
  });

  it('never serves a file outside the renderer folder', async () => {
    const s = await start();
    for (const p of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fsecret', '/%E0%A4%A']) {
      const r = await get(s.port, `${p}?token=${s.token}`);
      expect([400, 404]).toContain(r.status);
    }
  });

  it('carries the contract over a WebSocket only with the token, this Host and this Origin', async () => {
    const s = await start();
    await expect(openSocket(s.port, '')).rejects.toThrow(/403/);
    await expect(openSocket(s.port, '?token=nope')).rejects.toThrow(/403/);
    await expect(openSocket(s.port, `?token=${s.token}`, { Origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(openSocket(s.port, `?token=${s.token}`, { Host: `rebind.example:${s.port}` })).rejects.toThrow(/403/);

    const ws = await openSocket(s.port, `?token=${s.token}`);
    expect(await roundTrip(ws, JSON.stringify({ id: 1, call: 'app.info', input: {} }))).toMatchObject({ id: 1, result: { ok: true, value: { shell: 'browser' } } });
    expect(await roundTrip(ws, 'not json')).toMatchObject({ id: null, result: { ok: false, error: { code: 'invalid_input' } } });
    expect(await roundTrip(ws, JSON.stringify({ id: 2, call: 'nope', input: {} }))).toMatchObject({ id: 2, result: { ok: false, error: { code: 'unknown_call' } } });
    expect(await roundTrip(ws, JSON.stringify({ id: 3, call: 'connections.remove', input: { id: ['x'] } }))).toMatchObject({ id: 3, result: { ok: false, error: { code: 'invalid_input' } } });
    ws.close();
  });

  it('a page cancels a call it no longer wants: it answers "cancelled" and its vendor request stops', async () => {
    // A vendor that takes the request and never answers; it counts the connections the client closed.
    const seen = { requests: 0, closed: 0 };
    const silent = net.createServer((socket) => {
      socket.on('data', (d) => {
        if (/^(GET|POST) /.test(String(d))) seen.requests++;
      });
      socket.on('close', () => seen.closed++);
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const s = await start();
      const ws = await openSocket(s.port, `?token=${s.token}`);
      const answers: Array<{ id?: number; result?: { ok: boolean; value?: { id: string } } }> = [];
      ws.on('message', (d) => answers.push(JSON.parse(d.toString())));
      const answered = async (id: number) => {
        for (let i = 0; i < 250 && !answers.some((a) => a.id === id); i++) await new Promise((r) => setTimeout(r, 20));
        return answers.filter((a) => a.id === id);
      };
      ws.send(JSON.stringify({ id: 1, call: 'connections.save', input: { vendor: 'flow', name: 'Silent', baseUrl: `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`, storeCodes: ['S1'], apiKey: 'not-a-real-key' } }));
      const [saved] = await answered(1);
      ws.send(JSON.stringify({ id: 2, call: 'connections.test', input: { id: saved!.result!.value!.id } }));
      for (let i = 0; i < 250 && seen.requests === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(seen.requests).toBe(1);
      ws.send(JSON.stringify({ cancel: 2 }));
      expect(await answered(2)).toEqual([{ id: 2, result: { ok: false, error: expect.objectContaining({ code: 'cancelled' }) } }]);
      // Its deadline is 10 s away: the connection closes because the call was given up.
      for (let i = 0; i < 250 && seen.closed === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(seen.closed).toBeGreaterThan(0);
      expect(await roundTrip(ws, JSON.stringify({ id: 3, call: 'app.info', input: {} }))).toMatchObject({ id: 3, result: { ok: true } });
      ws.close();
    } finally {
      silent.close();
    }
  });

  it('pushes core events to connected pages', async () => {
    const s = await start();
    const ws = await openSocket(s.port, `?token=${s.token}`);
    const event = new Promise((resolve) => ws.on('message', (d) => { const m = JSON.parse(d.toString()); if ('event' in m) resolve(m); }));
    ws.send(JSON.stringify({ id: 1, call: 'connections.save', input: { vendor: 'exteros', name: 'E', apiKey: 'k' } }));
    expect(await event).toMatchObject({ event: 'connections.changed', payload: { connections: [{ name: 'E', secretSet: true }] } });
    ws.close();
  });
});
