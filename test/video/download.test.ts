import { createHash } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { downloadToFile } from '../../src/main/exports/download';
import { isAppError } from '../../src/shared/contract/errors';
import { selfSignedCert } from '../vendors/helpers/tls';
import { tempDir } from './rig';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A real TCP server that answers every connection with exactly the bytes `reply` gives (then closes unless told). */
async function rawServer(reply: (request: string) => Array<Buffer | string>, options: { keepOpen?: boolean } = {}): Promise<{ url: string; requests: string[] }> {
  const requests: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let head = '';
    socket.on('data', (d) => {
      head += d.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      requests.push(head);
      const parts = reply(head);
      for (const p of parts) socket.write(p);
      if (!options.keepOpen) socket.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => server.close(r));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/export/file.mp4?sig=abc`, requests };
}

const bodyOf = (n: number) => {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * 131 + 7) % 251;
  return b;
};
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const part = () => path.join(tempDir('roc-dl-'), '.job.part');

describe('download reader', () => {
  it('reads a chunked body split across reads (a 100 Continue first), and hashes exactly the bytes on disk', async () => {
    const body = bodyOf(3 * 1024 * 1024 + 17);
    const chunks: Buffer[] = [];
    for (let at = 0; at < body.length; at += 700_001) chunks.push(body.subarray(at, at + 700_001));
    const { url } = await rawServer(() => [
      'HTTP/1.1 100 Continue\r\n\r\n',
      'HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nTransfer-Encoding: chunked\r\nETag: "v1"\r\n\r\n',
      ...chunks.flatMap((c) => [`${c.length.toString(16)}\r\n`, c, '\r\n']),
      '0\r\n\r\n',
    ]);
    const file = part();
    const result = await downloadToFile({ url, headersFor: () => ({}), partPath: file, etag: null });
    expect(result).toMatchObject({ bytes: body.length, etag: '"v1"', contentType: 'video/mp4', sha256: sha256(body) });
    expect(fs.readFileSync(file).equals(body)).toBe(true);
  });

  it('writes a body of many blocks in order, resuming into the middle of a partial file', async () => {
    const body = bodyOf(24 * 1024 * 1024 + 333);
    const { url } = await rawServer((req) => {
      const from = Number(/range: bytes=(\d+)-/i.exec(req)?.[1] ?? 0);
      const rest = body.subarray(from);
      const head = from > 0 ? `HTTP/1.1 206 Partial Content\r\nContent-Range: bytes ${from}-${body.length - 1}/${body.length}\r\n` : 'HTTP/1.1 200 OK\r\n';
      const pieces: Buffer[] = [];
      for (let at = 0; at < rest.length; at += 300_007) pieces.push(rest.subarray(at, at + 300_007));
      return [`${head}Content-Length: ${rest.length}\r\nETag: "big"\r\n\r\n`, ...pieces];
    });
    const file = part();
    expect((await downloadToFile({ url, headersFor: () => ({}), partPath: file, etag: null })).sha256).toBe(sha256(body));
    expect(fs.readFileSync(file).equals(body)).toBe(true);
    fs.truncateSync(file, 5 * 1024 * 1024 + 77);
    expect((await downloadToFile({ url, headersFor: () => ({}), partPath: file, etag: '"big"' })).sha256).toBe(sha256(body));
    expect(fs.readFileSync(file).equals(body)).toBe(true);
  });

  it('reads a body with neither length nor chunks to the end of the connection', async () => {
    const body = bodyOf(700_000);
    const { url } = await rawServer(() => ['HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nConnection: close\r\n\r\n', body.subarray(0, 300_000), body.subarray(300_000)]);
    const file = part();
    const result = await downloadToFile({ url, headersFor: () => ({}), partPath: file, etag: null });
    expect(result).toMatchObject({ bytes: body.length, sha256: sha256(body) });
    expect(fs.readFileSync(file).equals(body)).toBe(true);
  });

  it('sends Range and If-Range on a resume, and the credential header only as given', async () => {
    const body = bodyOf(200_000);
    const { url, requests } = await rawServer((req) => {
      const from = Number(/range: bytes=(\d+)-/i.exec(req)?.[1] ?? 0);
      const rest = body.subarray(from);
      return [`HTTP/1.1 206 Partial Content\r\nContent-Range: bytes ${from}-${body.length - 1}/${body.length}\r\nContent-Length: ${rest.length}\r\nETag: "v1"\r\n\r\n`, rest];
    });
    const file = part();
    fs.writeFileSync(file, body.subarray(0, 123_456));
    const result = await downloadToFile({ url, headersFor: () => ({ authorization: 'Basic a2V5OnNlY3JldA==' }), partPath: file, etag: '"v1"' });
    expect(result.sha256).toBe(sha256(body));
    expect(fs.readFileSync(file).equals(body)).toBe(true);
    expect(requests[0]).toMatch(/^GET \/export\/file\.mp4\?sig=abc HTTP\/1\.1\r\n/);
    expect(requests[0]).toMatch(/\r\nrange: bytes=123456-\r\n/i);
    expect(requests[0]).toMatch(/\r\nif-range: "v1"\r\n/i);
    expect(requests[0]).toMatch(/\r\nauthorization: Basic a2V5OnNlY3JldA==\r\n/i);
  });

  it('refuses a key with a line break (no split request is sent) and says so in words', async () => {
    const { url, requests } = await rawServer(() => ['HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx']);
    const err = await downloadToFile({ url, headersFor: () => ({ authorization: 'Basic x\r\nX-Evil: 1' }), partPath: part(), etag: null }).catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe('invalid_input');
    expect(String((err as Error).message)).toMatch(/character HTTP does not allow/);
    expect(String((err as Error).message)).not.toContain('Basic x');
    expect(requests).toEqual([]);
  });

  it.each([
    ['a malformed Content-Length', ['HTTP/1.1 200 OK\r\nContent-Length: 12abc\r\n\r\nhello']],
    ['120 KB of headers', [`HTTP/1.1 200 OK\r\n${'X-Pad: '.concat('a'.repeat(1000), '\r\n').repeat(120)}Content-Length: 1\r\n\r\nx`]],
    ['not HTTP at all', ['SSH-2.0-OpenSSH_9.2\r\n\r\n']],
    ['a chunk size that is not hex (it would have read as the last chunk)', ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n', '5\r\nhello\r\n', 'zz\r\nworld\r\n', '0\r\n\r\n']],
  ])('gives a clear error for %s, never a complete file', async (_what, reply) => {
    const { url } = await rawServer(() => reply);
    const file = part();
    const err = await downloadToFile({ url, headersFor: () => ({}), partPath: file, etag: null }).catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe('bad_response');
    expect(String((err as Error).message)).toMatch(/download server sent an answer the console cannot read/);
    expect(fs.existsSync(file) ? fs.statSync(file).size : 0).toBeLessThanOrEqual(5);
  });

  it('keeps what arrived when the server goes quiet mid-body, and says it stalled', async () => {
    const body = bodyOf(300_000);
    const { url } = await rawServer(() => [`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`, body.subarray(0, 100_000)], { keepOpen: true });
    const file = part();
    const err = await downloadToFile({ url, headersFor: () => ({}), partPath: file, etag: null, idleTimeoutMs: 300 }).catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe('timeout');
    expect(String((err as Error).message)).toMatch(/stalled after .* kept/);
    expect(fs.readFileSync(file).equals(body.subarray(0, 100_000))).toBe(true);
  });

  it('a cancel mid-body stops every write before it is reported, keeps what arrived, and Resume ends byte-identical', async () => {
    const body = bodyOf(4 * 1024 * 1024 + 9);
    // The first answer sends 1 MB then goes quiet (the socket stays open); the resume gets the rest.
    const { url } = await rawServer((req) => {
      const from = Number(/range: bytes=(\d+)-/i.exec(req)?.[1] ?? 0);
      if (from === 0) return [`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\nETag: "c"\r\n\r\n`, body.subarray(0, 1024 * 1024)];
      return [`HTTP/1.1 206 Partial Content\r\nContent-Range: bytes ${from}-${body.length - 1}/${body.length}\r\nContent-Length: ${body.length - from}\r\nETag: "c"\r\n\r\n`, body.subarray(from)];
    }, { keepOpen: true });
    const file = part();
    const stop = new AbortController();
    const cut = downloadToFile({ url, headersFor: () => ({}), partPath: file, etag: null, signal: stop.signal, onProgress: (done) => done >= 1024 * 1024 && stop.abort() }).catch((e: unknown) => e);
    const err = await cut;
    expect(isAppError(err) && err.code).toBe('cancelled');
    const kept = fs.statSync(file).size;
    expect(kept).toBe(1024 * 1024);
    await new Promise((r) => setTimeout(r, 200));
    expect(fs.statSync(file).size).toBe(kept);
    expect(fs.readFileSync(file).equals(body.subarray(0, kept))).toBe(true);

    const resumed = await downloadToFile({ url, headersFor: () => ({}), partPath: file, etag: '"c"' });
    expect(resumed.sha256).toBe(sha256(body));
    expect(fs.readFileSync(file).equals(body)).toBe(true);
  });

  it('a download thread that dies mid-body is logged at once, the download fails with that cause (not as the network), keeps what arrived, and Resume starts a new thread', async () => {
    const body = bodyOf(3 * 1024 * 1024 + 5);
    // The first answer sends 1 MB then goes quiet (the socket stays open); the resume gets the rest.
    const { url } = await rawServer((req) => {
      const from = Number(/range: bytes=(\d+)-/i.exec(req)?.[1] ?? 0);
      if (from === 0) return [`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\nETag: "d"\r\n\r\n`, body.subarray(0, 1024 * 1024)];
      return [`HTTP/1.1 206 Partial Content\r\nContent-Range: bytes ${from}-${body.length - 1}/${body.length}\r\nContent-Length: ${body.length - from}\r\nETag: "d"\r\n\r\n`, body.subarray(from)];
    }, { keepOpen: true });
    const file = part();
    const logs: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
    const log = { log: (level: string, message: string, fields?: Record<string, unknown>) => void logs.push({ level, message, fields }) };
    const threads: Worker[] = [];
    const err = await downloadToFile({
      url, headersFor: () => ({ authorization: 'Bearer secret-token' }), partPath: file, etag: null, log,
      onThread: (t) => threads.push(t),
      onProgress: (done) => done >= 1024 * 1024 && void threads[0]!.terminate(),
    }).catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe('internal');
    expect(String((err as Error).message)).toMatch(/download thread stopped unexpectedly.*part already downloaded is kept/);
    expect((err as { detail?: string }).detail).toBe('the download thread stopped (exit code 1)');
    expect(logs).toEqual([{ level: 'error', message: 'exports: the download thread died; Resume starts a new one', fields: { exitCode: 1, error: null } }]);
    expect(JSON.stringify(logs)).not.toMatch(/secret-token|sig=abc/);
    expect(fs.readFileSync(file).equals(body.subarray(0, 1024 * 1024))).toBe(true);

    const resumed = await downloadToFile({ url, headersFor: () => ({}), partPath: file, etag: '"d"', log, onThread: (t) => threads.push(t) });
    expect(threads).toHaveLength(2);
    expect(resumed.sha256).toBe(sha256(body));
    expect(fs.readFileSync(file).equals(body)).toBe(true);
    expect(logs).toHaveLength(1);
  });

  it('downloads over https from a server whose certificate the console trusts, and refuses one it does not', async () => {
    const { key, cert } = selfSignedCert('IP:127.0.0.1');
    const body = bodyOf(2 * 1024 * 1024 + 5);
    const server = https.createServer({ key, cert }, (_req, res) => {
      res.writeHead(200, { 'Content-Length': body.length, ETag: '"t"' });
      res.end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise((r) => server.close(() => r())));
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/file`;

    const file = part();
    const result = await downloadToFile({ url, headersFor: () => ({}), partPath: file, etag: null, ca: cert });
    expect(result.sha256).toBe(sha256(body));
    expect(fs.readFileSync(file).equals(body)).toBe(true);

    const err = await downloadToFile({ url, headersFor: () => ({}), partPath: part(), etag: null }).catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe('tls');
    expect(String((err as Error).message)).toMatch(/certificate could not be verified/);
  });
});
