import type { SyncRunView } from '../../../../shared/sync/types';

export const statusWords: Record<SyncRunView['status'], string> = {
  running: 'Running',
  ok: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** A run's result in one word: a run the console's closing (or a crash) stopped is "Interrupted", not "Failed" or "Cancelled". */
export function runResultWord(run: Pick<SyncRunView, 'status' | 'error'>): string {
  return run.status === 'failed' && run.error?.code === 'cancelled' ? 'Interrupted' : statusWords[run.status];
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatDuration(run: SyncRunView): string {
  if (!run.finishedAt) return '—';
  const s = Math.max(0, (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000);
  return s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}
