import { z } from 'zod';
import { call, event } from '../contract/define';
import { accessSettingsSchema, type AccessReport, type AccessSettings } from './access';
import { locationFieldIds, sublocationTypes, type LocationFieldId, type LocationKind } from './fields';
import { changeKinds, changeStatuses, type BulkProgress, type BulkSummary, type ChangeView, type PlanRow, type WritePreview } from './types';
import type { UsersList } from './users';

type CsvDelivery = { saved: boolean; path: string | null; fileName: string; csv: string | null; rows: number };

const connectionId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Unknown connection id.');
const uuid = z.string().trim().min(1, 'A location UUID is required.').max(64);
const bulkId = z.number().int().positive();
const fieldValue = z.union([z.string().max(300), z.number().finite(), z.boolean()]);
/** Rows per draft call: a 50,000-row file arrives in 25 calls well under the input limit. */
export const draftRowsPerCall = 2_000;

export const bulkRowInput = z
  .object({
    row: z.number().int().positive().nullable(),
    uuid: z.string().max(200),
    values: z.partialRecord(z.enum(locationFieldIds), fieldValue),
    /** What the file reader already found wrong with the row (sent as is: it is never sent to RetailNext). */
    problem: z.string().max(2000).nullable(),
  })
  .strict();
export type BulkRowInput = z.input<typeof bulkRowInput>;

const draftInput = z
  .object({
    /** Append to this draft (a large file arrives in parts); absent = a new draft. */
    bulkId: bulkId.optional(),
    connectionId: connectionId.optional(),
    source: z.enum(['csv', 'selection', 'edit']),
    label: z.string().trim().min(1).max(200),
    fields: z.array(z.enum(locationFieldIds)).min(1).max(locationFieldIds.length),
    rows: z.array(bulkRowInput).max(draftRowsPerCall),
  })
  .strict();

const local = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Use a time such as 2026-12-04T14:30.');

export const writeInput = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('location.create'),
      parentUuid: uuid,
      name: z.string().trim().min(1, 'Give the location a name.').max(255),
      locationType: z.enum([...sublocationTypes, 'region']),
      area: z.number().finite().min(0).max(1e9).nullable().default(null),
      aggregateToParent: z.boolean().nullable().default(null),
      aggregateToStore: z.boolean().nullable().default(null),
    })
    .strict(),
  z
    .object({
      kind: z.literal('occupancy.adjust'),
      storeUuid: uuid,
      count: z.number().int('The correction is a whole number of people.').refine((n) => n !== 0, 'The correction cannot be zero.').refine((n) => Math.abs(n) <= 100_000, 'That correction is implausibly large.'),
      /** In the store's own time zone; null = now. */
      at: local.nullable().default(null),
      reason: z.string().trim().min(1, 'Say why the count is corrected (it goes in the change log).').max(500),
    })
    .strict(),
  z
    .object({
      kind: z.literal('user.create'),
      connectionId,
      email: z.string().trim().toLowerCase().max(254).regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'Enter an email address.'),
      name: z.string().trim().max(200).default(''),
      disabled: z.boolean().default(false),
      userProfileId: z.string().min(1, 'Choose a user profile.').max(64),
      locationProfileId: z.string().max(64).nullable().default(null),
      locationIds: z.array(z.string().max(64)).max(10_000).nullable().default(null),
    })
    .strict(),
  z
    .object({
      kind: z.literal('user.update'),
      connectionId,
      userId: z.string().min(1).max(64),
      name: z.string().trim().min(1).max(200).optional(),
      disabled: z.boolean().optional(),
      userProfileId: z.string().min(1).max(64).optional(),
      locationProfileId: z.string().min(1).max(64).optional(),
      locationIds: z.array(z.string().max(64)).min(1, 'Choose at least one location, or a location profile.').max(10_000).optional(),
    })
    .strict(),
]);
export type WriteInput = z.input<typeof writeInput>;
export type ParsedWrite = z.output<typeof writeInput>;

export const changeFilter = z
  .object({
    kind: z.enum(changeKinds).optional(),
    status: z.enum(changeStatuses).optional(),
    connectionId: connectionId.optional(),
    bulkId: bulkId.optional(),
    search: z.string().max(300).optional(),
    /** yyyy-mm-dd, days included (UTC). */
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  })
  .strict();
export type ChangeFilter = z.output<typeof changeFilter>;

const userFilter = z
  .object({
    search: z.string().max(300).optional(),
    type: z.enum(['local', 'sso', '']).optional(),
    status: z.enum(['enabled', 'disabled', 'invited', '']).optional(),
    userProfileId: z.string().max(64).optional(),
  })
  .strict();

