import type { ErrorCode } from '../contract/errors';

/** One store on the live occupancy board, as read at one refresh. */
export interface BoardReading {
  connectionId: string;
  storeUuid: string;
  name: string;
  timeZone: string | null;
  /** RetailNext's current occupancy; null when it gave none (closed: it counts within store hours only). */
  occupancy: number | null;
  /** The limit in RetailNext's answer; null when the answer has none. */
  limit: number | null;
  /** The limit the cached store record holds (what put the store on the board). */
  cachedLimit: number | null;
  /** occupancy / limit; null without both. */
  share: number | null;
  /** When the console read it (ISO). */
  readAt: string;
  /** The store's own date and time of the reading ("2026-12-05 14:03"); null without a known zone. */
  localTime: string | null;
  /** Why the reading is incomplete, in words; null when it is whole. */
  note: string | null;
}

export interface BoardConnectionError {
  connectionId: string;
  connectionName: string;
  code: ErrorCode;
  message: string;
}

export interface BoardRefresh {
  readAt: string;
  readings: BoardReading[];
  /** Stores of the cache without an occupancy limit (not on the board). */
  storesWithoutLimit: number;
  /** Requests sent to RetailNext for this refresh. */
  requests: number;
  errors: BoardConnectionError[];
}

export interface OverLimitEvent {
  stores: Array<{ connectionId: string; storeUuid: string; name: string; occupancy: number; limit: number }>;
}
