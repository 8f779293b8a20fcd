import type { WallCamera, WallLayout } from './wall';

/** One channel of a live session: the player asks the core for its playlist over the window's own link (features/live/coreLoader.ts). */
export interface LiveChannel {
  uuid: string;
  name: string;
  applianceId: string;
  /** The HLS playlist's address below the page's media path ("/media/live/..."), which the loader asks the core for; no API secret in it. */
  url: string;
}

export interface LiveSession {
  sessionId: string;
  connectionId: string;
  storeUuid: string;
  storeName: string;
  timeZone: string;
  channels: LiveChannel[];
  openedAt: string;
}

export const tileStates = ['connecting', 'playing', 'buffering', 'stalled', 'auth failed', 'offline', 'paused'] as const;
export type TileState = (typeof tileStates)[number];

/** A wall saved under a name (in the core's SQLite file). */
export interface SavedWall {
  name: string;
  layout: WallLayout;
  cameras: WallCamera[];
  /** When it was last saved (ISO). */
  savedAt: string;
}
