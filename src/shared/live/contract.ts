import { z } from 'zod';
import { call } from '../contract/define';
import type { LiveSession } from './types';
import { isWallLayout, maxWallCameras, wallLayouts, type WallLayout } from './wall';

const connectionId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Unknown connection id.');
const uuidLike = z.string().trim().min(1).max(128).regex(/^[A-Za-z0-9_.:-]+$/);

/** One camera of a wall, as the renderer keeps it and a saved wall stores it. */
export const wallCameraSchema = z.object({
  connectionId,
  storeUuid: uuidLike,
  storeName: z.string().max(300),
  channelUuid: uuidLike,
  channelName: z.string().max(300),
  applianceId: z.string().max(128),
}).strict();

export const wallLayoutSchema = z.custom<WallLayout>(isWallLayout, `A layout has ${wallLayouts.join(', ')} tiles.`);
export const wallCamerasSchema = z.array(wallCameraSchema).max(maxWallCameras, `A wall holds at most ${maxWallCameras} cameras.`);

export const liveCalls = {
  'live.open': call<LiveSession>()(
    z.object({ connectionId, storeUuid: uuidLike }).strict(),
    "Gets a stream token for a store and returns player URLs for its channels, served through the console's media route.",
  ),
  'live.close': call<{ closed: boolean }>()(z.object({ sessionId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) }).strict(), 'Forgets a live session and its stream token.'),
} as const;
