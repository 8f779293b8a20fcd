import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SavedWall } from '../../src/shared/live/types';
import type { WallCamera } from '../../src/shared/live/wall';
import { callOk, startTestCore } from '../support/core';
import { tempDir } from '../support/temp';

const cam = (i: number, store = 'Caspar City Plaza'): WallCamera => ({
  connectionId: 'rn-1',
  storeUuid: `store-${store.length}`,
  storeName: store,
  channelUuid: `11111111-2222-3333-4444-${String(i).padStart(12, '0')}`,
  channelName: `Aisle ${i}`,
  applianceId: 'ap-1',
});

describe('saved live walls', () => {
  it('saves a wall under a name, lists it, refuses a taken name (any case) unless replacing, deletes it; kept across a restart', async () => {
    const dataDir = tempDir('roc-walls-');
    const core = startTestCore({ dataDir });
    const saved = await callOk<SavedWall>(core, 'live.walls.save', { name: '  Front of store ', layout: 9, cameras: [cam(1), cam(2)] });
    expect(saved).toMatchObject({ name: 'Front of store', layout: 9, cameras: [cam(1), cam(2)] });
    expect(saved.savedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    await callOk(core, 'live.walls.save', { name: 'Back office', layout: 1, cameras: [cam(3)] });

    const taken = await core.invoke('live.walls.save', { name: 'FRONT OF STORE', layout: 4, cameras: [cam(4)] });
    expect(taken).toEqual({ ok: false, error: { code: 'conflict', message: 'A wall named "Front of store" is already saved. Choose another name, or replace it.' } });
    const replaced = await callOk<SavedWall>(core, 'live.walls.save', { name: 'Front of Store', layout: 4, cameras: [cam(4)], replace: true });
    expect(replaced).toMatchObject({ name: 'Front of Store', layout: 4, cameras: [cam(4)] });

    const list = await callOk<SavedWall[]>(core, 'live.walls.list', {});
    expect(list.map((w) => [w.name, w.layout, w.cameras.length])).toEqual([['Back office', 1, 1], ['Front of Store', 4, 1]]);
    await core.close();

    // a restart: same data folder, same walls
    const again = startTestCore({ dataDir });
    expect((await callOk<SavedWall[]>(again, 'live.walls.list', {})).map((w) => w.name)).toEqual(['Back office', 'Front of Store']);
    expect(await callOk(again, 'live.walls.delete', { name: 'back office' })).toEqual({ deleted: true });
    expect(await callOk(again, 'live.walls.delete', { name: 'back office' })).toEqual({ deleted: false });
    expect((await callOk<SavedWall[]>(again, 'live.walls.list', {})).map((w) => w.name)).toEqual(['Front of Store']);
  });

  it('bad input gets a plain-words error and nothing is saved', async () => {
    const core = startTestCore();
    const cases: Array<[unknown, RegExp]> = [
      [{ name: '   ', layout: 4, cameras: [cam(1)] }, /Give the wall a name/],
      [{ name: 'x'.repeat(81), layout: 4, cameras: [cam(1)] }, /at most 80 characters/],
      [{ name: 'two\nlines', layout: 4, cameras: [cam(1)] }, /one line of text/],
      [{ name: 'Odd', layout: 6, cameras: [cam(1)] }, /layout has 1, 4, 9, 16 tiles/],
      [{ name: 'Empty', layout: 4, cameras: [] }, /no cameras: add some before saving/],
      [{ name: 'Huge', layout: 16, cameras: Array.from({ length: 65 }, (_, i) => cam(i)) }, /at most 64 cameras/],
      [{ name: 'Bad id', layout: 4, cameras: [{ ...cam(1), connectionId: '../x' }] }, /Unknown connection id/],
    ];
    for (const [input, message] of cases) {
      const res = await core.invoke('live.walls.save', input);
      expect(res.ok).toBe(false);
      if (!res.ok) expect(`${res.error.message} ${res.error.detail ?? ''}`).toMatch(message);
    }
    expect(await callOk(core, 'live.walls.list', {})).toEqual([]);
  });

  it('a saved row that no longer reads as a wall is left out of the list, not thrown at it', async () => {
    const dataDir = tempDir('roc-walls-');
    const core = startTestCore({ dataDir });
    await callOk(core, 'live.walls.save', { name: 'Good', layout: 4, cameras: [cam(1)] });
    await core.close();
    const file = fs.readdirSync(dataDir).find((f) => f.endsWith('.sqlite') || f.endsWith('.db'));
    const db = new Database(path.join(dataDir, file!));
    db.prepare("INSERT INTO live_walls (name, layout, cameras, created_at, updated_at) VALUES ('Broken', 4, '{not json', 'x', 'x')").run();
    db.close();
    const again = startTestCore({ dataDir });
    expect((await callOk<SavedWall[]>(again, 'live.walls.list', {})).map((w) => w.name)).toEqual(['Good']);
  });
});
