import type { FieldValue, LocationFieldId, LocationKind } from './fields';

/** Every kind of write the console makes to RetailNext. */
export const changeKinds = ['location.update', 'location.create', 'occupancy.adjust', 'user.create', 'user.update', 'export.start', 'export.delete'] as const;
export type ChangeKind = (typeof changeKinds)[number];

export const changeKindLabels: Record<ChangeKind, string> = {
  'location.update': 'Location edited',
  'location.create': 'Location added',
  'occupancy.adjust': 'Occupancy corrected',
  'user.create': 'User created',
  'user.update': 'User updated',
  'export.start': 'Export started',
  'export.delete': 'Export deleted',
};

/**
 * Where a write stands in the change log:
 * - pending: recorded, waiting for its turn (a bulk run);
 * - sending: the request is on its way (a crash now leaves it `unknown`);
 * - done: RetailNext accepted it;
 * - failed: RetailNext answered with an error (its words are kept);
 * - unknown: sent, but no answer arrived (a crash, a dropped connection): check before sending again;
 * - not_sent: never left the console (cancelled, offline, the console stopped first).
 */
export const changeStatuses = ['pending', 'sending', 'done', 'failed', 'unknown', 'not_sent'] as const;
export type ChangeStatus = (typeof changeStatuses)[number];

export const changeStatusLabels: Record<ChangeStatus, string> = {
  pending: 'waiting',
  sending: 'sending',
  done: 'done',
  failed: 'failed',
  unknown: 'outcome unknown: check',
  not_sent: 'not sent',
};

export interface ChangeView {
  id: number;
  bulkId: number | null;
  /** The CSV row (spreadsheet numbering) of a bulk import. */
  row: number | null;
  connectionId: string;
  connectionName: string;
  kind: ChangeKind;
  /** The location uuid, user id or email the write is about. */
  target: string;
  targetName: string | null;
  /** The cached values before, by field (what the preview showed). */
  before: Record<string, unknown> | null;
  /** The JSON body sent (or to be sent). Never a secret. */
  sent: Record<string, unknown>;
  status: ChangeStatus;
  vendorStatus: number | null;
  vendorMessage: string | null;
  /** What happened, in words. */
  message: string | null;
  /** The earlier change this one sends again (Retry). */
  retryOf: number | null;
  recordedAt: string;
  sentAt: string | null;
  finishedAt: string | null;
}

export interface FieldDiff {
  field: LocationFieldId;
  before: FieldValue | null;
  after: FieldValue;
}

export type PlanVerdict = 'change' | 'no_change' | 'unknown_location' | 'invalid';

export const planVerdictLabels: Record<PlanVerdict, string> = {
  change: 'will change',
  no_change: 'no change',
  unknown_location: 'unknown location',
  invalid: 'invalid value',
};

export interface PlanRow {
  seq: number;
  row: number | null;
  uuid: string;
  name: string | null;
  kind: LocationKind | null;
  verdict: PlanVerdict;
  reason: string | null;
  diffs: FieldDiff[];
  /** Once confirmed: the change log entry of its latest send, and where it stands. */
  changeId: number | null;
  status: ChangeStatus | null;
  message: string | null;
}

export type BulkState = 'draft' | 'confirmed' | 'discarded';

export interface BulkCounts {
  rows: number;
  change: number;
  no_change: number;
  unknown_location: number;
  invalid: number;
  pending: number;
  sending: number;
  done: number;
  failed: number;
  unknown: number;
  not_sent: number;
}

export interface BulkSummary {
  id: number;
  connectionId: string;
  connectionName: string;
  source: 'csv' | 'selection' | 'edit';
  label: string;
  fields: LocationFieldId[];
  state: BulkState;
  /** A run is sending its rows now. */
  running: boolean;
  cancelling: boolean;
  createdAt: string;
  confirmedAt: string | null;
  counts: BulkCounts;
}

export interface BulkProgress {
  bulkId: number;
  counts: BulkCounts;
  running: boolean;
  /** Set when a run stopped early (offline, credentials refused, cancelled), in words. */
  stopped: string | null;
}

/** A single write (add a location, correct occupancy, create or update a user) as previewed. */
export interface WritePreview {
  previewId: string;
  kind: ChangeKind;
  connectionId: string;
  connectionName: string;
  target: string;
  targetName: string | null;
  /** What changes, from what to what, line by line. */
  lines: Array<{ label: string; before: string | null; after: string }>;
  /** The JSON body that will be sent. */
  body: Record<string, unknown>;
  /** Things to know before sending (the document's conditions). */
  notes: string[];
  /** Why it cannot be sent, when it cannot; nothing is sent then. */
  blocked: string | null;
}
