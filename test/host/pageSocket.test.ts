import Database from 'better-sqlite3';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CoreHost, forkCoreProcess, type CoreProcess } from '../../src/main/host/coreHost';
import type { CoreStart, CoreToShell } from '../../src/main/host/protocol';
import { startBrowserServer, type BrowserServer } from '../../src/main/shell/browser/server';
import { decodeMediaFrame, type MediaFrameHead } from '../../src/shared/live/mediaFrame';
import { tempDir } from '../support/temp';

// Browser mode as `npm run serve` runs it: the server's guard in this process (the shell), each
// page's socket handed to the core's own process (child_process.fork), which serves it there.
const quiet = { log: () => undefined };
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** What crossed the shell's channel to the core: the page sockets handed, and the answers and events that came back to the shell. */
interface Seen {
  handed: number;
  /** Whether this process still read each handed socket once it was handed (it must not: what it reads then is lost). */
  readingAfterHandoff: boolean[];
  fromCore: CoreToShell['t'][];
}

async function startServe(options: { dataDir?: string; partChars?: number } = {}): Promise<{ host: CoreHost; server: BrowserServer; spawned: CoreProcess[]; seen: Seen }> {
  const start: CoreStart = {
    dataDir: options.dataDir ?? tempDir('roc-page-'),
    shell: 'browser',
    version: '0.0.0-page-test',
    keychainService: 'Retail Ops Console page test',
    shellServices: [],
    mediaBasePath: '/media',
    partChars: options.partChars,
  };
  const spawned: CoreProcess[] = [];
  const seen: Seen = { handed: 0, readingAfterHandoff: [], fromCore: [] };
  const host = new CoreHost({
    start,
    log: quiet,
    restartDelayMs: 50,
    spawn: (s) => {
      const proc = forkCoreProcess(s);
      spawned.push(proc);
      proc.onMessage((m) => seen.fromCore.push(m.t));
      return {
        ...proc,
        pid: proc.pid,
        postSocket: (page, socket) => {
          seen.handed++;
          // Node's TCP handle of the socket, which stays open here until the core acknowledges it.
          const handle = (socket as typeof socket & { _handle?: { reading?: boolean } })._handle;
          proc.postSocket!(page, socket);
          seen.readingAfterHandoff.push(handle?.reading !== false);
        },
      };
    },
  });
  closers.push(() => host.close());
  const server = await startBrowserServer({ core: host, log: quiet, staticDir: tempDir('roc-page-static-') });
  closers.push(() => server.close());
  return { host, server, spawned, seen };
}

type MediaFrame = MediaFrameHead & { body: Uint8Array };

/** A page: its socket, every message it received (parsed), its binary frames (live media), and a round trip by call id. */
async function openPage(server: BrowserServer): Promise<{ ws: WebSocket; received: unknown[]; texts: string[]; frames: MediaFrame[]; call(id: number, name: string, input: unknown): Promise<string> }> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`, { headers: { Origin: `http://127.0.0.1:${server.port}` } });
  ws.binaryType = 'arraybuffer';
  const received: unknown[] = [];
  const texts: string[] = [];
  const frames: MediaFrame[] = [];
  ws.on('message', (data, isBinary) => {
    if (isBinary) return void frames.push(decodeMediaFrame(data as ArrayBuffer)!);
    texts.push(data.toString());
    received.push(JSON.parse(data.toString()));
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const call = (id: number, name: string, input: unknown) =>
    new Promise<string>((resolve) => {
      const listener = (data: WebSocket.RawData, isBinary: boolean) => {
        if (isBinary) return;
        const text = data.toString();
        if (text.startsWith(`{"id":${id},`)) {
          ws.off('message', listener);
          resolve(text);
        }
      };
      ws.on('message', listener);
      ws.send(JSON.stringify({ id, call: name, input }));
    });
  return { ws, received, texts, frames, call };
}

async function until(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A raw WebSocket upgrade request, so Host and Origin can be anything; the HTTP answer when it is refused. */
function upgrade(port: number, pathname: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port,
      path: pathname,
      headers: { Host: `127.0.0.1:${port}`, Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', ...headers },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, body: '' });
    });
    req.on('error', reject);
    req.end();
  });
}

const parse = (text: string) => JSON.parse(text) as { id: number | null; result: { ok: boolean; value?: unknown; error?: { code: string; message: string } } };

