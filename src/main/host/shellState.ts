import type { ExportJobView } from '../../shared/exports/types';
import type { AlertBadge } from '../../shared/alerts/types';
import type { ConnectionView } from '../../shared/connections/types';
import type { SyncSchedule } from '../../shared/sync/schedule';
import type { SyncStatus } from '../../shared/sync/types';
import { trayStateOf, type ShellState } from '../../shared/app/trayState';
import { eventName } from './protocol';

/** What the follower needs of a CoreHost: its calls and events (the one channel to the core). */
export interface ShellStateSource {
  invoke(name: string, input: unknown): Promise<string>;
  /** The events named (as JSON text); the core sends no other to the shell. */
  onEvent(names: readonly string[], listener: (json: string) => void): () => void;
  onReady(listener: () => void): () => void;
}

/**
 * Events after which the shell's state may have changed: the only ones the core sends the shell.
 * sync.progress is how it learns that a run started (the tray says "syncing"); it reads at most once a second.
 */
export const shellStateEvents: readonly string[] = ['sync.progress', 'sync.finished', 'sync.scheduleChanged', 'alerts.new', 'exports.changed', 'connections.changed'];

const runningExports: ReadonlySet<ExportJobView['state']> = new Set(['in_progress', 'ready', 'downloading']);

async function ask<T>(source: ShellStateSource, name: string, input: unknown): Promise<T> {
  const r = JSON.parse(await source.invoke(name, input)) as { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value;
}

/** The shell's state, read with the core's own contract calls. */
export async function readShellState(source: ShellStateSource, now = Date.now()): Promise<ShellState> {
  const [status, schedule, critical, exportsList, connections] = await Promise.all([
    ask<SyncStatus>(source, 'sync.status', {}),
    ask<SyncSchedule>(source, 'sync.schedule', {}).catch(() => null),
    // The count only (one query on the core), not the list of every open critical alert (1.6 MB on a large estate).
    ask<AlertBadge>(source, 'alerts.badge', {}),
    ask<ExportJobView[]>(source, 'exports.list', {}),
    ask<ConnectionView[]>(source, 'connections.list', {}),
  ]);
  return {
    tray: trayStateOf(status, schedule, critical.openCritical, now),
    exportsRunning: exportsList.filter((j) => runningExports.has(j.state)).length,
    demoWorkspace: connections.some((c) => c.isDemo),
    syncPausedByUser: schedule !== null && schedule.available && !schedule.settings.enabled,
  };
}

/**
 * Whether an event may change the shell's state, as last read: a run's progress only says that a sync
 * runs, so once the tray says "syncing" the progress of the runs (a few a second) asks for no read
 * (each read is five calls); the state moves on with their sync.finished.
 */
export function changesShellState(event: string, last: ShellState | null): boolean {
  return event !== 'sync.progress' || last?.tray.sync !== 'syncing';
}

/**
 * A small subscription for the desktop shell (tray, updater) over the core host's own call and event
 * channel: read once the core is ready, again (at most once a second) after an event that may change
 * it, and each minute (the "synced 5 min ago" text). Returns the way to stop.
 */
export function followShellState(source: ShellStateSource, onChange: (state: ShellState) => void, onError: (message: string) => void): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let reading = false;
  let again = false;
  let last: ShellState | null = null;
  const read = async () => {
    if (stopped) return;
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      last = await readShellState(source);
      onChange(last);
    } catch (e) {
      onError(e instanceof Error ? e.message : String(e));
    } finally {
      reading = false;
      if (again && !stopped) {
        again = false;
        soon();
      }
    }
  };
  const soon = () => {
    if (timer || stopped) return;
    timer = setTimeout(() => {
      timer = null;
      void read();
    }, 1000);
  };
  const offEvent = source.onEvent(shellStateEvents, (json) => void (changesShellState(eventName(json), last) && soon()));
  const offReady = source.onReady(() => void read());
  const minute = setInterval(() => void read(), 60_000);
  void read();
  return () => {
    stopped = true;
    offEvent();
    offReady();
    clearInterval(minute);
    if (timer) clearTimeout(timer);
  };
}
