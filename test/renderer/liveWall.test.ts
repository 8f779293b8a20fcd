import { describe, expect, it } from 'vitest';
import { addToWall, clampPage, maxWallCameras, pageCount, pageOf, tileNames, type WallCamera } from '../../src/shared/live/wall';
import { restoreWall } from '../../src/renderer/src/features/live/restore';

const cam = (store: string, name: string, i: number, connectionId = 'c1'): WallCamera => ({
  connectionId,
  storeUuid: `store-${store}`,
  storeName: store,
  channelUuid: `ch-${store}-${i}`,
  channelName: name,
  applianceId: 'ap-1',
});
const storeOf = (store: string, n: number) => Array.from({ length: n }, (_, i) => cam(store, `Camera ${i + 1}`, i));

describe('live wall: pages', () => {
  it('11 cameras on a 3x3 grid make 2 pages: 9 then 2; the page shown stays inside the wall', () => {
    const wall = storeOf('Plaza', 11);
    expect(pageCount(11, 9)).toBe(2);
    expect(pageOf(wall, 9, 0)).toHaveLength(9);
    expect(pageOf(wall, 9, 1).map((c) => c.channelName)).toEqual(['Camera 10', 'Camera 11']);
    expect(pageOf(wall, 9, 7)).toHaveLength(2); // past the end: the last page
    expect(clampPage(-3, 11, 9)).toBe(0);
    expect(pageCount(0, 16)).toBe(1);
  });

  it('adding a store to a full grid puts its cameras on the next page and says so, with what to do', () => {
    const full = addToWall([], storeOf('Plaza', 9), 9, 0, 'Plaza');
    expect(full).toMatchObject({ added: 9, notice: null, page: 0 });
    const more = addToWall(full.cameras, storeOf('Harbour', 2), 9, 0, 'Harbour');
    expect(more.added).toBe(2);
    expect(more.cameras).toHaveLength(11);
    expect(more.notice).toBe('The grid is full (9 of 9 tiles), so 2 cameras of Harbour went to page 2 of 2: go to the next page, or choose the 4x4 (16 cameras) layout to see them all at once.');
  });

  it('a store that only partly fits fills this page and says where the rest went', () => {
    const r = addToWall([], storeOf('Plaza', 11), 4, 0, 'Plaza');
    expect(r.cameras).toHaveLength(11);
    expect(r.notice).toBe('This page is now full: 7 cameras of Plaza went to pages 2–3 of 3: go to the next page, or choose the 4x4 (16 cameras) layout to see them all at once.');
  });

  it('adds nothing twice and says why; past the limit adds nothing and says why', () => {
    const wall = storeOf('Plaza', 3);
    const again = addToWall(wall, wall, 4, 0, 'Plaza');
    expect(again).toMatchObject({ added: 0, refused: true });
    expect(again.notice).toBe('Nothing added: all 3 cameras of Plaza are already on the wall.');
    const one = addToWall(wall, [wall[1]!], 1, 0, 'Plaza · Camera 2');
    expect(one.notice).toBe('Nothing added: Plaza · Camera 2 is already on the wall (page 2 of 3).');
    expect(one.page).toBe(1); // shows where it is
    const big = storeOf('Big', maxWallCameras - 1);
    const over = addToWall(big, storeOf('Plaza', 2), 16, 0, 'Plaza');
    expect(over).toMatchObject({ added: 0, refused: true });
    expect(over.cameras).toHaveLength(maxWallCameras - 1);
    expect(over.notice).toMatch(/^Nothing added: a wall holds at most 64 cameras; it has 63 and Plaza's 2 new cameras would make 65\. Remove some cameras/);
    expect(addToWall(wall, [], 4, 0, 'Empty Store').notice).toBe('Nothing added: Empty Store has no cameras with video.');
  });
});

describe('live wall: tile names', () => {
  it('every tile says its store; two cameras of one store with one name are numbered; the tooltip has the rest', () => {
    const wall = [cam('Caspar City Plaza', 'Aisle', 1), cam('Caspar City Plaza', 'Aisle', 2), cam('Harbour', 'Aisle', 3), cam('Harbour', '  ', 4)];
    const names = [...tileNames(wall).values()];
    expect(names.map((n) => n.name)).toEqual(['Caspar City Plaza · Aisle (1)', 'Caspar City Plaza · Aisle (2)', 'Harbour · Aisle', 'Harbour · Channel ch-Harbo']);
    expect(new Set(names.map((n) => n.name)).size).toBe(4);
    expect(names[0]!.full).toBe('Caspar City Plaza · Aisle (1)\nChannel ch-Caspar City Plaza-1, appliance ap-1');
  });
});

describe('live wall: kept in storage', () => {
  it('restores a stored wall and ignores what does not read as one', () => {
    const cameras = storeOf('Plaza', 5);
    expect(restoreWall({ cameras, layout: 4, page: 1, exportMinutes: 7, wallName: 'Front' })).toEqual({ cameras, layout: 4, page: 1, exportMinutes: 7, wallName: 'Front' });
    expect(restoreWall({ cameras, layout: 5, page: 9, exportMinutes: 'x' })).toEqual({ cameras, layout: 4, page: 1, exportMinutes: 5, wallName: null });
    expect(restoreWall({ cameras: [{ connectionId: 'c1' }], layout: 4 })).toEqual({});
    expect(restoreWall('garbage')).toEqual({});
    expect(restoreWall(null)).toEqual({});
    expect(restoreWall({ cameras: [{ ...cameras[0], connectionId: '../etc' }] })).toEqual({});
  });
});
