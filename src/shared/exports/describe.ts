import { formatClock, formatDateTime } from '../time/format';
import { cameraLabel } from './cameraNames';
import type { ExportRequest } from './types';

type Described = Pick<ExportRequest, 'storeName' | 'timeZone' | 'channels' | 'start' | 'end'>;

/**
 * An export's range in the store's time: "2026-04-19 10:00–10:15" (seconds when the range has
 * them, the end's date when it ends on another day).
 */
export function exportRange(r: Pick<ExportRequest, 'timeZone' | 'start' | 'end'>): string {
  const seconds = Date.parse(r.start) % 60_000 !== 0 || Date.parse(r.end) % 60_000 !== 0;
  const from = formatDateTime(r.start, { timeZone: r.timeZone, seconds });
  const to = formatDateTime(r.end, { timeZone: r.timeZone, seconds });
  return `${from}–${to.slice(0, 10) === from.slice(0, 10) ? formatClock(r.end, { timeZone: r.timeZone, seconds }) : to}`;
}

/** What an export is, in words: "Denver Union St · Entrance cam, 2026-04-19 10:00–10:15". */
export function describeExport(r: Described): string {
  return `${r.storeName} · ${r.channels.map((c) => cameraLabel(c, c.nameShared === true)).join(', ')}, ${exportRange(r)}`;
}
