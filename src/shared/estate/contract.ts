import { z } from 'zod';
import { call } from '../contract/define';
import type { StorePanel, StoreTree, VendorLink } from './types';

const connectionId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Unknown connection id.');

export const estateCalls = {
  'estate.tree': call<StoreTree>()(
    z.object({ part: z.enum(['top', 'full']).default('full') }).strict(),
    'The store tree across vendors from the cache (regions > stores > sublocations, Flow codes and Exteros locations placed under stores, an Unplaced node), with counts per node. part "top": only regions and stores with device and open-alert counts (fast, for the first screen; partial: true).',
  ),
  'estate.store': call<StorePanel>()(z.object({ storeUuid: z.string().min(1).max(200) }).strict(), 'A store panel from the cache: time zone, hours today, area, occupancy, devices, alerts, last update per vendor.'),
  'estate.links': call<VendorLink[]>()(z.object({}).strict(), 'Where every Flow store code and Exteros location is placed (automatically, by the user, or not), with the reason in words.'),
  'estate.link': call<{ saved: true }>()(
    z.object({ connectionId, key: z.string().min(1).max(200), storeUuid: z.string().min(1).max(200).nullable(), auto: z.boolean().default(false) }).strict(),
    'Places a Flow store code or an Exteros location under a RetailNext store (storeUuid), leaves it unplaced (null), or returns it to automatic matching (auto: true).',
  ),
} as const;