export interface EditableLocation {
  connectionId: string;
  uuid: string;
  name: string;
  type: string;
  kind: LocationKind;
  /** Cached values of the fields that apply to it (null = not in the cache). */
  values: Partial<Record<LocationFieldId, string | number | boolean | null>>;
  fields: LocationFieldId[];
  /** Where it may move: regions for a store or region, stores for a sublocation. */
  parents: Array<{ uuid: string; name: string }>;
}

export interface OccupancyStatus {
  storeUuid: string;
  name: string;
  connectionId: string;
  timeZone: string | null;
  /** The store's local date and time now. */
  localNow: string;
  cachedLimit: number | null;
  /** RetailNext's current occupancy and limit (datamine, `time_zone: local`), when it could be read. */
  live: { occupancy: number | null; limit: number | null; readAt: string } | null;
  liveError: { code: string; message: string } | null;
  hoursToday: { open: string | null; close: string | null } | null;
  /** Whether the store is open now by its cached hours (null = hours not cached). */
  openNow: boolean | null;
  /** The document's conditions, checked before anything is sent. */
  blockers: string[];
  notes: string[];
}

export const adminCalls = {
  'admin.locations.editable': call<EditableLocation>()(z.object({ uuid }).strict(), 'A cached location with the fields the API can change on it (only those the document says apply) and where it may move.'),
  'admin.bulk.draft': call<BulkSummary>()(draftInput, 'Adds rows (a CSV file in parts, a tree selection, one edit) to a draft bulk change and checks each against the cache: the dry run. Nothing is sent.'),
  'admin.bulk.preview': call<{ summary: BulkSummary; rows: PlanRow[]; total: number }>()(
    z.object({ bulkId, offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(200), verdict: z.enum(['change', 'no_change', 'unknown_location', 'invalid', '']).default(''), status: z.enum([...changeStatuses, '']).default('') }).strict(),
    'Rows of a bulk change with their dry-run diff (cached value -> new value, or why not) and, once confirmed, each row\'s outcome.',
  ),
  'admin.bulk.confirm': call<BulkSummary>()(z.object({ bulkId }).strict(), 'Records every row that changes something in the change log, then sends them within RetailNext\'s limits; progress arrives as events. A second confirm sends nothing.'),
  'admin.bulk.cancel': call<BulkSummary>()(z.object({ bulkId }).strict(), 'Stops a bulk run after the rows already on their way; the rest stay "not sent" and can be retried.'),
  'admin.bulk.retry': call<BulkSummary>()(z.object({ bulkId }).strict(), 'Sends again the rows of a bulk change that are not done: failed, outcome unknown, not sent.'),
  'admin.bulk.discard': call<{ discarded: boolean }>()(z.object({ bulkId }).strict(), 'Drops a draft that was not confirmed.'),
  'admin.bulk.list': call<BulkSummary[]>()(z.object({ limit: z.number().int().min(1).max(100).default(20) }).strict(), 'The latest bulk changes, newest first.'),
  'admin.write.preview': call<WritePreview>()(z.object({ write: writeInput }).strict(), 'Checks a single write (add a location, correct occupancy, create or update a user) and says what it will change and send; nothing is sent.'),
  'admin.write.confirm': call<ChangeView>()(z.object({ previewId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/) }).strict(), 'Records the previewed write in the change log, sends it once and records the answer.'),
  'admin.changes.list': call<{ changes: ChangeView[]; total: number; counts: Record<string, number> }>()(
    z.object({ filter: changeFilter.default({}), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    'The change log, newest first, filtered.',
  ),
  'admin.changes.exportCsv': call<CsvDelivery>()(z.object({ filter: changeFilter.default({}) }).strict(), 'The change log as filtered, as CSV.'),
  'admin.changes.retry': call<ChangeView>()(z.object({ changeId: z.number().int().positive() }).strict(), 'Sends again a single write that failed or was not sent (one whose outcome is unknown is checked first).'),
  'admin.users.list': call<UsersList>()(z.object({}).strict(), 'Synced RetailNext users with their profiles and the stores they can see.'),
  'admin.users.exportCsv': call<CsvDelivery>()(z.object({ filter: userFilter.default({}) }).strict(), 'The users shown, as CSV.'),
  'admin.access.report': call<AccessReport>()(z.object({}).strict(), 'The access audit over the synced users and profiles, with the saved thresholds.'),
  'admin.access.saveSettings': call<AccessSettings>()(z.object({ settings: accessSettingsSchema.nullable() }).strict(), 'Saves the access audit thresholds (null = back to the defaults).'),
  'admin.occupancy.status': call<OccupancyStatus>()(z.object({ storeUuid: uuid }).strict(), 'A store\'s current occupancy and limit (asked of RetailNext), its hours, and whether a correction can be sent now.'),
} as const;

export const adminEvents = {
  'admin.bulk.progress': event<BulkProgress>('Progress of a bulk run (throttled), and its end.'),
  'admin.cacheEdited': event<{ datasets: string[] }>('The cache was updated from RetailNext\'s answers to a write (locations, users).'),
} as const;
