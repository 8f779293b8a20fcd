import { z } from 'zod';
import { call, event } from '../contract/define';
import type { AlertBadge, AlertList, NewAlertsEvent } from './types';

const words = z.array(z.string().max(200)).max(10_000);

export const alertFilter = z
  .object({
    severity: words.optional(),
    types: words.optional(),
    storeUuids: words.optional(),
    status: z.enum(['open', 'resolved', 'all']).default('all'),
    from: z.number().int().optional(),
    to: z.number().int().optional(),
    search: z.string().max(500).optional(),
  })
  .strict();

export const alertCalls = {
  'alerts.list': call<AlertList>()(alertFilter, 'Cached RetailNext health alerts matching the filter (severity, type, store, open or resolved, creation time range), newest first, each with its device record when known.'),
  'alerts.markSeen': call<{ seen: number }>()(z.object({}).strict(), 'Marks the new alerts as seen (clears the badge).'),
  'alerts.acknowledge': call<{ acknowledgedAt: string | null }>()(
    z.object({ connectionId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Unknown connection id.'), uuid: z.string().min(1).max(200), acknowledged: z.boolean() }).strict(),
    "Acknowledges one alert in this console (or takes the acknowledgement back). RetailNext's API documents no acknowledgement, so nothing is sent to the vendor: it is recorded in the local cache only.",
  ),
  'alerts.badge': call<AlertBadge>()(z.object({}).strict(), 'How many alerts are new since they were last looked at, how many are open, and how many of those are critical.'),
} as const;

export const alertEvents = {
  'alerts.new': event<NewAlertsEvent>('A sync brought health alerts not seen before (a desktop notification is shown by the shell that can).'),
} as const;
