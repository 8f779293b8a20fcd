// RetailNext video export against the simulator: the 201 -> 202 -> 302 -> download -> DELETE -> 404
// lifecycle, 424 failures, expiry, a playable MP4 (ffprobe), Range resume, and the resetMidBody fault.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOC_CHANNEL } from '../../src/simulator/estate/fixtures';
import { cameraByDeviceId } from '../../src/simulator/estate/lookup';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index';

let clock = Date.parse('2021-03-18T12:00:00Z');
let sim: RunningSimulator;
let auth: string;
let tmp: string;

beforeAll(async () => {
  sim = await startSimulator({ now: () => new Date(clock) });
  const c = sim.credentials.retailnext;
  auth = 'Basic ' + Buffer.from(`${c.accessKey}:${c.secretKey}`).toString('base64');
  tmp = mkdtempSync(join(tmpdir(), 'video-test-'));
});
afterAll(async () => {
  await sim.close();
  rmSync(tmp, { recursive: true, force: true });
});

const rn = (path: string) => `${sim.baseUrls.retailnext}${path}`;

async function start(query: string): Promise<Response> {
  return fetch(rn(`/v1/video/export/start?${query}`), { method: 'POST', headers: { Authorization: auth } });
}

async function status(location: string): Promise<Response> {
  return fetch(`${sim.url}${location}`, { headers: { Authorization: auth }, redirect: 'manual' });
}

