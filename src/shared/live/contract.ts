import { z } from 'zod';
import { call } from '../contract/define';
import type { LiveSession, SavedWall } from './types';
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

/** A wall's name as the user types it: trimmed, one line, something to read. */
export const wallNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the wall a name.')
  .max(80, 'A wall name has at most 80 characters.')
  .regex(/^[^\p{Cc}]+$/u, 'A wall name is one line of text.');

export const liveCalls = {
  'live.open': call<LiveSession>()(
    z.object({ connectionId, storeUuid: uuidLike }).strict(),
    "Gets a stream token for a store and returns player addresses for its channels (below the media path); the player asks the core for their playlists and segments over the window's own channel to it, never through the shell.",
  ),
  'live.close': call<{ closed: boolean }>()(z.object({ sessionId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) }).strict(), 'Forgets a live session and its stream token.'),
  'live.walls.list': call<SavedWall[]>()(z.object({}).strict(), 'The live walls saved under a name, by name: their cameras (ids and names) and layout.'),
  'live.walls.save': call<SavedWall>()(
    z.object({ name: wallNameSchema, layout: wallLayoutSchema, cameras: wallCamerasSchema, replace: z.boolean().default(false) }).strict(),
    'Saves the wall under a name (unique whatever its case); a name already saved is refused unless replace is true.',
  ),
  'live.walls.delete': call<{ deleted: boolean }>()(z.object({ name: wallNameSchema }).strict(), 'Deletes a saved wall by name.'),
} as const;
