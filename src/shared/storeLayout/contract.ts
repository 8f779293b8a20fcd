import { z } from 'zod';
import { call } from '../contract/define';
import type { StoreFloorplans } from './types';

const storeUuid = z.string().min(1).max(200);

export const storeLayoutCalls = {
  'storeLayout.floorplans': call<StoreFloorplans>()(
    z.object({ storeUuid, refresh: z.boolean().default(false) }).strict(),
    "A store's RetailNext FPA floorplans (zones with outlines in cm, types, areas), from the cache; fetched from RetailNext when not cached yet or when refresh is asked (a failed refresh returns the cached ones with the error).",
  ),
} as const;
