import { formatClock } from '../../../../shared/time/format';
import type { ScheduledDataset } from '../../../../shared/sync/schedule';

/** "in 12 min", "in 2 h 5 min", "tomorrow 04:07", "soon"; the state in words when nothing is planned. */
export function formatNextRun(d: ScheduledDataset | undefined, now: number): string {
  if (!d) return '—';
  if (d.state === 'running') return 'running now';
  if (d.state === 'paused') return 'waits for the network';
  if (d.state === 'off' || !d.nextRunAt) return 'off';
  const at = Date.parse(d.nextRunAt);
  const minutes = Math.round((at - now) / 60_000);
  if (minutes < 1) return 'within a minute';
  if (minutes < 60) return `in ${minutes} min`;
  if (minutes < 12 * 60) return `in ${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
  const time = formatClock(at);
  const day = (ms: number) => new Date(ms).toDateString();
  if (day(at) === day(now)) return `today ${time}`;
  if (day(at) === day(now + 86_400_000)) return `tomorrow ${time}`;
  return `${new Date(at).toLocaleDateString([], { weekday: 'short' })} ${time}`;
}
