import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClipMedia, parseRange } from '../../src/main/exports/clipMedia';
import { tempDir } from './rig';

async function bytesOf(body: ReadableStream<Uint8Array> | Uint8Array | null): Promise<Buffer> {
  if (body === null) return Buffer.alloc(0);
  if (body instanceof Uint8Array) return Buffer.from(body);
  return Buffer.from(await new Response(body).arrayBuffer());
}

describe('HTTP Range for a clip preview', () => {
  it('reads one range of the three forms; past the end is unsatisfiable; anything else is the whole file', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual([0, 99]);
    expect(parseRange('bytes=900-', 1000)).toEqual([900, 999]);
    expect(parseRange('bytes=-100', 1000)).toEqual([900, 999]);
    expect(parseRange('bytes=990-2000', 1000)).toEqual([990, 999]);
    expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 1000)).toBe('unsatisfiable');
    for (const whole of [null, '', 'bytes=0-1,5-6', 'items=0-1', 'bytes=5-2', 'bytes=-']) expect(parseRange(whole, 1000)).toBeNull();
  });

  it('serves a registered file whole and by range, with its type; nothing without the token', async () => {
    const folder = tempDir('roc-clip-');
    const file = path.join(folder, 'Store - Door - 2026-04-19 10.00.00.mp4');
    const data = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
    fs.writeFileSync(file, data);
    const clips = new ClipMedia();
    expect(clips.register(file)).toBeNull(); // no media route yet
    clips.expose('/media');
    const url = clips.register(file)!;
    expect(url).toMatch(/^\/media\/clips\/[A-Za-z0-9_-]{24}\/clip\.mp4$/);
    const p = url.slice('/media'.length);

    const whole = await clips.handle({ path: p, method: 'GET' });
    expect(whole.status).toBe(200);
    expect(whole.headers).toMatchObject({ 'Content-Type': 'video/mp4', 'Accept-Ranges': 'bytes', 'Content-Length': '5000' });
    expect(Buffer.compare(await bytesOf(whole.body), data)).toBe(0);

    const part = await clips.handle({ path: p, method: 'GET', range: 'bytes=4000-' });
    expect(part.status).toBe(206);
    expect(part.headers).toMatchObject({ 'Content-Range': 'bytes 4000-4999/5000', 'Content-Length': '1000' });
    expect(Buffer.compare(await bytesOf(part.body), data.subarray(4000))).toBe(0);

    expect((await clips.handle({ path: p, method: 'GET', range: 'bytes=6000-' })).status).toBe(416);
    expect((await clips.handle({ path: p, method: 'HEAD' })).body).toBeNull();
    expect((await clips.handle({ path: p, method: 'POST' })).status).toBe(405);
    expect((await clips.handle({ path: '/clips/AAAAAAAAAAAAAAAAAAAAAAAA/clip.mp4', method: 'GET' })).status).toBe(404);
    expect((await clips.handle({ path: '/clips/../../etc/passwd', method: 'GET' })).status).toBe(404);
    fs.rmSync(file);
    const gone = await clips.handle({ path: p, method: 'GET' });
    expect(gone.status).toBe(404);
    expect((await bytesOf(gone.body)).toString()).toMatch(/not there any more/);
  });
});
