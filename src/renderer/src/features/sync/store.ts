import { create } from 'zustand';
import type { ContractError } from '../../../../shared/contract/errors';
import type { SyncDataset, SyncProgress, SyncRunView, SyncStatus } from '../../../../shared/sync/types';
import { api } from '../../api/client';
import { isOfflineError, useConnectivity } from '../../ui/connectivity';

export interface KpiRange {
  from: string;
  to: string;
}

interface SyncState {
  status: SyncStatus | null;
  runs: SyncRunView[];
  /** Latest progress of each running run, by run id. */
  progress: Record<number, SyncProgress>;
  loaded: boolean;
  error: ContractError | null;
  /** Per connection: why the last Sync click was refused. */
  startErrors: Record<string, ContractError>;
  range: KpiRange;
  checking: boolean;
  load(): Promise<void>;
  setRange(range: KpiRange): void;
  start(connectionId: string, datasets?: SyncDataset[]): Promise<void>;
  cancel(connectionId: string): Promise<void>;
  /** After an outage: sync again what failed offline. */
  refreshFailed(): Promise<void>;
  /** Probes the vendors that were unreachable (a connection test each). */
  checkConnectivity(): Promise<void>;
}

export function localDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function defaultRange(now = new Date()): KpiRange {
  const from = new Date(now);
  from.setDate(from.getDate() - 6);
  return { from: localDay(from), to: localDay(now) };
}

export const useSync = create<SyncState>((set, get) => ({
  status: null,
  runs: [],
  progress: {},
  loaded: false,
  error: null,
  startErrors: {},
  range: defaultRange(),
  checking: false,

  async load() {
    const [status, runs] = await Promise.all([api.call('sync.status', {}), api.call('sync.runs', { limit: 50 })]);
    if (!status.ok) return set({ loaded: true, error: status.error });
    if (!runs.ok) return set({ loaded: true, error: runs.error });
    set({ status: status.value, runs: runs.value, loaded: true, error: null });
  },

  setRange(range) {
    set({ range });
  },

  async start(connectionId, datasets) {
    const { range } = get();
    set((s) => ({ startErrors: omit(s.startErrors, connectionId) }));
    const result = await api.call('sync.start', { connectionId, datasets, from: range.from, to: range.to, refetchFinal: false });
    if (!result.ok) {
      useConnectivity.getState().reportFailure(connectionId, result.error);
      set((s) => ({ startErrors: { ...s.startErrors, [connectionId]: result.error } }));
      return;
    }
    await get().load();
  },

  async cancel(connectionId) {
    await api.call('sync.cancel', { connectionId });
  },

  async refreshFailed() {
    const unreachable = useConnectivity.getState().unreachable;
    const ids = unreachable?.connectionIds ?? [...new Set(get().runs.filter((r) => isOfflineError(r.error)).map((r) => r.connectionId))];
    useConnectivity.getState().clear();
    for (const id of ids) {
      const failed = get().runs.filter((r) => r.connectionId === id && isOfflineError(r.error)).map((r) => r.dataset);
      await get().start(id, failed.length > 0 ? [...new Set(failed)] : undefined);
    }
  },

  async checkConnectivity() {
    const unreachable = useConnectivity.getState().unreachable;
    if (!unreachable) return;
    set({ checking: true });
    try {
      for (const id of unreachable.connectionIds) {
        const result = await api.call('connections.test', { id });
        if (result.ok) {
          useConnectivity.getState().markBack();
          return;
        }
      }
    } finally {
      set({ checking: false });
    }
  },
}));

let following = 0;
let unsubscribe: (() => void) | null = null;

/**
 * Feeds the store from the core's events (progress, finished) and the connectivity state from
 * their errors. Reference-counted: several components may follow, one subscription serves all.
 */
export function followSync(): () => void {
  if (following++ === 0) {
    const offProgress = api.subscribe('sync.progress', (p) => useSync.setState((s) => ({ progress: { ...s.progress, [p.runId]: p } })));
    const offFinished = api.subscribe('sync.finished', (run) => {
      useSync.setState((s) => ({ progress: omit(s.progress, run.id), runs: [run, ...s.runs.filter((r) => r.id !== run.id)] }));
      if (run.status === 'failed' && run.error) useConnectivity.getState().reportFailure(run.connectionId, run.error);
      if (run.status === 'ok') useConnectivity.getState().reportReachable(run.connectionId);
      void useSync.getState().load();
    });
    unsubscribe = () => {
      offProgress();
      offFinished();
    };
  }
  return () => {
    if (--following === 0) {
      unsubscribe?.();
      unsubscribe = null;
    }
  };
}

function omit<T>(record: Record<string | number, T>, key: string | number): Record<string, T> {
  const { [key]: _dropped, ...rest } = record;
  return rest;
}
