import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExportRenderer } from '../../src/simulator/retailnext/video/renderer';
import type { ExportSpec } from '../../src/simulator/retailnext/video/exportRequest';
import type { Channel } from '../../src/simulator/estate/types';

const workDir = mkdtempSync(join(tmpdir(), 'roc-export-renderer-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const channel = { channel_uuid: 'c1', name: 'Entrance', device_id: 'd1', resolution: '640x360', frame_rate: 10 } as Channel;
const spec = (durationSec: number): ExportSpec => ({ channels: [channel], storeUuid: 's1', startMs: 0, endMs: durationSec * 1000, durationSec, width: 320, height: 180, analyticsOverlay: false, infoOverlay: false, raw: false });

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 600 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(check()).toBe(true);
}

describe("the simulator's export renderer (real ffmpeg)", () => {
  it('renders an export once and hands the same file to the same request again', async () => {
    const renderer = new ExportRenderer(join(workDir, 'a'));
    const first = await renderer.render(spec(1));
    expect(first.size).toBeGreaterThan(1000);
    expect(await renderer.render(spec(1))).toEqual(first);
    renderer.close();
  });

  it('its folder removed while ffmpeg writes (the simulator closing): the request fails in words, the process carries on', async () => {
    const dir = join(workDir, 'b');
    const renderer = new ExportRenderer(dir);
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      const job = renderer.render(spec(300)); // some seconds of work for ffmpeg
      // ffmpeg has its output open: removing the folder now leaves it writing to a file without a name.
      await until(() => existsSync(join(dir, 'video-exports')) && readdirSync(join(dir, 'video-exports')).some((f) => f.endsWith('.part')));
      rmSync(dir, { recursive: true, force: true });
      await expect(job).rejects.toThrow(/the rendered export could not be kept: ENOENT/);
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
      renderer.close();
    }
  }, 60_000);
});
