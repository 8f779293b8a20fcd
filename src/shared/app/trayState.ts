import type { SyncRunView, SyncStatus } from '../sync/types';
import type { SyncSchedule } from '../sync/schedule';
import { formatAgo } from '../time/format';

/**
 * What the desktop shell shows outside the window (the tray) and needs for its updater, read from the
 * core's own calls (src/main/host/shellState.ts): pure, so the words are tested without Electron.
 */
export type TraySync = 'idle' | 'syncing' | 'paused' | 'offline' | 'failed';
export type TrayState = { sync: TraySync; openCriticalAlerts: number; lastSyncAgo: string | null };

export interface ShellState {
  tray: TrayState;
  /** Exports downloading or being prepared: an update never restarts over them. */
  exportsRunning: number;
  /** The Demo workspace is on: updates stay off. */
  demoWorkspace: boolean;
  /** Background sync paused by the user (the tray's "Pause syncing"). */
  syncPausedByUser: boolean;
}

/** The newest run that ended, among every connection's datasets. */
export function lastEndedRun(status: SyncStatus): SyncRunView | null {
  let best: SyncRunView | null = null;
  for (const f of status.freshness) if (f.lastRun?.finishedAt && (!best || f.lastRun.finishedAt > best.finishedAt!)) best = f.lastRun;
  return best;
}

/** The sync line: running wins; then paused by the user; then waiting for the network; then the last run's outcome. */
export function traySync(status: SyncStatus, schedule: SyncSchedule | null): TraySync {
  if (status.running.length > 0) return 'syncing';
  if (schedule && schedule.available && !schedule.settings.enabled) return 'paused';
  if (schedule?.paused) return 'offline';
  if (lastEndedRun(status)?.status === 'failed') return 'failed';
  return 'idle';
}

/** The tray's state from the core's answers (`now`: the shell's clock, for "synced 5 min ago"). */
export function trayStateOf(status: SyncStatus, schedule: SyncSchedule | null, openCriticalAlerts: number, now: number): TrayState {
  const last = lastEndedRun(status);
  return { sync: traySync(status, schedule), openCriticalAlerts, lastSyncAgo: last?.status === 'ok' && last.finishedAt ? formatAgo(last.finishedAt, now) : null };
}
