import { z } from 'zod';
import { call, event } from '../contract/define';
import type { AlertList, NewAlertsEvent } from './types';

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
  'alerts.acknowledge': call<{ acknowledged: number }>()(z.object({}).strict(), 'Marks the new alerts as seen (clears the badge).'),
  'alerts.badge': call<{ newCount: number; open: number }>()(z.object({}).strict(), 'How many alerts are new since they were last looked at, and how many are open.'),
} as const;

export const alertEvents = {
  'alerts.new': event<NewAlertsEvent>('A sync brought health alerts not seen before (a desktop notification is shown by the shell that can).'),
} as const;
