import type { ContractError } from '../contract/errors';
import type { Vendor } from '../connections/types';

/** What a sync can fill in the cache. */
export const syncDatasets = ['locations', 'store_hours', 'inventory', 'health_alerts', 'users', 'kpis'] as const;
export type SyncDataset = (typeof syncDatasets)[number];

export const syncDatasetLabels: Record<SyncDataset, string> = {
  locations: 'Locations',
  store_hours: 'Store hours',
  inventory: 'Cameras, channels and appliances',
  health_alerts: 'Health alerts',
  users: 'Users and profiles',
  kpis: 'Hourly KPIs',
};

/** Which datasets each vendor's API can provide. */
export const datasetsByVendor: Record<Vendor, readonly SyncDataset[]> = {
  retailnext: ['locations', 'store_hours', 'inventory', 'health_alerts', 'users', 'kpis'],
  flow: ['kpis'],
  exteros: ['locations', 'kpis'],
};

export type SyncRunStatus = 'running' | 'ok' | 'failed' | 'cancelled';

/** Who started a run: someone pressing Sync (or Sync all), or background sync on its schedule. */
export type SyncTrigger = 'manual' | 'background';

export interface SyncRunView {
  id: number;
  connectionId: string;
  dataset: SyncDataset;
  status: SyncRunStatus;
  startedAt: string;
  finishedAt: string | null;
  rowsWritten: number;
  /** Days range of a KPI run (`yyyy-mm-dd`), null for whole datasets. */
  range: { from: string; to: string } | null;
  requests: number;
  /** Store-days skipped because they were already final in the cache (KPI runs). */
  skipped: number;
  error: ContractError | null;
  trigger: SyncTrigger;
}

export interface SyncProgress {
  runId: number;
  connectionId: string;
  dataset: SyncDataset;
  done: number;
  total: number;
  unit: 'requests' | 'pages' | 'slices';
  rowsWritten: number;
  message: string;
}

export interface DatasetFreshness {
  connectionId: string;
  dataset: SyncDataset;
  /** When the data the cache shows was fetched; null = never synced. */
  fetchedAt: string | null;
  /** What the cache holds: rows of the current snapshot, or for KPIs the store-days cached. */
  holds: { count: number; unit: 'rows' | 'store-days'; from?: string; to?: string } | null;
  running: boolean;
  lastRun: SyncRunView | null;
}

export interface SyncStatus {
  running: SyncRunView[];
  freshness: DatasetFreshness[];
}
