import { wallCamerasSchema, wallLayoutSchema } from '../../../../shared/live/contract';
import { clampPage, type WallCamera, type WallLayout } from '../../../../shared/live/wall';

/** What the live wall keeps in storage (ids and names: no secret, no stream token). */
export interface StoredWall {
  cameras: WallCamera[];
  layout: WallLayout;
  page: number;
  exportMinutes: number;
  /** The saved wall it was opened from or saved as. */
  wallName: string | null;
}

/** What was stored, if it still reads as a wall; anything else is ignored (the wall starts empty). */
export function restoreWall(stored: unknown): Partial<StoredWall> {
  if (typeof stored !== 'object' || stored === null) return {};
  const o = stored as Record<string, unknown>;
  const cameras = wallCamerasSchema.safeParse(o.cameras);
  const layout = wallLayoutSchema.safeParse(o.layout);
  if (!cameras.success) return {};
  const l = layout.success ? layout.data : 4;
  const minutes = typeof o.exportMinutes === 'number' && Number.isFinite(o.exportMinutes) ? Math.min(60, Math.max(1, Math.round(o.exportMinutes))) : 5;
  const wallName = typeof o.wallName === 'string' && o.wallName.length <= 80 ? o.wallName : null;
  return { cameras: cameras.data, layout: l, page: clampPage(typeof o.page === 'number' ? o.page : 0, cameras.data.length, l), exportMinutes: minutes, wallName };
}
