import type { ContractError } from '../../shared/contract/errors';
import type { LogLevel } from '../log/logger';

/**
 * Lanes of reads, each its own worker thread with its own read-only connection, so a long report
 * never queues the store tree behind it (and the reverse), nor an access audit either.
 */
export type ReadLane = 'estate' | 'reports' | 'admin';

/** The calls answered on a read worker, by lane: they only read the cache. */
export const laneCalls = {
  estate: ['estate.tree', 'estate.links', 'estate.store', 'inventory.table', 'inventory.cameraNames', 'inventory.device', 'inventory.videoSources', 'inventory.exportCsv', 'audit.report', 'audit.exportCsv', 'alerts.list'],
  reports: ['reports.tree', 'reports.run', 'reports.heatmap'],
  admin: ['admin.users.list', 'admin.users.exportCsv', 'admin.access.report', 'admin.changes.list', 'admin.changes.exportCsv'],
} as const satisfies Record<ReadLane, readonly string[]>;

export type ReadCallName = (typeof laneCalls)[ReadLane][number];

/** Reads that are not calls of the contract: what a call made on the core needs from the model. */
export const laneOps = { estate: ['estate.checkLink', 'alerts.fresh'], reports: ['reports.predictionSources', 'sync.kpiHoldings'], admin: ['admin.bulk.check'] } as const satisfies Record<ReadLane, readonly string[]>;
export type ReadOpName = ReadCallName | (typeof laneOps)[ReadLane][number];

/**
 * The text fields of answers that a worker sends apart from the JSON of the rest (ToReadThread's
 * `apart`), and whether it sends that text as its UTF-8 bytes (moved, not copied): a CSV is written
 * to a file as it is, so the core does not encode it (9.5 MB for a large estate's cameras).
 */
export const apartFields = { csv: { bytes: true }, fresh: { bytes: false }, rows: { bytes: false } } as const;
export type ApartField = keyof typeof apartFields;

/**
 * What a read worker is started with. The cache's file comes in `open`: a worker may be started
 * before the core has opened (and migrated) the cache, so that its load overlaps the core's.
 */
export interface ReadThreadData {
  lane: ReadLane;
  dataDir: string;
  /** better-sqlite3 addon for this runtime (Electron's ABI in the desktop app). */
  nativeBinding?: string;
}

export type ToReadThread =
  /** The cache is open and migrated: open it read-only now. Always the first message. */
  | { type: 'open'; file: string }
  /**
   * `now` is the core's clock when the call came (tests pin it), as ISO text. `apart`: the answer's
   * text field of that name (a CSV, a list for the cache writer) is sent beside the JSON of the rest
   * (done's `apart`), for the core to hand on unparsed.
   */
  | { type: 'read'; id: number; op: ReadOpName; input: unknown; now: string; apart?: ApartField }
  /** Prepare the views now (`start`) or after a sync committed (`sync`). */
  | { type: 'warm'; part: 'start' | 'sync'; now: string }
  /** The call of read `id` was given up: not run if it has not begun, its answer not sent if it has. */
  | { type: 'cancel'; id: number };

export type FromReadThread =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  /** `json`: the answer's value as JSON text, relayed unparsed; without its `apart` field when that came apart. */
  | { type: 'done'; id: number; ok: true; json: string; apart?: string | Uint8Array }
  | { type: 'done'; id: number; ok: false; error: ContractError }
  | { type: 'log'; level: LogLevel; message: string; fields?: Record<string, unknown> }
  /** A view to keep for the next start (it_prepared), written by the core's connection. */
  | { type: 'keep'; name: string; version: string; json: string };
