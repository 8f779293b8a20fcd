import { create } from 'zustand';
import type { ContractError } from '../../../../shared/contract/errors';
import type { ScheduleSettings, SyncSchedule } from '../../../../shared/sync/schedule';
import type { SyncDataset, SyncProgress, SyncRunView, SyncStatus } from '../../../../shared/sync/types';
import { defaultRange } from '../../../../shared/sync/defaultRange';
import { api, latestCall, type LatestCall } from '../../api/client';
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
  /** the range was chosen here: the core's default no longer replaces it */
  rangeChosen: boolean;
  checking: boolean;
  /** Background sync: settings, paused or not, next run per dataset. */
  schedule: SyncSchedule | null;
  /** Why the last Sync all or schedule change was refused, or what Sync all left out. */
  scheduleError: ContractError | null;
  syncAllSkipped: string[];
  /**
   * The reads of what the view shows, latest wins: a start's read and the one each finished run
   * brings overlap, and an older answer (the run still running) must not replace a newer one.
   */
  loads: LatestCall;
  load(): Promise<void>;
  syncAll(): Promise<void>;
  /** Saves the schedule; false when the core refused it (scheduleError says why). */
  saveSchedule(settings: ScheduleSettings | null): Promise<boolean>;
  setRange(range: KpiRange): void;
  start(connectionId: string, datasets?: SyncDataset[]): Promise<void>;
  cancel(connectionId: string): Promise<void>;
  /** After an outage: sync again what failed offline. */
  refreshFailed(): Promise<void>;
  /** Probes the vendors that were unreachable (a connection test each). */
  checkConnectivity(): Promise<void>;
  /** How many components follow the core's sync events (followSync), and how to stop the one subscription they share. */
  followers: number;
  unfollow: (() => void) | null;
}

/**
 * The range shown until the core says its default (every cached store's last 7 days by its own
 * calendar, defaultRange.ts): the same helper with no store known (the widest such range).
 */
export function provisionalRange(now = new Date()): KpiRange {
  return defaultRange(now, []);
}

export const useSync = create<SyncState>((set, get) => ({
  status: null,
  runs: [],
  progress: {},
  loaded: false,
  error: null,
  startErrors: {},
  range: provisionalRange(),
  rangeChosen: false,
  checking: false,
  schedule: null,
  scheduleError: null,
  syncAllSkipped: [],
  followers: 0,
  unfollow: null,
  loads: latestCall(),

  async load() {
    const signal = get().loads.next();
    const [status, runs, schedule, range] = await Promise.all([
      api.call('sync.status', {}, { signal }),
      api.call('sync.runs', { limit: 50 }, { signal }),
      api.call('sync.schedule', {}, { signal }),
      api.call('sync.defaultRange', {}, { signal }),
    ]);
    if (signal.aborted) return;
    if (range.ok && !get().rangeChosen) set({ range: range.value });
    if (!status.ok) return set({ loaded: true, error: status.error });
    if (!runs.ok) return set({ loaded: true, error: runs.error });
    set({ status: status.value, runs: runs.value, loaded: true, error: null, ...(schedule.ok ? { schedule: schedule.value } : { scheduleError: schedule.error }) });
  },

  async syncAll() {
    set({ scheduleError: null, syncAllSkipped: [] });
    const result = await api.call('sync.all', {});
    if (!result.ok) return set({ scheduleError: result.error });
    set({ syncAllSkipped: result.value.skipped });
    await get().load();
  },

  async saveSchedule(settings) {
    const result = await api.call('sync.setSchedule', { settings });
    set(result.ok ? { schedule: result.value, scheduleError: null } : { scheduleError: result.error });
    return result.ok;
  },

  setRange(range) {
    set({ range, rangeChosen: true });
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

/**
 * Feeds the store from the core's events (progress, finished) and the connectivity state from
 * their errors. Reference-counted: several components may follow, one subscription serves all.
 */
export function followSync(): () => void {
  const { followers } = useSync.getState();
  if (followers === 0) {
    const offProgress = api.subscribe('sync.progress', (p) => useSync.setState((s) => ({ progress: { ...s.progress, [p.runId]: p } })));
    const offSchedule = api.subscribe('sync.scheduleChanged', (schedule) => useSync.setState({ schedule }));
    const offFinished = api.subscribe('sync.finished', (run) => {
      useSync.setState((s) => ({ progress: omit(s.progress, run.id), runs: [run, ...s.runs.filter((r) => r.id !== run.id)] }));
      if (run.status === 'failed' && run.error) useConnectivity.getState().reportFailure(run.connectionId, run.error);
      if (run.status === 'ok') useConnectivity.getState().reportReachable(run.connectionId);
      void useSync.getState().load();
    });
    const unfollow = () => {
      offSchedule();
      offProgress();
      offFinished();
    };
    useSync.setState({ followers: 1, unfollow });
  } else {
    useSync.setState({ followers: followers + 1 });
  }
  return () => {
    const { followers, unfollow } = useSync.getState();
    if (followers - 1 === 0) {
      unfollow?.();
      useSync.setState({ followers: 0, unfollow: null });
    } else {
      useSync.setState({ followers: followers - 1 });
    }
  };
}

function omit<T>(record: Record<string | number, T>, key: string | number): Record<string, T> {
  const { [key]: _dropped, ...rest } = record;
  return rest;
}

/** Tells background sync when this computer loses or regains its network (the window's online/offline events). */
export function reportNetworkToBackgroundSync(): () => void {
  const report = (online: boolean) => void api.call('sync.connectivity', { online });
  const offline = () => report(false);
  const online = () => report(true);
  window.addEventListener('offline', offline);
  window.addEventListener('online', online);
  return () => {
    window.removeEventListener('offline', offline);
    window.removeEventListener('online', online);
  };
}
