/**
 * Where the desktop window opens: the size, position and maximised state it had when it was last
 * closed, put back on a display that is still there. Pure (the shell reads the displays and the
 * saved file and hands them in), so every case is tested without Electron.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowPlace {
  bounds: Rect;
  maximized: boolean;
}

export interface WindowSizes {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
}

/** What a window is opened with: a position only when one is known to be on a display (else centred). */
export interface WindowOpening {
  bounds: { width: number; height: number; x?: number; y?: number };
  maximized: boolean;
}

export const windowPlaceVersion = 1;

/** Past any real screen (16K is 15360 wide): a stored value beyond it is not a window's. */
const maxCoordinate = 100_000;

const isInt = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;

/** The saved place, or null when what was read is not one (a hand-edited or cut-short file). */
export function readWindowPlace(raw: unknown): WindowPlace | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as { version?: unknown; bounds?: unknown; maximized?: unknown };
  if (r.version !== windowPlaceVersion || typeof r.bounds !== 'object' || r.bounds === null) return null;
  const b = r.bounds as Record<string, unknown>;
  if (!isInt(b.x, -maxCoordinate, maxCoordinate) || !isInt(b.y, -maxCoordinate, maxCoordinate) || !isInt(b.width, 1, maxCoordinate) || !isInt(b.height, 1, maxCoordinate)) return null;
  return { bounds: { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) }, maximized: r.maximized === true };
}

/** What the shell writes (with its version, for a later change of shape). */
export function windowPlaceRecord(place: WindowPlace): { version: number; bounds: Rect; maximized: boolean } {
  return { version: windowPlaceVersion, bounds: place.bounds, maximized: place.maximized };
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function distanceToCentre(r: Rect, d: Rect): number {
  const cx = r.x + r.width / 2 - (d.x + d.width / 2);
  const cy = r.y + r.height / 2 - (d.y + d.height / 2);
  return cx * cx + cy * cy;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), Math.max(lo, hi));

/**
 * Where to open: the saved bounds on the display they overlap most (else the nearest one: a display
 * unplugged since), shrunk to its work area when larger and moved wholly inside it; no saved place
 * (first start, unreadable file): the default size, no larger than the primary work area, centred.
 * `workAreas`: each display's work area (without task bars); the first is the primary one.
 */
export function placeWindow(saved: WindowPlace | null, workAreas: readonly Rect[], sizes: WindowSizes): WindowOpening {
  const primary = workAreas[0];
  if (!saved || !primary) {
    const area = primary ?? { x: 0, y: 0, width: sizes.width, height: sizes.height };
    return { bounds: { width: Math.min(sizes.width, area.width), height: Math.min(sizes.height, area.height) }, maximized: saved?.maximized ?? false };
  }
  let target = primary;
  let best = -1;
  for (const area of workAreas) {
    const o = overlap(saved.bounds, area);
    if (o > best || (o === best && o === 0 && distanceToCentre(saved.bounds, area) < distanceToCentre(saved.bounds, target))) {
      best = o;
      target = area;
    }
  }
  const width = clamp(saved.bounds.width, Math.min(sizes.minWidth, target.width), target.width);
  const height = clamp(saved.bounds.height, Math.min(sizes.minHeight, target.height), target.height);
  const x = clamp(saved.bounds.x, target.x, target.x + target.width - width);
  const y = clamp(saved.bounds.y, target.y, target.y + target.height - height);
  return { bounds: { x, y, width, height }, maximized: saved.maximized };
}
