import fc from 'fast-check';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserServer, type BrowserServer } from '../../src/main/shell/browser/server';
import { createCore, type Core } from '../../src/main/compose';
import { testSecretStore } from '../support/core';
import os from 'node:os';

/**
 * Browser mode faces every page and program on this machine: any path, method or header must get
 * an answer (or a closed socket), never a thrown error that ends the process, and never a file
 * outside the renderer folder.
 */
let server: BrowserServer;
let root: string;
let core: Core;
beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'roc-fuzz-'));
  fs.mkdirSync(path.join(root, 'renderer', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'renderer', 'index.html'), '<!doctype html><title>console</title>');
  fs.writeFileSync(path.join(root, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  core = createCore({ dataDir: path.join(root, 'data'), secrets: testSecretStore(), shell: 'browser', version: '0.0.0-test' });
  server = await startBrowserServer({ core, staticDir: path.join(root, 'renderer') });
});
afterAll(async () => {
  await server?.close();
  await core?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

/** Sends raw bytes (no client library to refuse them) and reads what comes back until the server closes or answers. */
function raw(request: Buffer | string, waitMs = 3_000): Promise<{ status: number | null; body: string }> {
  return new Promise((resolve) => {
    const socket = net.connect(server.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const done = () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
      socket.destroy();
      resolve({ status: m ? Number(m[1]) : null, body: text });
    };
    socket.setTimeout(waitMs, done);
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      if (/\r\n\r\n/.test(Buffer.concat(chunks).toString('latin1'))) setTimeout(done, 20);
    });
    socket.on('error', done);
    socket.on('close', done);
    socket.write(request);
  });
}

const request = (method: string, target: string, headers: Array<[string, string]> = []) =>
  `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}Connection: close\r\n\r\n`;

async function stillServing(): Promise<void> {
  const r = await raw(request('GET', `/?token=${server.token}`));
  expect(r.status).toBe(200);
}

describe('browser mode under hostile requests', () => {
  it('answers a NUL byte in the path with 400 and keeps serving (GET, HEAD, encoded or raw)', async () => {
    for (const [method, target] of [['GET', '/index.html%00.js'], ['HEAD', '/a%00b'], ['GET', '/assets/%00'], ['GET', '/%00']] as const) {
      const r = await raw(request(method, `${target}?token=${server.token}`));
      expect(r.status, `${method} ${target}`).toBe(400);
    }
    // Without the token the guard answers first: a page elsewhere (an <img>) gets 403, never a crash.
    expect((await raw(request('GET', '/index.html%00.js'))).status).toBe(403);
    await stillServing();
  });

  it('any path: an answer among 200/400/403/404/405, never a file outside the renderer folder', async () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2E%2e', '%00', '%2f', '%5c', '\\', 'index.html', 'assets', 'app.js', '%E0%A4%A', '%', '%%', '~', 'etc', 'passwd', 'media', 'api'),
      fc.string({ unit: 'binary', maxLength: 12 }).map((s) => encodeURIComponent(s)),
      fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 12 }),
    );
    const target = fc.tuple(fc.array(segment, { maxLength: 6 }), fc.boolean(), fc.constantFrom('', '?x=1', '?token=', '?token=%00', '#a')).map(([parts, withToken, query]) => `/${parts.join('/')}${withToken ? `?token=${server.token}` : query}`);
    const method = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'PATCH', 'CONNECT', 'BREW');
    await fc.assert(
      fc.asyncProperty(method, target, async (m, t) => {
        const r = await raw(request(m, t));
        expect(r.status === null || [200, 400, 403, 404, 405, 500].includes(r.status), `${m} ${t} -> ${r.status}`).toBe(true);
        if (r.status === 500) throw new Error(`500 for ${m} ${t}`);
        if (r.status === 200 && m === 'GET') expect(r.body).toMatch(/<title>console<\/title>|console\.log\(1\)/);
      }),
      { numRuns: 300 },
    );
    await stillServing();
  });

  it('any header names and values, and raw bytes as the request: an answer or a closed socket, and the server lives on', async () => {
    const token = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz-_!#$%&\'*+.^`|~0123456789'.split('')), minLength: 1, maxLength: 20 });
    const value = fc.string({ unit: 'binary', maxLength: 60 }).map((s) => s.replace(/[\r\n]/g, ' '));
    const headerSet = fc.array(fc.tuple(fc.oneof(token, fc.constantFrom('Host', 'Origin', 'Cookie', 'Content-Length', 'Transfer-Encoding', 'Upgrade', 'Connection', 'Sec-WebSocket-Key', 'Sec-WebSocket-Version')), value), { maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(headerSet, fc.constantFrom('/', `/?token=${server.token}`, '/api', `/api?token=${server.token}`, '/assets/app.js', '/media/x'), async (headers, target) => {
        const r = await raw(request('GET', target, headers), 500);
        expect(r.status === null || r.status < 600).toBe(true);
        if (r.status === 500) throw new Error(`500 for ${JSON.stringify(headers)}`);
      }),
      { numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        await raw(Buffer.from(bytes), 200);
      }),
      { numRuns: 100 },
    );
    await stillServing();
  });
});
