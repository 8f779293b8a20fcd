import { z } from 'zod';
import { call, event } from '../contract/define';
import type { DayRange } from './defaultRange';
import { scheduleSettingsSchema, type SyncSchedule } from './schedule';
import { syncDatasets, type SyncProgress, type SyncRunView, type SyncStatus } from './types';

const connectionId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Unknown connection id.');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date such as 2026-04-19.');
const maxRangeDays = 731;

export const syncStartInput = z
  .object({
    connectionId,
    /** Default: every dataset the vendor offers. */
    datasets: z.array(z.enum(syncDatasets)).min(1).max(syncDatasets.length).optional(),
    /** KPI range, days included; default the last 7 days up to today. */
    from: day.optional(),
    to: day.optional(),
    /** Fetch past days again even when the cache holds them as final. */
    refetchFinal: z.boolean().default(false),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.from === undefined) !== (v.to === undefined)) ctx.addIssue({ code: 'custom', message: 'Give both the first and the last day, or neither.' });
    if (v.from && v.to) {
      if (v.from > v.to) ctx.addIssue({ code: 'custom', message: 'The first day comes after the last day.' });
      else if ((Date.parse(v.to) - Date.parse(v.from)) / 86_400_000 >= maxRangeDays) ctx.addIssue({ code: 'custom', message: `A sync covers at most ${maxRangeDays} days.` });
    }
  });

export const syncCalls = {
  'sync.start': call<{ runIds: number[] }>()(syncStartInput, 'Starts syncing datasets of a connection into the cache; progress and the end arrive as events.'),
  'sync.cancel': call<{ cancelled: number }>()(
    z.object({ runId: z.number().int().positive().optional(), connectionId: connectionId.optional() }).strict(),
    'Cancels one run, every run of a connection, or every run (no argument). The previous data stays.',
  ),
  'sync.status': call<SyncStatus>()(z.object({ connectionId: connectionId.optional() }).strict(), 'Runs in progress and, per dataset, how old the cached data is.'),
  'sync.runs': call<SyncRunView[]>()(
    z.object({ connectionId: connectionId.optional(), limit: z.number().int().min(1).max(500).default(50) }).strict(),
    'History of sync runs, newest first: when, what, how many rows, what failed.',
  ),
  'sync.all': call<{ runIds: number[]; skipped: string[] }>()(z.object({}).strict(), 'Syncs every dataset of every connection now (what is already running is left to finish and named in `skipped`).'),
  'sync.defaultRange': call<DayRange>()(
    z.object({}).strict(),
    "The KPI days a sync fetches when none are chosen, where the Sync and Reports views start: every cached store's last 7 days by its own calendar, today included (this computer's calendar while no store is cached).",
  ),
  'sync.schedule': call<SyncSchedule>()(z.object({}).strict(), 'Background sync: its settings, whether it waits for the network, and per dataset when it runs next.'),
  'sync.setSchedule': call<SyncSchedule>()(
    z.object({ settings: scheduleSettingsSchema.nullable() }).strict(),
    'Saves the background sync settings (null: back to the defaults) and plans again.',
  ),
  'sync.connectivity': call<SyncSchedule>()(
    z.object({ online: z.boolean() }).strict(),
    "The computer's network went away or came back (the window's online/offline events): background sync pauses or resumes.",
  ),
} as const;

export const syncEvents = {
  'sync.progress': event<SyncProgress>('Progress of a running sync (throttled to a few per second).'),
  'sync.finished': event<SyncRunView>('A sync run ended: ok, failed (with the error in words) or cancelled.'),
  'sync.scheduleChanged': event<SyncSchedule>('Background sync planned again: next runs, paused or resumed, settings saved.'),
} as const;