describe("a browser-mode page's socket, served by the core's own process", () => {
  it('answers calls and pushes events, answers an unreadable message in words, and none of it passes through the shell', async () => {
    const { host, server, seen } = await startServe();
    await host.ready();
    const page = await openPage(server);
    expect(seen.handed).toBe(1);
    expect(seen.readingAfterHandoff).toEqual([false]);
    expect(parse(await page.call(1, 'app.info', {}))).toMatchObject({ id: 1, result: { ok: true, value: { shell: 'browser', version: '0.0.0-page-test' } } });
    expect(parse(await page.call(2, 'no.such.call', {}))).toMatchObject({ id: 2, result: { ok: false, error: { code: 'unknown_call' } } });

    const before = page.received.length;
    page.ws.send('not json at all');
    page.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    page.ws.send(JSON.stringify({ id: 'seven', call: 'app.info' }));
    await until(() => page.received.length === before + 3, 'three answers to unreadable messages');
    for (const m of page.received.slice(before)) {
      expect(m).toEqual({ id: null, result: { ok: false, error: { code: 'invalid_input', message: 'The request could not be read.', detail: 'not a {id, call, input} message' } } });
    }

    expect(parse(await page.call(3, 'demo.start', {}))).toMatchObject({ result: { ok: true } });
    const demoConnections = () =>
      (page.received as Array<{ event?: string; payload?: { connections?: unknown[] } }>).filter((m) => m.event === 'connections.changed').map((m) => m.payload?.connections?.length);
    await until(() => demoConnections().includes(3), 'connections.changed with the three Demo connections');
    // The shell asked nothing and follows no events: no answer or event came to it.
    expect(seen.fromCore.filter((t) => t === 'result' || t === 'result-part' || t === 'event')).toEqual([]);
    page.ws.close();
  }, 120_000);

  it('a cancelled call answers "cancelled" with the page\'s id and its vendor request stops', async () => {
    const seenVendor = { requests: 0, closed: 0 };
    const silent = net.createServer((socket) => {
      let carried = false;
      socket.on('data', (d) => {
        if (/^(GET|POST) /.test(String(d))) {
          carried = true;
          seenVendor.requests++;
        }
      });
      socket.on('close', () => carried && seenVendor.closed++);
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise<void>((r) => silent.close(() => r())));
    const { host, server } = await startServe();
    await host.ready();
    const page = await openPage(server);
    const saved = parse(
      await page.call(1, 'connections.save', { vendor: 'flow', name: 'Silent', baseUrl: `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`, storeCodes: ['S1'], apiKey: 'not-a-real-key' }),
    );
    expect(saved.result.ok).toBe(true);
    const slow = page.call(2, 'connections.test', { id: (saved.result.value as { id: string }).id });
    await until(() => seenVendor.requests === 1, 'the vendor request', 10_000);
    page.ws.send(JSON.stringify({ cancel: 2 }));
    expect(parse(await slow)).toMatchObject({ id: 2, result: { ok: false, error: { code: 'cancelled' } } });
    await until(() => seenVendor.closed === 1, 'the cancelled request to close its connection', 5_000);
    expect(parse(await page.call(3, 'app.info', {}))).toMatchObject({ id: 3, result: { ok: true } });
    page.ws.close();
  }, 120_000);

  it('a long answer reaches the page whole, as one text message, with an emoji across every part boundary it could cut', async () => {
    // Parts of 7 characters: a name made of emoji puts a part's cut inside one of them again and again.
    const { host, server } = await startServe({ partChars: 7 });
    await host.ready();
    const page = await openPage(server);
    const name = `Caf\u00e9 ${'\u{1F6D2}\u{1F3EC}'.repeat(12)} Plaza`;
    expect(parse(await page.call(1, 'connections.save', { vendor: 'flow', name, baseUrl: 'http://127.0.0.1:9', storeCodes: ['S1'], apiKey: 'not-a-real-key' }))).toMatchObject({ result: { ok: true } });
    const expected = await host.invoke('connections.list', {});
    expect(expected.length).toBeGreaterThan(200);
    const messages = page.texts.length;
    const text = await page.call(2, 'connections.list', {});
    expect(text).toBe(`{"id":2,"result":${expected}}`);
    expect(text).toContain(name);
    expect(page.texts.length).toBe(messages + 1);
    page.ws.close();
  }, 120_000);

  it("live video reaches the page over its own socket as binary frames (playlist, segment, a refusal); none of it crosses the shell, whose HTTP route and channel refuse live media", async () => {
    const { host, server, seen } = await startServe();
    await host.ready();
    const page = await openPage(server);
    expect(parse(await page.call(1, 'demo.start', {}))).toMatchObject({ result: { ok: true } });
    const connections = parse(await page.call(2, 'connections.list', {})).result.value as Array<{ id: string; vendor: string }>;
    const rn = connections.find((c) => c.vendor === 'retailnext')!;
    const sources = parse(await page.call(3, 'exports.sources', { connectionId: rn.id })).result.value as { stores: Array<{ uuid: string; appliances: Array<{ channels: unknown[] }> }> };
    const store = sources.stores.find((s) => s.appliances.some((a) => a.channels.length > 0))!;
    const opened = parse(await page.call(4, 'live.open', { connectionId: rn.id, storeUuid: store.uuid }));
    const session = opened.result.value as { sessionId: string; channels: Array<{ url: string }> };
    const playlistUrl = session.channels[0]!.url;
    const media = async (id: number, url: string): Promise<MediaFrame> => {
      page.ws.send(JSON.stringify({ media: id, path: url.replace(/^\/media/, '') }));
      await until(() => page.frames.some((f) => f.media === id), `the media answer ${id}`, 30_000);
      return page.frames.find((f) => f.media === id)!;
    };
    const playlist = await media(10, playlistUrl);
    expect(playlist.status).toBe(200);
    const text = new TextDecoder().decode(playlist.body);
    expect(text).toContain('#EXTM3U');
    const segmentUrl = new URL(text.split('\n').find((l) => l && !l.startsWith('#'))!, new URL(playlistUrl, 'http://x')).pathname;
    const segment = await media(11, segmentUrl);
    expect(segment.status).toBe(200);
    expect(segment.headers['Content-Type']).toBe('video/mp2t');
    expect(segment.body[0]).toBe(0x47);
    expect((await media(12, playlistUrl.replace(session.sessionId, 'AAAAAAAAAAAAAAAAAAAAAAAA'))).status).toBe(401);

    // The shell: its channel carried no media message, its HTTP route and its own channel refuse live media.
    expect(seen.fromCore.filter((t) => t.startsWith('media'))).toEqual([]);
    const overHttp = await fetch(`http://127.0.0.1:${server.port}${segmentUrl}?token=${server.token}`);
    expect(overHttp.status).toBe(404);
    expect(await overHttp.text()).toMatch(/^Live video is not served here/);
    const overShell = await host.handle({ path: segmentUrl.replace(/^\/media/, ''), method: 'GET' });
    expect(overShell.status).toBe(404);
    page.ws.close();
  }, 120_000);

  it("a core crash closes the page's socket; a page that connects during the restart waits for the core, then works", async () => {
    const { host, server, spawned, seen } = await startServe();
    await host.ready();
    const page = await openPage(server);
    expect(parse(await page.call(1, 'app.info', {}))).toMatchObject({ result: { ok: true } });
    const closed = new Promise<number>((resolve) => page.ws.once('close', resolve));
    spawned[0]!.kill();
    expect(await closed).toBe(1006);
    await until(() => host.process === null, 'the host to see the core stop');
    // Asked while no core runs: the shell holds the upgrade until the new core serves.
    const again = await openPage(server);
    expect(host.restarts).toBe(1);
    expect(host.process).not.toBeNull();
    expect(seen.handed).toBe(2);
    expect(parse(await again.call(1, 'app.info', {}))).toMatchObject({ id: 1, result: { ok: true, value: { shell: 'browser' } } });
    again.ws.close();
  }, 120_000);

  it('a wrong token, Host or Origin, or another path, is refused by the shell before any handoff', async () => {
    const { host, server, seen } = await startServe();
    await host.ready();
    const { port, token } = server;
    expect(await upgrade(port, '/api')).toEqual({ status: 403, body: '' });
    expect(await upgrade(port, '/api?token=wrong')).toEqual({ status: 403, body: '' });
    expect(await upgrade(port, `/api?token=${token}`, { Host: 'evil.example:80' })).toEqual({ status: 403, body: '' });
    expect(await upgrade(port, `/api?token=${token}`, { Origin: 'http://evil.example' })).toEqual({ status: 403, body: '' });
    expect(await upgrade(port, `/other?token=${token}`)).toEqual({ status: 403, body: '' });
    expect(seen.handed).toBe(0);
    expect(await upgrade(port, `/api?token=${token}`, { Origin: `http://localhost:${port}` })).toEqual({ status: 101, body: '' });
    expect(seen.handed).toBe(1);
  }, 120_000);

  it('a core that could not start: the page is told so in words (503)', async () => {
    // A cache written by a newer version: the core refuses to open it.
    const dataDir = tempDir('roc-page-');
    const cache = new Database(path.join(dataDir, 'cache.sqlite'));
    cache.pragma('user_version = 100000');
    cache.close();
    const { host, server, seen } = await startServe({ dataDir });
    await expect(host.ready()).rejects.toThrow(/The console could not start/);
    const answer = await upgrade(server.port, `/api?token=${server.token}`);
    expect(answer.status).toBe(503);
    expect(answer.body).toMatch(/^The console could not start: This cache was written by a newer version of Retail Ops Console/);
    expect(seen.handed).toBe(0);
  }, 120_000);
});
