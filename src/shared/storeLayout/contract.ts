import { z } from 'zod';
import { call } from '../contract/define';
import type { StoreFloorplans, ZoneMetrics, ZoneTransitions } from './types';

const storeUuid = z.string().min(1).max(200);
const floorplanId = z.string().min(1).max(200);
/** At most a year: the vendor's own cap for zone transitions, and what a plan's colours can still say. */
export const maxRangeDays = 366;
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date such as 2026-04-19.')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d, 'That date does not exist.');
const rangeShape = { storeUuid, floorplanId, from: day, to: day, refresh: z.boolean().default(false) };
/** The range's own rules: in order, and at most `maxRangeDays` long. */
function checkRange(q: { from: string; to: string }, ctx: z.RefinementCtx): void {
  if (q.from > q.to) ctx.addIssue({ code: 'custom', message: 'The first day comes after the last day.', path: ['to'] });
  else if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 + 1 > maxRangeDays) ctx.addIssue({ code: 'custom', message: `Choose at most ${maxRangeDays} days.`, path: ['to'] });
}

export const storeLayoutCalls = {
  'storeLayout.floorplans': call<StoreFloorplans>()(
    z.object({ storeUuid, refresh: z.boolean().default(false) }).strict(),
    "A store's RetailNext FPA floorplans (zones with outlines in cm, types, areas), from the cache; fetched from RetailNext when not cached yet or when refresh is asked (a failed refresh returns the cached ones with the error).",
  ),
  'storeLayout.zoneMetrics': call<ZoneMetrics>()(
    z.object(rangeShape).strict().superRefine(checkRange),
    "A floor's zone measures over days [from, to] in the store's zone, store hours (RetailNext datamine on each zone's location: traffic_in, dwells, average_dwell_time), from the cache; fetched when not cached or on refresh (a failed refresh returns the cached ones with the error).",
  ),
  'storeLayout.transitions': call<ZoneTransitions>()(
    z
      .object({
        ...rangeShape,
        metric: z.enum(['all', 'employee', 'customer']).default('all'),
        transitions: z.enum(['direct_only', 'direct_and_indirect', 'directionless']).default('direct_only'),
        dwells: z.enum(['dwells_only', 'non_dwells', 'all_traffic']).default('dwells_only'),
      })
      .strict()
      .superRefine(checkRange),
    "A floor's zone-to-zone transitions over days [from, to] with the document's options (RetailNext /v1/zone_transitions, store hours), from the cache; fetched when not cached or on refresh. Zones the answer names that are not on the floorplan are listed with a note.",
  ),
} as const;
