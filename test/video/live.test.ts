import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserServer, type BrowserServer } from '../../src/main/shell/browser/server';
import { decodeMediaFrame, type MediaAnswer } from '../../src/shared/live/mediaFrame';
import type { LiveSession } from '../../src/shared/live/types';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index';
import { callOk, connectCore, pickStore, setFault, tempDir } from './rig';

/**
 * RetailNext as the console sees it, in front of the simulator: everything is passed on, except
 * that while `hold` is on a segment request gets no answer; `closed` counts those whose connection
 * the console closed (it gave the request up).
 */
async function holdingProxy(target: string) {
  const seen = { hold: false, held: 0, closed: 0 };
  const server = http.createServer((req, res) => {
    if (seen.hold && /^\/[^?]*\/v1\/hls\/[^/?]+\/[^/?]+/.test(req.url ?? '')) {
      seen.held++;
      res.on('close', () => seen.closed++);
      return;
    }
    const up = http.request(new URL(req.url ?? '/', target), { method: req.method, headers: { ...req.headers, host: new URL(target).host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { seen, origin, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let sim: RunningSimulator;
const clock = { offsetMs: 0 };
beforeAll(async () => {
  sim = await startSimulator({ port: 0, scale: 'demo', seed: 7, now: () => new Date(Date.now() + clock.offsetMs) });
});
afterAll(async () => {
  await sim.close();
});

/**
 * A page's socket to the core, as the renderer's client opens it: live media is asked for on it
 * ({media, path}) and comes back as one binary frame per answer, as the hls.js loader receives it.
 */
async function pageSocket(server: BrowserServer) {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`);
  ws.binaryType = 'arraybuffer';
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const waiting = new Map<number, (a: MediaAnswer) => void>();
  const texts: string[] = [];
  ws.on('message', (data, isBinary) => {
    if (!isBinary) return void texts.push(String(data));
    const frame = decodeMediaFrame(data as ArrayBuffer)!;
    waiting.get(frame.media)?.({ status: frame.status, headers: frame.headers, body: frame.body });
    waiting.delete(frame.media);
  });
  let nextId = 1;
  /** `url`: a player address ("/media/live/..."), as hls.js resolves it; the page asks for the path below /media. */
  const media = (url: string): { id: number; answer: Promise<MediaAnswer> } => {
    const id = nextId++;
    const answer = new Promise<MediaAnswer>((resolve) => waiting.set(id, resolve));
    ws.send(JSON.stringify({ media: id, path: new URL(url, 'http://x').pathname.replace(/^\/media/, '') }));
    return { id, answer };
  };
  return { ws, texts, media, get: (url: string) => media(url).answer, close: () => ws.close() };
}

async function rig() {
  const { core, connectionId } = await connectCore(sim);
  const staticDir = tempDir('roc-static-');
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>');
  const server: BrowserServer = await startBrowserServer({ core, staticDir });
  const origin = `http://127.0.0.1:${server.port}`;
  // The page's session cookie, as the browser holds it once the page is open.
  const session = (await fetch(`${origin}/?token=${server.token}`)).headers.get('set-cookie')!.split(';')[0]!;
  const http = (url: string, withToken = true) => fetch(new URL(url, origin), { headers: withToken ? { cookie: session } : {} });
  const page = await pageSocket(server);
  const close = async () => {
    page.close();
    await server.close();
  };
  return { core, connectionId, server, http, page, get: page.get, close };
}

const text = (a: MediaAnswer) => new TextDecoder().decode(a.body);

describe('live video through the console media route', () => {
  it("plays a store channel over the page's own socket to the core: playlist and segment as binary frames, with neither API secret nor vendor token; the shell's HTTP route serves no live media", async () => {
    const { core, connectionId, http, get, close } = await rig();
    try {
      const { store } = await pickStore(core, connectionId, 1);
      const session = await callOk<LiveSession>(core, 'live.open', { connectionId, storeUuid: store.uuid });
      const ch = session.channels[0]!;
      expect(ch.url).toMatch(/^\/media\/live\/[A-Za-z0-9_-]+\/[^/]+\.m3u8$/);
      const secret = sim.credentials.retailnext.secretKey;
      expect(JSON.stringify(session)).not.toContain(secret);
      expect(JSON.stringify(session)).not.toContain('127.0.0.1');

      const playlist = await get(ch.url);
      expect(playlist.status).toBe(200);
      expect(playlist.headers['Content-Type']).toMatch(/mpegurl/);
      const body = text(playlist);
      expect(body).toContain('#EXTM3U');
      expect(body).not.toMatch(/token=|127\.0\.0\.1|http:/);
      const segmentUrl = new URL(body.split('\n').find((l) => l && !l.startsWith('#'))!, new URL(ch.url, 'http://x')).pathname;
      const seg = await get(segmentUrl);
      expect(seg.status).toBe(200);
      expect(seg.headers['Content-Type']).toBe('video/mp2t');
      expect(seg.body.byteLength).toBeGreaterThan(1000);
      expect(seg.body[0]).toBe(0x47); // an MPEG-TS packet's sync byte: the segment's bytes as they are, not base64

      // The shell serves none of it over HTTP, even with the page's session cookie.
      for (const url of [ch.url, segmentUrl]) {
        const refused = await http(url);
        expect(refused.status).toBe(404);
        expect(await refused.text()).toMatch(/^Live video is not served here/);
      }
      // an unknown session and a channel outside the session are refused
      expect((await get(ch.url.replace(session.sessionId, 'AAAAAAAAAAAAAAAAAAAAAAAA'))).status).toBe(401);
      expect((await get(ch.url.replace(encodeURIComponent(ch.uuid), 'not-a-channel'))).status).toBe(403);
    } finally {
      await close();
    }
  });

  it('an expired stream token is replaced once and play goes on; a vendor that keeps refusing gives 401 after one refresh', async () => {
    const { core, connectionId, get, close } = await rig();
    try {
      const { store } = await pickStore(core, connectionId, 1);
      const session = await callOk<LiveSession>(core, 'live.open', { connectionId, storeUuid: store.uuid });
      const url = session.channels[0]!.url;
      expect((await get(url)).status).toBe(200);
      clock.offsetMs = 2 * 3_600_000; // the simulator's tokens live one hour
      const again = await get(url);
      expect(again.status).toBe(200);
      clock.offsetMs = 0;

      await setFault(sim, { id: 'hls-401', vendor: 'retailnext', endpoint: 'hls.playlist', kind: 'status5xx', status: 401 });
      const before = await fetch(`${sim.url}/__sim/faults`).then((r) => r.json() as Promise<{ rules: Array<{ id: string }> }>);
      expect(before.rules.map((r) => r.id)).toContain('hls-401');
      const refused = await get(url);
      expect(refused.status).toBe(401);
      const after = await fetch(`${sim.url}/__sim/faults`).then((r) => r.json() as Promise<{ rules: Array<{ id: string; hits: number }> }>);
      expect(after.rules.find((r) => r.id === 'hls-401')?.hits).toBe(2); // the first try and exactly one retry with a fresh token
      await fetch(`${sim.url}/__sim/faults`, { method: 'DELETE' });
    } finally {
      clock.offsetMs = 0;
      await close();
    }
  });

  it('a store token does not open another store: the channel is not in the session', async () => {
    const { core, connectionId, get, close } = await rig();
    try {
      const sources = await callOk<{ stores: Array<{ uuid: string; appliances: Array<{ channels: Array<{ uuid: string }> }> }> }>(core, 'exports.sources', { connectionId });
      const withVideo = sources.stores.filter((s) => s.appliances.some((a) => a.channels.length > 0));
      const a = await callOk<LiveSession>(core, 'live.open', { connectionId, storeUuid: withVideo[0]!.uuid });
      const other = withVideo[1]!.appliances.flatMap((x) => x.channels)[0]!.uuid;
      const res = await get(a.channels[0]!.url.replace(encodeURIComponent(a.channels[0]!.uuid), encodeURIComponent(other)));
      expect(res.status).toBe(403);
      expect(await callOk(core, 'live.close', { sessionId: a.sessionId })).toEqual({ closed: true });
      expect((await get(a.channels[0]!.url)).status).toBe(401);
    } finally {
      await close();
    }
  });

  it('a segment hls.js gives up (the page cancels it) stops the vendor request at once; the page gets no answer for it and plays on', async () => {
    const proxy = await holdingProxy(new URL(sim.baseUrls.retailnext).origin);
    const { core, connectionId: _simConnection, page, close } = await rig();
    try {
      const c = sim.credentials.retailnext;
      const retailnextPath = new URL(sim.baseUrls.retailnext).pathname.replace(/\/$/, '');
      const { id: connectionId } = await callOk<{ id: string }>(core, 'connections.save', {
        vendor: 'retailnext',
        name: 'Through a proxy',
        baseUrl: `${proxy.origin}${retailnextPath}`,
        subscription: c.subscription,
        accessKey: c.accessKey,
        secretKey: c.secretKey,
      });
      const { store } = await pickStore(core, connectionId, 1);
      const session = await callOk<LiveSession>(core, 'live.open', { connectionId, storeUuid: store.uuid });
      const playlist = await page.get(session.channels[0]!.url);
      expect(playlist.status).toBe(200);
      const segmentUrl = new URL(text(playlist).split('\n').find((l) => l && !l.startsWith('#'))!, new URL(session.channels[0]!.url, 'http://x')).pathname;

      proxy.seen.hold = true;
      const frames: number[] = [];
      page.ws.on('message', (data, isBinary) => isBinary && frames.push(new DataView(data as ArrayBuffer).getUint32(0)));
      const asked = page.media(segmentUrl);
      await until(() => proxy.seen.held === 1, 'the segment request to reach RetailNext');
      expect(proxy.seen.closed).toBe(0);
      page.ws.send(JSON.stringify({ mediaCancel: asked.id }));
      await until(() => proxy.seen.closed === 1, 'the console to close the vendor request it gave up', 5_000);

      proxy.seen.hold = false;
      const again = await page.get(segmentUrl);
      expect(again.status).toBe(200);
      expect(again.body[0]).toBe(0x47);
      // Only the segment asked again was answered; the one given up never was.
      expect(frames).toHaveLength(1);
    } finally {
      await close();
      await proxy.close();
    }
  });
});

async function until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
