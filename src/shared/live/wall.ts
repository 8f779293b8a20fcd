/**
 * The live wall as the user builds it: an ordered list of cameras shown a page at a time in the
 * chosen layout. Pure: the renderer's store, its tests and the saved walls in the core share it.
 */

/** One camera (a RetailNext video channel) on the wall, with the names it had when it was added. */
export interface WallCamera {
  connectionId: string;
  storeUuid: string;
  storeName: string;
  channelUuid: string;
  channelName: string;
  applianceId: string;
}

/** Tiles per page: 1, 2x2, 3x3, 4x4. */
export const wallLayouts = [1, 4, 9, 16] as const;
export type WallLayout = (typeof wallLayouts)[number];
export const layoutLabel = (l: WallLayout): string => (l === 1 ? '1 camera' : `${Math.sqrt(l)}x${Math.sqrt(l)} (${l} cameras)`);
export const isWallLayout = (n: unknown): n is WallLayout => wallLayouts.includes(n as WallLayout);

/** A wall holds at most this many cameras (4 pages of 4x4): past it, adding says so and adds nothing. */
export const maxWallCameras = 64;

export const cameraKey = (c: Pick<WallCamera, 'connectionId' | 'channelUuid'>): string => `${c.connectionId}|${c.channelUuid}`;
export const storeKey = (c: Pick<WallCamera, 'connectionId' | 'storeUuid'>): string => `${c.connectionId}|${c.storeUuid}`;

export function pageCount(cameras: number, layout: WallLayout): number {
  return Math.max(1, Math.ceil(cameras / layout));
}

/** The page shown, kept inside the wall (0-based). */
export function clampPage(page: number, cameras: number, layout: WallLayout): number {
  return Math.min(Math.max(0, Math.floor(page) || 0), pageCount(cameras, layout) - 1);
}

export function pageOf<T>(cameras: readonly T[], layout: WallLayout, page: number): T[] {
  const p = clampPage(page, cameras.length, layout);
  return cameras.slice(p * layout, (p + 1) * layout);
}

/** Where a camera is on the wall (0-based page), or -1. */
export function pageOfCamera(cameras: readonly WallCamera[], key: string, layout: WallLayout): number {
  const i = cameras.findIndex((c) => cameraKey(c) === key);
  return i < 0 ? -1 : Math.floor(i / layout);
}

export interface TileName {
  /** The camera alone, numbered among its store's cameras of the same name. */
  camera: string;
  /** "Store · Camera"; cameras of one store with the same name are numbered: "Aisle (1)", "Aisle (2)". */
  name: string;
  /** Everything that tells it apart, for the tooltip. */
  full: string;
}

/** Names for every camera of the wall, keyed by cameraKey. */
export function tileNames(cameras: readonly WallCamera[]): Map<string, TileName> {
  const byStoreAndName = new Map<string, WallCamera[]>();
  for (const c of cameras) {
    const k = `${storeKey(c)}|${cameraLabel(c).toLowerCase()}`;
    byStoreAndName.set(k, [...(byStoreAndName.get(k) ?? []), c]);
  }
  const out = new Map<string, TileName>();
  for (const group of byStoreAndName.values()) {
    group.forEach((c, i) => {
      const camera = group.length > 1 ? `${cameraLabel(c)} (${i + 1})` : cameraLabel(c);
      const store = c.storeName.trim() || 'Unnamed store';
      out.set(cameraKey(c), {
        camera,
        name: `${store} · ${camera}`,
        full: `${store} · ${camera}\nChannel ${c.channelUuid}${c.applianceId ? `, appliance ${c.applianceId}` : ''}`,
      });
    });
  }
  return out;
}

const cameraLabel = (c: WallCamera): string => c.channelName.trim() || `Channel ${c.channelUuid.slice(0, 8)}`;

export interface AddResult {
  cameras: WallCamera[];
  /** Page to show afterwards (0-based). */
  page: number;
  added: number;
  /** What happened, in words, when the user has something to learn or do (null: plainly added on this page). */
  notice: string | null;
  /** Nothing was added although the user asked: the notice says why. */
  refused: boolean;
}

/**
 * Adds cameras (a store's, or one) at the end of the wall. A full page does not stop it: the cameras
 * go to the next pages and the notice says where and what to do (next page, bigger layout). Cameras
 * already on the wall are not added twice; past maxWallCameras nothing is added and the notice says why.
 */
export function addToWall(wall: readonly WallCamera[], add: readonly WallCamera[], layout: WallLayout, page: number, what: string): AddResult {
  const current = clampPage(page, wall.length, layout);
  const have = new Set(wall.map(cameraKey));
  const fresh: WallCamera[] = [];
  for (const c of add) {
    if (have.has(cameraKey(c))) continue;
    have.add(cameraKey(c));
    fresh.push(c);
  }
  const same = { cameras: [...wall], page: current, added: 0, refused: true };
  if (add.length === 0) return { ...same, notice: `Nothing added: ${what} has no cameras with video.` };
  if (fresh.length === 0) {
    const where = pageOfCamera(wall, cameraKey(add[0]!), layout);
    const pages = pageCount(wall.length, layout);
    return { ...same, page: where, notice: `Nothing added: ${add.length === 1 ? `${what} is` : `all ${add.length} cameras of ${what} are`} already on the wall${pages > 1 ? ` (page ${where + 1} of ${pages})` : ''}.` };
  }
  if (wall.length + fresh.length > maxWallCameras) {
    return {
      ...same,
      notice: `Nothing added: a wall holds at most ${maxWallCameras} cameras; it has ${wall.length} and ${add.length === 1 ? what : `${what}'s ${fresh.length} new cameras`} would make ${wall.length + fresh.length}. Remove some cameras, or save this wall and clear it to start another.`,
    };
  }
  const cameras = [...wall, ...fresh];
  const pages = pageCount(cameras.length, layout);
  const lastPage = Math.floor((cameras.length - 1) / layout);
  if (lastPage === current) return { cameras, page: current, added: fresh.length, refused: false, notice: null };
  const onCurrent = Math.max(0, Math.min(fresh.length, (current + 1) * layout - wall.length));
  const later = fresh.length - onCurrent;
  const from = Math.floor((wall.length + onCurrent) / layout);
  const onPages = from === lastPage ? `page ${lastPage + 1}` : `pages ${from + 1}–${lastPage + 1}`;
  const phrase = (n: number) => (add.length === 1 ? what : `${n} camera${n === 1 ? '' : 's'} of ${what}`);
  const bigger = wallLayouts.find((l) => l >= cameras.length && l > layout);
  const hint = bigger ? `go to the next page, or choose the ${layoutLabel(bigger)} layout to see them all at once` : 'go to the next page to see them';
  const notice =
    onCurrent === 0
      ? `The grid is full (${layout} of ${layout} tiles), so ${phrase(later)} went to ${onPages} of ${pages}: ${hint}.`
      : `This page is now full: ${phrase(later)} went to ${onPages} of ${pages}: ${hint}.`;
  return { cameras, page: current, added: fresh.length, refused: false, notice };
}
