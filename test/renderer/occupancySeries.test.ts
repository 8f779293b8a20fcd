import { describe, expect, it } from 'vitest';
import { runReport } from '../../src/main/reports/report';
import { occupancySeries } from '../../src/renderer/src/features/reports/occupancySeries';
import { occupancyLabels } from '../../src/shared/reports/occupancy';
import { reportTables } from '../../src/shared/reports/tables';
import type { KpiRow } from '../../src/main/sync/kpiStore';
import { ids, openTestCache } from '../reports/cache';

/** A store's hours of a day with the given occupancy at 15:00 and less at the others. */
const hours = (storeKey: string, day: string, peak: number): KpiRow[] =>
  Array.from({ length: 24 }, (_, h) => ({ storeKey, day, hour: h, enters: 10, exits: 10, occupancy: h === 15 ? peak : 1, validity: 'complete' }));

const colours = ['#111111', '#222222'] as const;

describe('occupancy in a report: the summary, the chart and the table measure the same thing', () => {
  // Madison Ave (New York) has a limit of 10, Lakeside (Chicago) none and more people in it.
  const c = openTestCache();
  for (const day of ['2026-03-09', '2026-03-10']) {
    c.write(ids.rn, [ids.ny, ids.chicago], [day], [...hours(ids.ny, day, day === '2026-03-09' ? 18 : 8), ...hours(ids.chicago, day, 30)]);
  }
  const now = new Date('2026-03-12T12:00:00Z');

  it('several stores: each store against its own limit, the highest share in the summary, the chart and the table alike', () => {
    const r = runReport(c.db, { nodeId: 'all', from: '2026-03-09', to: '2026-03-11', granularity: 'day' }, now);
    const labels = occupancyLabels(r);
    // The summary: Madison Ave's 18 against its 10 on the 9th, not Lakeside's 30 (which has no limit).
    expect(labels.share).toBe('Peak / limit (highest store)');
    expect(r.totals.occupancy.peakShareOfLimit).toBeCloseTo(1.8, 10);

    const [share, limit] = occupancySeries(r, colours);
    expect(share).toMatchObject({ label: labels.share, right: true });
    expect(share!.values.map((v) => (v === null ? null : Math.round(v * 100)))).toEqual([180, 80, null]);
    expect(Math.max(...share!.values.filter((v): v is number => v !== null))).toBe(r.totals.occupancy.peakShareOfLimit);
    // The limit is there for every day with data: never a "Limit: no data" beside a share of 180%.
    expect(limit).toMatchObject({ label: 'Limit (100%)', values: [1, 1, null], right: true, settled: true });

    // The table: the busiest store's people and the highest share, no column of blank limits.
    const table = reportTables(r).find((t) => t.id === 'occupancy')!;
    expect(table.columns.map((col) => col.label)).toEqual(['Period', 'Peak occupancy (busiest store)', 'Peak / limit (highest store)', 'Store-days over limit', 'Validity']);
    expect(table.rows[0]!.slice(1, 4)).toEqual([30, r.buckets[0]!.occupancy.peakShareOfLimit, 1]);
  });

  it('one store: its peak and its limit in people, the limit drawn as it is on today too', () => {
    const r = runReport(c.db, { nodeId: ids.ny, from: '2026-03-09', to: '2026-03-11', granularity: 'day' }, now);
    expect(occupancyLabels(r)).toMatchObject({ peak: 'Peak occupancy', limit: 'Limit', share: 'Peak / limit' });
    const [peak, limit] = occupancySeries(r, colours);
    expect(peak).toMatchObject({ label: 'Peak occupancy', values: [18, 8, null] });
    expect(limit).toMatchObject({ label: 'Limit', values: [10, 10, 10], settled: true });
    expect(reportTables(r).find((t) => t.id === 'occupancy')!.columns.map((col) => col.label)).toEqual(['Period', 'Peak occupancy', 'Limit', 'Peak / limit', 'Store-days over limit', 'Validity']);

    const lakeside = runReport(c.db, { nodeId: ids.chicago, from: '2026-03-09', to: '2026-03-10', granularity: 'day' }, now);
    expect(occupancySeries(lakeside, colours)[1]!.label).toBe('Limit (not set for this store)');
  });
});
