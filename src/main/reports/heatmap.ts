import { addDays, wallClockHour, weekdayOf } from '../../shared/reports/time';
import type { HeatmapResult } from '../../shared/reports/types';
import type { Db } from '../db/open';
import { StoreDirectory } from './directory';

/**
 * Traffic by day of week and hour of day (each store's local wall clock), averaged over the days
 * of the range that have data (the last 4 weeks of a longer range), and the hours of the day ranked by average traffic. RetailNext's
 * counters when the node has them, else Flow's. Reads hourly rows: the cost grows with the range.
 */
export const maxHeatmapDays = 28;

export function heatmap(db: Db, nodeId: string, rangeFrom: string, to: string, dir: StoreDirectory = new StoreDirectory(db)): HeatmapResult {
  // The last 4 weeks of a longer range: enough for a weekly pattern, bounded in cost.
  const earliest = addDays(to, -(maxHeatmapDays - 1));
  const from = rangeFrom < earliest ? earliest : rangeFrom;
  const node = dir.node(nodeId);
  const sources = dir.sourcesFor(dir.storesUnder(node.id));
  const source = sources.find((s) => s.vendor === 'retailnext') ?? sources.find((s) => s.vendor === 'flow');
  const cells = Array.from({ length: 7 }, () => Array<number | null>(24).fill(null));
  const daysPerWeekday = Array<number>(7).fill(0);
  if (!source) return { node, from, to, source: 'none', cells, peakHours: [], daysPerWeekday };

  const rows = db.prepare(
    `SELECT d.day AS day, d.hour AS hour, SUM(d.enters) AS traffic
     FROM json_each(?) j CROSS JOIN kpi_hourly d ON d.connection_id = ? AND d.store_key = j.value AND d.day BETWEEN ? AND ?
     GROUP BY d.day, d.hour`,
  ).all(JSON.stringify([...source.stores.keys()]), source.connectionId, from, to) as Array<{ day: string; hour: number; traffic: number | null }>;

  const sums = Array.from({ length: 7 }, () => Array<number | null>(24).fill(null));
  const byHour = Array<number | null>(24).fill(null);
  const seen = new Set<string>();
  for (const r of rows) {
    if (r.traffic === null) continue;
    const wd = weekdayOf(r.day);
    if (!seen.has(r.day)) {
      seen.add(r.day);
      daysPerWeekday[wd]!++;
    }
    // An hour-of-day view: the second pass of a repeated hour counts under its wall-clock label.
    const hour = wallClockHour(r.hour);
    sums[wd]![hour] = (sums[wd]![hour] ?? 0) + r.traffic;
    byHour[hour] = (byHour[hour] ?? 0) + r.traffic;
  }
  for (let wd = 0; wd < 7; wd++) {
    for (let h = 0; h < 24; h++) {
      const s = sums[wd]![h];
      cells[wd]![h] = s === null || s === undefined || daysPerWeekday[wd] === 0 ? null : s / daysPerWeekday[wd]!;
    }
  }
  const dayCount = seen.size;
  const peakHours = byHour
    .map((s, hour) => ({ hour, average: s === null || dayCount === 0 ? null : s / dayCount }))
    .filter((p): p is { hour: number; average: number } => p.average !== null)
    .sort((a, b) => b.average - a.average || a.hour - b.hour);
  return { node, from, to, source: source.vendor === 'retailnext' ? 'retailnext' : 'flow', cells, peakHours, daysPerWeekday };
}
