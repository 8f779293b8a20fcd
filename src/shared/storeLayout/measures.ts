import { addDays } from '../reports/time';
import type { ZoneMeasure, ZoneMeasureValues } from './types';

/** What each measure is called on screen, and the words of its legend. */
export const zoneMeasureInfo: Record<ZoneMeasure, { label: string; legend: string }> = {
  traffic_in: { label: 'Visitors (traffic into the zone)', legend: 'Visitors into each zone' },
  dwells: { label: 'Dwells', legend: 'Dwells in each zone' },
  average_dwell_time: { label: 'Average dwell', legend: 'Average dwell in each zone' },
};

export function measureValue(v: ZoneMeasureValues | undefined, measure: ZoneMeasure): number | null {
  if (!v) return null;
  return measure === 'traffic_in' ? v.trafficIn : measure === 'dwells' ? v.dwells : v.averageDwellSeconds;
}

/** "45 s", "2 min 05 s", "1 h 02 min". */
export function formatDwell(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

export function formatMeasure(value: number | null, measure: ZoneMeasure): string {
  if (value === null) return '—';
  return measure === 'average_dwell_time' ? formatDwell(value) : Math.round(value).toLocaleString('en-US');
}

/** The last `days` whole days before `today` (yyyy-mm-dd): what the plan shows first. */
export function lastWholeDays(today: string, days: number): { from: string; to: string } {
  return { from: addDays(today, -days), to: addDays(today, -1) };
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "1 Mar – 7 Mar 2026", "28 Dec 2025 – 3 Jan 2026", "4 Mar 2026". */
export function formatDayRange(from: string, to: string): string {
  const part = (d: string, year: boolean) => `${Number(d.slice(8, 10))} ${months[Number(d.slice(5, 7)) - 1]}${year ? ` ${d.slice(0, 4)}` : ''}`;
  if (from === to) return part(from, true);
  return `${part(from, from.slice(0, 4) !== to.slice(0, 4))} – ${part(to, true)}`;
}
