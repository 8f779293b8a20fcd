import { z } from 'zod';
import { call } from '../contract/define';
import type { LiveSession } from './types';

const connectionId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Unknown connection id.');

export const liveCalls = {
  'live.open': call<LiveSession>()(
    z.object({ connectionId, storeUuid: z.string().trim().min(1).max(128).regex(/^[A-Za-z0-9_.:-]+$/) }).strict(),
    "Gets a stream token for a store and returns player URLs for its channels, served through the console's media route.",
  ),
  'live.close': call<{ closed: boolean }>()(z.object({ sessionId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) }).strict(), 'Forgets a live session and its stream token.'),
} as const;
