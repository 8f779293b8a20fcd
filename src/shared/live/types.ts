import type { WallCamera, WallLayout } from './wall';

/** One channel of a live session: its player URL goes through the console's own media route. */
export interface LiveChannel {
  uuid: string;
  name: string;
  applianceId: string;
  /** Same-origin (browser mode) or console-scheme (desktop) URL of the HLS playlist; no API secret in it. */
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
