import { z } from 'zod';
import { syncDatasets, type SyncDataset } from './types';

/**
 * When background sync runs a dataset: every N minutes; after each hour closes in the stores' time
 * zones (hourly KPIs); or once a day at a local time of this computer.
 */
export type ScheduleRule = { kind: 'every'; minutes: number } | { kind: 'hourClose' } | { kind: 'daily'; at: string };

export interface DatasetSchedule {
  enabled: boolean;
  rule: ScheduleRule;
}

export interface ScheduleSettings {
  /** Background sync as a whole. */
  enabled: boolean;
  datasets: Record<SyncDataset, DatasetSchedule>;
}

/** Shortest interval a user may set: the vendors' inventory and alert APIs are not meant to be polled faster. */
export const minIntervalMinutes = 5;

export const defaultScheduleSettings: ScheduleSettings = {
  enabled: true,
  datasets: {
    locations: { enabled: true, rule: { kind: 'daily', at: '04:00' } },
    store_hours: { enabled: true, rule: { kind: 'daily', at: '04:15' } },
    inventory: { enabled: true, rule: { kind: 'every', minutes: 15 } },
    health_alerts: { enabled: true, rule: { kind: 'every', minutes: 15 } },
    users: { enabled: true, rule: { kind: 'daily', at: '04:30' } },
    kpis: { enabled: true, rule: { kind: 'hourClose' } },
  },
};

const rule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('every'), minutes: z.number().int().min(minIntervalMinutes, `Sync at most every ${minIntervalMinutes} minutes.`).max(1440, 'Sync at least once a day.') }).strict(),
  z.object({ kind: z.literal('hourClose') }).strict(),
  z.object({ kind: z.literal('daily'), at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time such as 04:00.') }).strict(),
]);

const datasetSchedule = z.object({ enabled: z.boolean(), rule }).strict();

export const scheduleSettingsSchema = z
  .object({
    enabled: z.boolean(),
    datasets: z.object(Object.fromEntries(syncDatasets.map((d) => [d, datasetSchedule])) as Record<SyncDataset, typeof datasetSchedule>).strict(),
  })
  .strict();

export type ScheduleState =
  /** Waits for its time. */
  | 'scheduled'
  /** A run of it is in progress. */
  | 'running'
  /** Background sync is off (as a whole or for this dataset). */
  | 'off'
  /** The vendors cannot be reached: waits for the network. */
  | 'paused';

export interface ScheduledDataset {
  connectionId: string;
  dataset: SyncDataset;
  state: ScheduleState;
  /** When background sync runs it next (ISO); null when off, paused or running. */
  nextRunAt: string | null;
}

export interface SyncSchedule {
  settings: ScheduleSettings;
  /** False where the console was started with background sync off (tests, `--no-background-sync`). */
  available: boolean;
  /** Set while background sync waits for the network: since when, in words. */
  paused: { since: string; reason: string } | null;
  datasets: ScheduledDataset[];
}

/** "every 15 minutes", "after each hour closes", "daily at 04:00". */
export function describeRule(r: ScheduleRule): string {
  if (r.kind === 'every') return r.minutes % 60 === 0 ? `every ${r.minutes / 60 === 1 ? 'hour' : `${r.minutes / 60} hours`}` : `every ${r.minutes} minutes`;
  if (r.kind === 'hourClose') return 'after each hour closes';
  return `daily at ${r.at}`;
}
