import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserServer, type BrowserServer } from '../../src/main/shell/browser/server';
import type { LiveSession } from '../../src/shared/live/types';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index';
import { callOk, connectCore, pickStore, setFault, tempDir } from './rig';

let sim: RunningSimulator;
const clock = { offsetMs: 0 };
beforeAll(async () => {
  sim = await startSimulator({ port: 0, scale: 'demo', seed: 7, now: () => new Date(Date.now() + clock.offsetMs) });
});
afterAll(async () => {
  await sim.close();
});

async function rig() {
  const { core, connectionId } = await connectCore(sim);
  const staticDir = tempDir('roc-static-');
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>');
  const server: BrowserServer = await startBrowserServer({ core, staticDir });
  const origin = `http://127.0.0.1:${server.port}`;
  // The page's session cookie, as the browser holds it once the page is open (hls.js sends it).
  const session = (await fetch(`${origin}/?token=${server.token}`)).headers.get('set-cookie')!.split(';')[0]!;
  const get = (url: string, withToken = true) => fetch(new URL(url, origin), { headers: withToken ? { cookie: session } : {} });
  return { core, connectionId, server, get };
}

describe('live video through the console media route', () => {
  it('plays a store channel: playlist and segments come from the console origin, with neither API secret nor vendor token', async () => {
    const { core, connectionId, server, get } = await rig();
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
      expect(playlist.headers.get('content-type')).toMatch(/mpegurl/);
      const text = await playlist.text();
      expect(text).toContain('#EXTM3U');
      expect(text).not.toMatch(/token=|127\.0\.0\.1|http:/);
      const segment = text.split('\n').find((l) => l && !l.startsWith('#'))!;
      const seg = await get(new URL(segment, new URL(ch.url, 'http://x')).pathname);
      expect(seg.status).toBe(200);
      expect(seg.headers.get('content-type')).toBe('video/mp2t');
      expect((await seg.arrayBuffer()).byteLength).toBeGreaterThan(1000);

      // the server's guard applies: no console token, no media
      expect((await get(ch.url, false)).status).toBe(403);
      // an unknown session and a channel outside the session are refused
      expect((await get(ch.url.replace(session.sessionId, 'AAAAAAAAAAAAAAAAAAAAAAAA'))).status).toBe(401);
      expect((await get(ch.url.replace(encodeURIComponent(ch.uuid), 'not-a-channel'))).status).toBe(403);
    } finally {
      await server.close();
    }
  });

  it('an expired stream token is replaced once and play goes on; a vendor that keeps refusing gives 401 after one refresh', async () => {
    const { core, connectionId, server, get } = await rig();
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
      await server.close();
    }
  });

  it('a store token does not open another store: the channel is not in the session', async () => {
    const { core, connectionId, server, get } = await rig();
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
      await server.close();
    }
  });
});
