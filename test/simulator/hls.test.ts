// HLS live streams of the simulator: per-location tokens (401/403), the playlist's URIs carry the
// token, CORS for a page on another loopback origin, a media sequence that advances, and the
// stallLive fault (SIGKILL of the encoder: the playlist freezes; clearing it restarts the stream).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOC_CHANNEL } from '../../src/simulator/estate/fixtures';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index';

let clock = Date.now();
let sim: RunningSimulator;
let auth: string;
const STORE_A = DOC_CHANNEL.store; // Caspar City Plaza
const CHANNEL_A = DOC_CHANNEL.channel_uuid;

beforeAll(async () => {
  sim = await startSimulator({ now: () => new Date(clock) });
  const c = sim.credentials.retailnext;
  auth = 'Basic ' + Buffer.from(`${c.accessKey}:${c.secretKey}`).toString('base64');
});
afterAll(async () => {
  // stops every ffmpeg encoder
  await sim.close();
});

const rn = (path: string) => `${sim.baseUrls.retailnext}${path}`;

async function token(location_uuid: string): Promise<string> {
  const res = await fetch(rn('/v1/hlsapitoken'), {
    method: 'POST',
    headers: { Authorization: auth, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ location_uuid }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { token: string };
  expect(Object.keys(body)).toEqual(['token']);
  expect(body.token).toMatch(/^[A-Za-z0-9_-]{27}$/);
  return body.token;
}

const playlistUrl = (channel: string, tok?: string) => rn(`/v1/hls/${channel}.m3u8${tok ? `?token=${encodeURIComponent(tok)}` : ''}`);
const sequenceOf = (text: string) => Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text)?.[1] ?? -1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('HLS stream tokens and live playlists', () => {
  let tokA = '';

  it('a token for a store opens its channel: playlist with token-carrying segment URIs and CORS', async () => {
    tokA = await token(STORE_A);
    const res = await fetch(playlistUrl(CHANNEL_A, tokA), { headers: { Origin: 'http://127.0.0.1:5999' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const text = await res.text();
    expect(text.startsWith('#EXTM3U')).toBe(true);
    expect(text).toContain('#EXT-X-PROGRAM-DATE-TIME');
    const uris = text.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(uris.length).toBeGreaterThan(0);
    for (const uri of uris) expect(uri).toBe(`${CHANNEL_A}/${/seg\d+\.ts/.exec(uri)![0]}?token=${encodeURIComponent(tokA)}`);
    // a segment resolved against the playlist URL, as a player does
    const seg = await fetch(new URL(uris[0]!, playlistUrl(CHANNEL_A, tokA)));
    expect(seg.status).toBe(200);
    expect(seg.headers.get('content-type')).toBe('video/mp2t');
    expect(seg.headers.get('access-control-allow-origin')).toBe('*');
    const bytes = Buffer.from(await seg.arrayBuffer());
    expect(bytes[0]).toBe(0x47); // MPEG-TS sync byte
  });

  it('answers the CORS preflight', async () => {
    const res = await fetch(playlistUrl(CHANNEL_A, tokA), { method: 'OPTIONS', headers: { Origin: 'http://127.0.0.1:5999', 'Access-Control-Request-Method': 'GET' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-methods')).toContain('GET');
  });

  it('the media sequence advances', async () => {
    const first = sequenceOf(await (await fetch(playlistUrl(CHANNEL_A, tokA))).text());
    let later = first;
    for (let i = 0; i < 40 && later <= first; i++) {
      await sleep(250);
      later = sequenceOf(await (await fetch(playlistUrl(CHANNEL_A, tokA))).text());
    }
    expect(later).toBeGreaterThan(first);
  });

  it('401 without a token or with an unknown one; 403 for another location\'s channel', async () => {
    const missing = await fetch(playlistUrl(CHANNEL_A));
    expect(missing.status).toBe(401);
    expect(missing.headers.get('access-control-allow-origin')).toBe('*');
    expect((await fetch(playlistUrl(CHANNEL_A, 'not-a-token'))).status).toBe(401);
    const other = sim.estate.channels.find((c) => c.store_uuid !== STORE_A)!;
    const forbidden = await fetch(playlistUrl(other.channel_uuid, tokA));
    expect(forbidden.status).toBe(403);
    expect((await fetch(rn(`/v1/hls/${other.channel_uuid}/seg0.ts?token=${tokA}`))).status).toBe(403);
    // but a token for store B opens B and not A
    const tokB = await token(other.store_uuid);
    expect((await fetch(playlistUrl(CHANNEL_A, tokB))).status).toBe(403);
  });

  it('a token for a region opens the channels of its stores', async () => {
    const region = sim.estate.stores.find((s) => s.uuid === STORE_A)!.parent_uuid;
    const tok = await token(region);
    const res = await fetch(playlistUrl(CHANNEL_A, tok));
    expect(res.status).toBe(200);
    await res.text();
  });

  it('tokens expire (401)', async () => {
    const tok = await token(STORE_A);
    const saved = clock;
    clock += 2 * 3_600_000;
    try {
      expect((await fetch(playlistUrl(CHANNEL_A, tok))).status).toBe(401);
    } finally {
      clock = saved;
    }
  });

  it('the token endpoint needs the API keys and a known location', async () => {
    expect((await fetch(rn('/v1/hlsapitoken'), { method: 'POST', body: JSON.stringify({ location_uuid: STORE_A }) })).status).toBe(401);
    const res = await fetch(rn('/v1/hlsapitoken'), { method: 'POST', headers: { Authorization: auth }, body: JSON.stringify({ location_uuid: 'nope' }) });
    expect(res.status).toBe(404);
  });

  it('stallLive freezes the stream (the playlist stops changing); clearing it restarts the stream', async () => {
    const fault = sim.faults.set({ vendor: 'retailnext', endpoint: `/v1/hls/${CHANNEL_A}`, kind: 'stallLive' });
    const frozen = await (await fetch(playlistUrl(CHANNEL_A, tokA))).text();
    await sleep(2500);
    const still = await (await fetch(playlistUrl(CHANNEL_A, tokA))).text();
    expect(still).toBe(frozen);
    expect(still).not.toContain('#EXT-X-ENDLIST');
    sim.faults.clear(fault.id);
    const before = sequenceOf(still);
    let after = before;
    for (let i = 0; i < 60 && after <= before; i++) {
      await sleep(250);
      after = sequenceOf(await (await fetch(playlistUrl(CHANNEL_A, tokA))).text());
    }
    expect(after).toBeGreaterThan(before);
  });
});