/** Poll the task until it leaves 202. */
async function settle(location: string): Promise<Response> {
  for (let i = 0; i < 300; i++) {
    const r = await status(location);
    if (r.status !== 202) return r;
    await r.arrayBuffer();
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error('export never finished');
}

function ffprobe(path: string): { codec: string; duration: number; width: number; height: number } {
  const out = JSON.parse(
    execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name,width,height:format=duration', '-of', 'json', path]).toString(),
  );
  return { codec: out.streams[0].codec_name, duration: Number(out.format.duration), width: out.streams[0].width, height: out.streams[0].height };
}

describe('video export lifecycle', () => {
  let location = '';
  let downloadUrl = '';
  let full: Buffer;

  it('start (doc example form): 201, {"ok":true} and a location header', async () => {
    const res = await start(`start=2021-03-17T13:00:00Z&end=2021-03-17T13:00:04Z&channel=${DOC_CHANNEL.export_channel}&analytics_overlay=1&raw=0&info_overlay=1`);
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toEqual({ ok: true });
    location = res.headers.get('location') ?? '';
    expect(location).toMatch(/\/v1\/video\/export\/task\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('status: 202 while rendering, then 302 to a download URL on another path', async () => {
    const first = await status(location);
    expect(first.status).toBe(202);
    const done = await settle(location);
    expect(done.status).toBe(302);
    downloadUrl = done.headers.get('location') ?? '';
    expect(downloadUrl).toMatch(/\/v1\/video\/export\/file\//);
    expect(downloadUrl).not.toContain('/task/');
  });

  it('the download is a playable H.264 MP4 of the requested duration, with Content-Length and ETag', async () => {
    const res = await fetch(`${sim.url}${downloadUrl}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('etag')).toMatch(/^".+"$/);
    full = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(full.length);
    const file = join(tmp, 'export.mp4');
    writeFileSync(file, full);
    const probe = ffprobe(file);
    expect(probe.codec).toBe('h264');
    expect(probe.duration).toBeGreaterThan(3.8);
    expect(probe.duration).toBeLessThan(4.3);
  });

  it('Range requests resume to byte-identical content; bad ranges get 416', async () => {
    const cut = Math.floor(full.length / 3);
    const head = await fetch(`${sim.url}${downloadUrl}`, { headers: { Range: `bytes=0-${cut - 1}` } });
    expect(head.status).toBe(206);
    expect(head.headers.get('content-range')).toBe(`bytes 0-${cut - 1}/${full.length}`);
    const etag = head.headers.get('etag') ?? '';
    const a = Buffer.from(await head.arrayBuffer());
    const rest = await fetch(`${sim.url}${downloadUrl}`, { headers: { Range: `bytes=${cut}-`, 'If-Range': etag } });
    expect(rest.status).toBe(206);
    const b = Buffer.from(await rest.arrayBuffer());
    expect(Buffer.concat([a, b]).equals(full)).toBe(true);

    const stale = await fetch(`${sim.url}${downloadUrl}`, { headers: { Range: `bytes=${cut}-`, 'If-Range': '"other"' } });
    expect(stale.status).toBe(200);
    await stale.arrayBuffer();

    const beyond = await fetch(`${sim.url}${downloadUrl}`, { headers: { Range: `bytes=${full.length}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${full.length}`);
    await beyond.arrayBuffer();

    const headReq = await fetch(`${sim.url}${downloadUrl}`, { method: 'HEAD' });
    expect(Number(headReq.headers.get('content-length'))).toBe(full.length);
  });

  it('a reset mid-body (fault) cuts the download; a Range request resumes it', async () => {
    const fault = sim.faults.set({ vendor: 'retailnext', endpoint: 'video.export.download', kind: 'resetMidBody', count: 1 });
    let received = Buffer.alloc(0);
    let failed = false;
    try {
      const res = await fetch(`${sim.url}${downloadUrl}`);
      const reader = res.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received = Buffer.concat([received, Buffer.from(value)]);
      }
    } catch {
      failed = true;
    }
    sim.faults.clear(fault.id);
    expect(failed).toBe(true);
    expect(received.length).toBeLessThan(full.length);
    const rest = await fetch(`${sim.url}${downloadUrl}`, { headers: { Range: `bytes=${received.length}-` } });
    expect(rest.status).toBe(206);
    expect(Buffer.concat([received, Buffer.from(await rest.arrayBuffer())]).equals(full)).toBe(true);
  });

  it('the download URL needs its signature', async () => {
    const unsigned = downloadUrl.replace(/\?sig=.*$/, '?sig=forged');
    expect((await fetch(`${sim.url}${unsigned}`)).status).toBe(403);
  });

  it('an identical export reuses the rendered file (same ETag)', async () => {
    const res = await start(`start=2021-03-17T14:00:00Z&end=2021-03-17T14:00:04Z&channel=${DOC_CHANNEL.export_channel}&analytics_overlay=1&raw=0&info_overlay=1`);
    const done = await settle(res.headers.get('location')!);
    expect(done.status).toBe(302);
    const again = await fetch(`${sim.url}${done.headers.get('location')}`, { method: 'HEAD' });
    const first = await fetch(`${sim.url}${downloadUrl}`, { method: 'HEAD' });
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
  });

  it('DELETE removes the export: status and download give 404', async () => {
    const del = await fetch(`${sim.url}${location}`, { method: 'DELETE', headers: { Authorization: auth } });
    expect(del.status).toBe(200);
    expect(await del.json()).toEqual({ ok: true });
    expect((await status(location)).status).toBe(404);
    expect((await fetch(`${sim.url}${downloadUrl}`)).status).toBe(404);
    expect((await fetch(`${sim.url}${location}`, { method: 'DELETE', headers: { Authorization: auth } })).status).toBe(404);
  });
});

describe('video export outcomes', () => {
  it('several channels of one appliance make one tiled video at the requested resolution', async () => {
    const ch = sim.estate.channels.find((c) => {
      const cam = cameraByDeviceId(sim.estate, c.camera_device_id);
      if (!cam || cam.appliance_id === '' || !c.recording_enabled) return false;
      return sim.estate.channels.some((o) => o !== c && o.recording_enabled && o.store_uuid === c.store_uuid && cameraByDeviceId(sim.estate, o.camera_device_id)?.appliance_id === cam.appliance_id);
    })!;
    const applianceId = cameraByDeviceId(sim.estate, ch.camera_device_id)!.appliance_id;
    const siblings = sim.estate.channels
      .filter((o) => o.recording_enabled && o.store_uuid === ch.store_uuid && cameraByDeviceId(sim.estate, o.camera_device_id)?.appliance_id === applianceId)
      .slice(0, 3);
    expect(siblings.length).toBeGreaterThan(1);
    const q = siblings.map((s) => `channel=${s.channel_uuid}`).join('&');
    const res = await start(`start=2021-03-17T13:00:00Z&end=2021-03-17T13:00:02Z&${q}&resolution=640x480`);
    expect(res.status).toBe(201);
    const done = await settle(res.headers.get('location')!);
    expect(done.status).toBe(302);
    const file = join(tmp, 'multi.mp4');
    writeFileSync(file, Buffer.from(await (await fetch(`${sim.url}${done.headers.get('location')}`)).arrayBuffer()));
    expect(ffprobe(file)).toMatchObject({ codec: 'h264', width: 640, height: 480 });
  });

  it('424 with a reason: a range that has not been recorded yet, or a channel that does not record', async () => {
    const future = await start(`start=2021-03-18T11:59:00Z&end=2021-03-18T12:01:00Z&channel=${DOC_CHANNEL.export_channel}`);
    expect(future.status).toBe(201);
    const failed = await settle(future.headers.get('location')!);
    expect(failed.status).toBe(424);
    expect(await failed.json()).toEqual({ ok: false, error: expect.stringMatching(/future/) });

    const notRecording = sim.estate.channels.find((c) => !c.recording_enabled);
    if (notRecording) {
      const r = await start(`start=2021-03-17T13:00:00Z&end=2021-03-17T13:00:02Z&channel=${notRecording.channel_uuid}`);
      const f = await settle(r.headers.get('location')!);
      expect(f.status).toBe(424);
      expect(((await f.json()) as { error: string }).error).toMatch(/recording is disabled/);
    }
  });

  it('400 for bad parameters, 404 for an unknown channel, 401 without keys', async () => {
    const ch = DOC_CHANNEL.export_channel;
    for (const q of [`start=2021-03-17T13:00:00Z&end=2021-03-17T13:00:02Z`, `channel=${ch}&end=2021-03-17T13:00:02Z`, `channel=${ch}&start=2021-03-17T13:00:05Z&end=2021-03-17T13:00:02Z`, `channel=${ch}&start=yesterday&end=2021-03-17T13:00:02Z`]) {
      const r = await start(q);
      expect(r.status, q).toBe(400);
      expect(((await r.json()) as { ok: boolean }).ok).toBe(false);
    }
    expect((await start(`channel=00000000-0000-1100-0000-000000000000&start=2021-03-17T13:00:00Z&end=2021-03-17T13:00:02Z`)).status).toBe(404);
    const noAuth = await fetch(rn(`/v1/video/export/start?channel=${ch}&start=2021-03-17T13:00:00Z&end=2021-03-17T13:00:02Z`), { method: 'POST' });
    expect(noAuth.status).toBe(401);
  });

  it('a finished export expires: 404 after its time to live', async () => {
    const res = await start(`start=2021-03-17T15:00:00Z&end=2021-03-17T15:00:02Z&channel=${DOC_CHANNEL.export_channel}`);
    const loc = res.headers.get('location')!;
    const done = await settle(loc);
    expect(done.status).toBe(302);
    const saved = clock;
    clock += 25 * 3_600_000;
    try {
      const expired = await status(loc);
      expect(expired.status).toBe(404);
      expect(((await expired.json()) as { error: string }).error).toMatch(/expired/);
      expect((await fetch(`${sim.url}${done.headers.get('location')}`)).status).toBe(404);
    } finally {
      clock = saved;
    }
  });
});
