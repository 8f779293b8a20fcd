import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { heatmap } from '../../src/main/reports/heatmap';
import { runReport } from '../../src/main/reports/report';
import { summedColumns } from '../../src/main/reports/schema';
import { normaliseFlowRecord } from '../../src/main/vendors/flow/hours';
import { flowHourlyResponse } from '../../src/main/vendors/flow/schemas';
import { KpiStore, type KpiRow } from '../../src/main/sync/kpiStore';
import { migrations } from '../../src/main/db/migrations';
import { openDatabase, schemaVersion } from '../../src/main/db/open';
import { hourLabelsOfDay, hoursInDay, localHourStart } from '../../src/shared/reports/time';
import type { Bucket, ReportResult } from '../../src/shared/reports/types';
import { ids, openTestCache, seedTestCache } from './cache';
import { tempDir } from '../support/temp';

const utc = (iso: string) => Date.parse(iso);
const bucket = (r: ReportResult, key: string): Bucket => {
  const b = r.buckets.find((x) => x.key === key);
  if (!b) throw new Error(`no bucket ${key} in ${r.buckets.map((x) => x.key).join(',')}`);
  return b;
};

/** RetailNext hours of the New York store: enters = label + 1, exits = label, occupancy = label. */
function nyHours(day: string, labels: number[], doubled: number | null = null): KpiRow[] {
  return labels.map((h) => ({
    storeKey: ids.ny, day, hour: h,
    enters: (h + 1) * (h === doubled ? 2 : 1), exits: h * (h === doubled ? 2 : 1), occupancy: h,
    validity: h === 12 ? 'incomplete' : h === 13 ? 'imputed' : 'complete',
  }));
}

const all24 = Array.from({ length: 24 }, (_, h) => h);
const springLabels = all24.filter((h) => h !== 2);

describe('time zones and daylight saving (America/New_York)', () => {
  it('knows the 23-hour and 25-hour days and where their hours fall', () => {
    expect(hoursInDay('America/New_York', '2026-03-08')).toBe(23);
    expect(hoursInDay('America/New_York', '2026-11-01')).toBe(25);
    expect(hoursInDay('America/New_York', '2026-03-09')).toBe(24);
    expect(hourLabelsOfDay('America/New_York', '2026-03-08')).toEqual(springLabels);
    expect(hourLabelsOfDay('America/New_York', '2026-11-01')).toEqual(all24);
    expect(localHourStart('America/New_York', '2026-03-08', 1)).toBe(utc('2026-03-08T06:00:00Z'));
    expect(localHourStart('America/New_York', '2026-03-08', 3)).toBe(utc('2026-03-08T07:00:00Z'));
    expect(localHourStart('America/New_York', '2026-11-01', 1)).toBe(utc('2026-11-01T05:00:00Z'));
    expect(localHourStart('America/New_York', '2026-11-01', 2)).toBe(utc('2026-11-01T07:00:00Z'));
  });

  it('sums the hours of a 23-hour and a 25-hour day, and places hours at their real instants', () => {
    const c = openTestCache();
    c.write(ids.rn, [ids.ny], ['2026-03-07'], nyHours('2026-03-07', all24));
    c.write(ids.rn, [ids.ny], ['2026-03-08'], nyHours('2026-03-08', springLabels));
    // The repeated 01:00 of 1 November arrives as one wall-clock hour holding two hours of counts.
    c.write(ids.rn, [ids.ny], ['2026-11-01'], nyHours('2026-11-01', all24, 1));

    const days = runReport(c.db, { nodeId: ids.ny, from: '2026-03-07', to: '2026-03-09', granularity: 'day' }, new Date('2026-03-10T12:00:00Z'));
    // Hand sums: 1+2+...+24 = 300; without hour 2 (3 entries): 297.
    expect(bucket(days, '2026-03-07').sums.rnIn).toBe(300);
    expect(bucket(days, '2026-03-08').sums.rnIn).toBe(297);
    expect(bucket(days, '2026-03-08').sums.rnOut).toBe(276 - 2);
    // Flow and Exteros (linked to this store too) were never synced: the day is marked as missing data.
    expect(bucket(days, '2026-03-08').validity).toMatchObject({ hours: 23, incompleteHours: 1, imputedHours: 1, missing: true });
    expect(days.gaps.find((g) => g.vendor === 'retailnext')).toMatchObject({ missing: [{ from: '2026-03-09', to: '2026-03-09' }] });
    expect(days.gaps.find((g) => g.vendor === 'flow')).toMatchObject({ missingDays: 3 });
    expect(bucket(days, '2026-03-09').sums.rnIn).toBeNull();
    expect(bucket(days, '2026-03-09').validity.missing).toBe(true);
    expect(days.totals.sums.rnIn).toBe(597);
    // Occupancy against the limit of 10: the peak hour (23) is 2.3x the limit on both days.
    expect(bucket(days, '2026-03-08').occupancy).toMatchObject({ peak: 23, limit: 10, overLimit: 1 });
    expect(bucket(days, '2026-03-08').occupancy.peakShareOfLimit).toBeCloseTo(2.3, 10);
    expect(days.totals.occupancy.overLimit).toBe(2);

    const spring = runReport(c.db, { nodeId: ids.ny, from: '2026-03-08', to: '2026-03-08', granularity: 'hour' }, new Date('2026-03-10T12:00:00Z'));
    expect(spring.hourAxis).toBe('instant');
    expect(spring.buckets).toHaveLength(23);
    expect(spring.buckets.map((b) => b.hour)).toEqual(springLabels);
    expect(bucket(spring, '2026-03-08 03').x).toBe(utc('2026-03-08T07:00:00Z'));
    expect(bucket(spring, '2026-03-08 01').x).toBe(utc('2026-03-08T06:00:00Z'));
    expect(bucket(spring, '2026-03-08 12').validity.incompleteHours).toBe(1);
    // Store-hours over the limit of 10: labels 11..23 = 13 hours.
    expect(spring.totals.occupancy.overLimit).toBe(13);

    const autumn = runReport(c.db, { nodeId: ids.ny, from: '2026-11-01', to: '2026-11-01', granularity: 'day' }, new Date('2026-11-05T12:00:00Z'));
    expect(bucket(autumn, '2026-11-01').sums.rnIn).toBe(302);
    const autumnHours = runReport(c.db, { nodeId: ids.ny, from: '2026-11-01', to: '2026-11-01', granularity: 'hour' }, new Date('2026-11-05T12:00:00Z'));
    expect(autumnHours.buckets).toHaveLength(24);
    expect(bucket(autumnHours, '2026-11-01 01')).toMatchObject({ x: utc('2026-11-01T05:00:00Z') });
    expect(bucket(autumnHours, '2026-11-01 01').sums.rnIn).toBe(4);
    expect(bucket(autumnHours, '2026-11-01 02').x).toBe(utc('2026-11-01T07:00:00Z'));
    expect(autumnHours.totals.sums.rnIn).toBe(302);
  });

  it('sets predicted traffic against the counts of the same hours', () => {
    const c = openTestCache();
    c.write(ids.rn, [ids.ny], ['2026-03-08'], nyHours('2026-03-08', springLabels));
    const p = c.db.prepare("INSERT INTO report_predicted_hourly VALUES (?, ?, '2026-03-08', ?, ?, 't')");
    p.run(ids.rn, ids.ny, 12, 10);
    p.run(ids.rn, ids.ny, 13, 20);
    const r = runReport(c.db, { nodeId: ids.ny, from: '2026-03-08', to: '2026-03-08', granularity: 'day' }, new Date('2026-03-10T12:00:00Z'));
    const b = bucket(r, '2026-03-08');
    // counted at 12:00 and 13:00: 13 + 14 = 27
    expect(b.sums).toMatchObject({ predicted: 30, predictedActual: 27, predictedMatched: 30 });
    expect(b.ratios.predictionAccuracy).toBeCloseTo(30 / 27, 12);
  });
});

describe('roll-ups and comparisons', () => {
  /** Chicago: one hour a day at noon, enters = day of month (2025: twice that). */
  function fillChicago() {
    const c = openTestCache();
    const write = (days: string[], f: (d: number) => number) => c.write(ids.rn, [ids.chicago], days, days.map((day) => ({ storeKey: ids.chicago, day, hour: 12, enters: f(Number(day.slice(8))), exits: 0 })));
    const month = (m: string, n: number) => Array.from({ length: n }, (_, i) => `${m}-${String(i + 1).padStart(2, '0')}`);
    write(month('2026-02', 28), (d) => d);
    write(month('2026-03', 31), (d) => d);
    write(month('2025-03', 31), (d) => 2 * d);
    return c;
  }
  const now = new Date('2026-04-10T12:00:00Z');

  it('a month is the sum of its days; compares with the previous period and last year', () => {
    const c = fillChicago();
    const r = runReport(c.db, { nodeId: ids.chicago, from: '2026-03-01', to: '2026-03-31', granularity: 'month', lastYear: 'date' }, now);
    expect(r.buckets).toHaveLength(1);
    expect(r.buckets[0]!.sums.rnIn).toBe(496); // 1 + ... + 31
    expect(r.buckets[0]!.days).toBe(31);
    // By month the previous period is the previous calendar month: all of February, not 29 January - 28 February.
    expect(r.previous).toMatchObject({ from: '2026-02-01', to: '2026-02-28', traffic: [406] });
    expect(r.previous.totals.sums.rnIn).toBe(406); // 1 + ... + 28
    expect(r.lastYearMatch).toBe('date');
    expect(r.lastYear).toMatchObject({ from: '2025-03-01', to: '2025-03-31' });
    expect(r.lastYear.totals.sums.rnIn).toBe(992);
    expect(r.lastYear.traffic).toEqual([992]);
    // Flow (linked to this store) was never synced for March 2025.
    expect(r.lastYear.totals.validity.missing).toBe(true);
  });

  it('compares day by day, and says a comparison period lacks days only when a store lacks one', () => {
    const c = fillChicago();
    // Flow (linked to this store by its code) has March 2025 and 26 February - 31 March 2026.
    const flowDays = [...Array.from({ length: 31 }, (_, i) => `2025-03-${String(i + 1).padStart(2, '0')}`), '2026-02-26', '2026-02-27', '2026-02-28', ...Array.from({ length: 31 }, (_, i) => `2026-03-${String(i + 1).padStart(2, '0')}`)];
    c.write(ids.flow, ['102'], flowDays, flowDays.map((day) => ({ storeKey: '102', day, hour: 12, enters: 1000, exits: 0, sales: 10, transactions: 1, itemsSold: 2 })));
    const r = runReport(c.db, { nodeId: ids.chicago, from: '2026-03-01', to: '2026-03-31', granularity: 'day', lastYear: 'date' }, now);
    expect(r.lastYear.traffic).toEqual(Array.from({ length: 31 }, (_, i) => 2 * (i + 1)));
    expect(r.lastYear.totals.sums).toMatchObject({ rnIn: 992, flowIn: 31_000, sales: 310, transactions: 31, itemsSold: 62 });
    expect(r.lastYear.totals.ratios.conversion).toBeCloseTo(31 / 31_000, 12);
    expect(r.lastYear.totals.validity.missing).toBe(false);
    expect(r.previous).toMatchObject({ from: '2026-01-29', to: '2026-02-28' });
    expect(r.previous.traffic.slice(0, 4)).toEqual([null, null, null, 1]);
    expect(r.previous.totals.sums.rnIn).toBe(406);
    expect(r.previous.totals.validity.missing).toBe(true);
    // The held days of months cut by the range: 15-31 March of one store, 17 days, none missing.
    const cut = runReport(c.db, { nodeId: ids.chicago, from: '2026-03-15', to: '2026-03-31', granularity: 'day' }, now);
    expect(cut.gaps).toEqual([]);
    expect(cut.previous).toMatchObject({ from: '2026-02-26', to: '2026-03-14' });
    expect(cut.previous.totals.sums.rnIn).toBe(26 + 27 + 28 + 105); // 26-28 February, then 1 + ... + 14 March
    expect(cut.previous.totals.validity.missing).toBe(false);
  });

  it('months cut by the range are summed from their days', () => {
    const c = fillChicago();
    const r = runReport(c.db, { nodeId: ids.chicago, from: '2026-02-15', to: '2026-03-31', granularity: 'month' }, now);
    expect(r.buckets.map((b) => [b.key, b.sums.rnIn, b.days])).toEqual([['2026-02', 301, 14], ['2026-03', 496, 31]]);
  });

  it('a month cut by the range is read whole when its stores hold no day outside the range', () => {
    const c = fillChicago();
    const april = Array.from({ length: 10 }, (_, i) => `2026-04-${String(i + 1).padStart(2, '0')}`);
    c.write(ids.rn, [ids.chicago], april, april.map((day) => ({ storeKey: ids.chicago, day, hour: 12, enters: Number(day.slice(8)), exits: 0 })));
    const r = runReport(c.db, { nodeId: ids.chicago, from: '2026-03-01', to: '2026-04-10', granularity: 'month' }, now);
    expect(r.buckets.map((b) => [b.key, b.sums.rnIn, b.days])).toEqual([['2026-03', 496, 31], ['2026-04', 55, 10]]);
    // Cut before its last held day, April is summed from its days.
    const cut = runReport(c.db, { nodeId: ids.chicago, from: '2026-03-01', to: '2026-04-04', granularity: 'month' }, now);
    expect(cut.buckets.map((b) => [b.key, b.sums.rnIn, b.days])).toEqual([['2026-03', 496, 31], ['2026-04', 10, 4]]);
    // The previous period of 1-10 April by month is 1-10 March: March is cut and holds days outside it.
    const prev = runReport(c.db, { nodeId: ids.chicago, from: '2026-04-01', to: '2026-04-10', granularity: 'month' }, now);
    expect(prev.previous).toMatchObject({ from: '2026-03-01', to: '2026-03-10', traffic: [55] });
  });

  it('last year is matched by weekday (364 days earlier) unless asked by date; weeks and months fold the days into their own periods', () => {
    const c = fillChicago();
    // 1-31 March 2026 (a Sunday to a Tuesday) against 2 March - 1 April 2025 (a Sunday to a Tuesday).
    const r = runReport(c.db, { nodeId: ids.chicago, from: '2026-03-01', to: '2026-03-31', granularity: 'day' }, now);
    expect(r.lastYearMatch).toBe('weekday');
    expect(r.lastYear).toMatchObject({ from: '2025-03-02', to: '2025-04-01' });
    expect(new Date('2025-03-02T00:00:00Z').getUTCDay()).toBe(new Date('2026-03-01T00:00:00Z').getUTCDay());
    // 2-31 March 2025 held (2 x day); 1 April 2025 never synced.
    expect(r.lastYear.traffic).toEqual([...Array.from({ length: 30 }, (_, i) => 2 * (i + 2)), null]);
    const month = runReport(c.db, { nodeId: ids.chicago, from: '2026-03-01', to: '2026-03-31', granularity: 'month' }, now);
    expect(month.lastYear).toMatchObject({ from: '2025-03-02', to: '2025-04-01', traffic: [992 - 2] });
    const weeks = runReport(c.db, { nodeId: ids.chicago, from: '2026-03-02', to: '2026-03-15', granularity: 'week' }, now);
    // Monday 2 March 2026 <- Monday 3 March 2025: 2 x (3 + ... + 9), 2 x (10 + ... + 16)
    expect(weeks.lastYear).toMatchObject({ from: '2025-03-03', to: '2025-03-16', traffic: [2 * 42, 2 * 91] });
  });

  it('weeks start on Monday and are cut by the range', () => {
    const c = fillChicago();
    const whole = runReport(c.db, { nodeId: ids.chicago, from: '2026-03-02', to: '2026-03-15', granularity: 'week' }, now);
    expect(whole.buckets.map((b) => [b.key, b.sums.rnIn, b.days])).toEqual([['2026-03-02', 35, 7], ['2026-03-09', 84, 7]]);
    const cut = runReport(c.db, { nodeId: ids.chicago, from: '2026-03-04', to: '2026-03-10', granularity: 'week' }, now);
    expect(cut.buckets.map((b) => [b.key, b.sums.rnIn, b.days])).toEqual([['2026-03-02', 30, 5], ['2026-03-09', 19, 2]]);
  });

  it('a region sums its stores', () => {
    const c = fillChicago();
    c.write(ids.rn, [ids.ny], ['2026-03-07'], nyHours('2026-03-07', all24));
    const r = runReport(c.db, { nodeId: ids.region, from: '2026-03-07', to: '2026-03-07', granularity: 'day' }, now);
    expect(r.buckets[0]!.sums.rnIn).toBe(300 + 7);
    expect(r.timeZones).toEqual(['America/Chicago', 'America/New_York']);
    expect(r.hourAxis).toBe('wall_clock');
  });
});

describe("Flow: the document's example row", () => {
  it('traffic is the sum over entrances; conversion, ATV, UPT and sales per visitor follow from it', () => {
    const c = openTestCache();
    const doc = flowHourlyResponse.parse(JSON.parse(fs.readFileSync(path.join(__dirname, '../vendors/fixtures/flow-hourly.json'), 'utf8')));
    const hours = (doc.data ?? []).map(normaliseFlowRecord);
    c.write(ids.flow, ['101'], ['2026-04-19'], hours.map((h) => ({ storeKey: h.storeCode, day: h.day, hour: h.hour, enters: h.enters, exits: h.exits, entrances: h.entrances, demographics: h.demographics, sales: h.sales, transactions: h.transactions, itemsSold: h.itemsSold })));
    const r = runReport(c.db, { nodeId: ids.ny, from: '2026-04-19', to: '2026-04-19', granularity: 'day' }, new Date('2026-04-20T12:00:00Z'));
    const b = bucket(r, '2026-04-19');
    expect(b.sums).toMatchObject({ flowIn: 37, flowOut: 47, sales: 51854, transactions: 12, itemsSold: 22, male_19_44: 11, female_19_44: 50, male_18_under: 0 });
    expect(b.ratios.conversion).toBeCloseTo(12 / 37, 12);
    expect(b.ratios.atv).toBeCloseTo(51854 / 12, 9);
    expect(b.ratios.upt).toBeCloseTo(22 / 12, 12);
    expect(b.ratios.salesPerVisitor).toBeCloseTo(51854 / 37, 9);
    // RetailNext and Exteros were never synced: no data, not zero.
    expect(b.sums.rnIn).toBeNull();
    expect(b.sums.impressions).toBeNull();
    // The hour sits at 11:00 New York time.
    const hourly = runReport(c.db, { nodeId: ids.ny, from: '2026-04-19', to: '2026-04-19', granularity: 'hour' }, new Date('2026-04-20T12:00:00Z'));
    expect(bucket(hourly, '2026-04-19 11')).toMatchObject({ x: utc('2026-04-19T15:00:00Z') });
    expect(bucket(hourly, '2026-04-19 11').sums.flowIn).toBe(37);
  });
});

describe('ratios with a zero denominator and gaps', () => {
  it('says n/a (null) for a zero denominator, and keeps a real zero', () => {
    const c = openTestCache();
    c.write(ids.flow, ['101'], ['2026-04-18'], [{ storeKey: '101', day: '2026-04-18', hour: 10, enters: 0, exits: 0, sales: 0, transactions: 0, itemsSold: 0 }]);
    c.write(ids.flow, ['101'], ['2026-04-19'], [{ storeKey: '101', day: '2026-04-19', hour: 10, enters: 5, exits: 4, sales: 0, transactions: 0, itemsSold: 0 }]);
    c.write(ids.exteros, ['madison-ave-store'], ['2026-04-18'], [{ storeKey: 'madison-ave-store', day: '2026-04-18', hour: 10, impressions: 0, discoveries: 0, engagements: 0, interactions: 0 }]);
    const r = runReport(c.db, { nodeId: ids.ny, from: '2026-04-18', to: '2026-04-19', granularity: 'day' }, new Date('2026-04-20T12:00:00Z'));
    const empty = bucket(r, '2026-04-18');
    expect(empty.ratios).toMatchObject({ conversion: null, atv: null, upt: null, salesPerVisitor: null, discoveryRate: null, engagementRate: null, interactionRate: null });
    expect(empty.sums.impressions).toBe(0);
    const quiet = bucket(r, '2026-04-19');
    expect(quiet.ratios.conversion).toBe(0);
    expect(quiet.ratios.atv).toBeNull();
  });

  it('lists missing and stale store-days per source with the last sync, and flags their periods', () => {
    const c = openTestCache(['101']);
    const row = (day: string): KpiRow => ({ storeKey: '101', day, hour: 10, enters: 3, exits: 3, sales: 100, transactions: 1, itemsSold: 1 });
    // 17 April fetched while it was still running (today then), never fetched again: stale now.
    c.write(ids.flow, ['101'], ['2026-04-17'], [row('2026-04-17')], { today: '2026-04-17', fetchedAt: '2026-04-17T15:00:00.000Z' });
    c.write(ids.flow, ['101'], ['2026-04-18'], [row('2026-04-18')], { today: '2026-04-19', fetchedAt: '2026-04-19T09:00:00.000Z' });
    const r = runReport(c.db, { nodeId: ids.ny, from: '2026-04-17', to: '2026-04-21', granularity: 'day' }, new Date('2026-04-20T16:00:00Z'));
    const flowGap = r.gaps.find((g) => g.vendor === 'flow')!;
    expect(flowGap).toMatchObject({
      storeName: 'Madison Ave Store',
      missing: [{ from: '2026-04-19', to: '2026-04-20' }],
      missingDays: 2,
      staleDays: ['2026-04-17'],
      lastSyncedAt: '2026-04-19T09:00:00.000Z',
    });
    // RetailNext and Exteros hold nothing: every day up to today (20 April in New York) is missing.
    expect(r.gaps.find((g) => g.vendor === 'retailnext')).toMatchObject({ missingDays: 4, lastSyncedAt: null });
    expect(bucket(r, '2026-04-17').validity).toMatchObject({ stale: true });
    expect(bucket(r, '2026-04-19').validity.missing).toBe(true);
    // 21 April is still ahead in New York: not a gap.
    expect(bucket(r, '2026-04-21').validity.missing).toBe(false);
    expect(r.sources.find((s) => s.vendor === 'flow')).toMatchObject({ stores: 1, lastSyncedAt: '2026-04-19T09:00:00.000Z' });
    expect(r.storesWithoutData).toBe(0);
  });
});

describe('heat map and peak hours', () => {
  it('averages traffic per weekday and hour over the days that have data', () => {
    const c = openTestCache();
    c.write(ids.rn, [ids.ny], ['2026-03-07'], nyHours('2026-03-07', all24)); // a Saturday
    c.write(ids.rn, [ids.ny], ['2026-03-14'], nyHours('2026-03-14', all24).map((h) => ({ ...h, enters: (h.enters ?? 0) * 3 }))); // the next Saturday
    c.write(ids.rn, [ids.ny], ['2026-03-08'], nyHours('2026-03-08', springLabels)); // Sunday, 23 hours
    const h = heatmap(c.db, ids.ny, '2026-03-07', '2026-03-14');
    expect(h.source).toBe('retailnext');
    expect(h.daysPerWeekday).toEqual([1, 0, 0, 0, 0, 0, 2]);
    expect(h.cells[6]![0]).toBe((1 + 3) / 2);
    expect(h.cells[6]![23]).toBe((24 + 72) / 2);
    expect(h.cells[0]![2]).toBeNull(); // 02:00 did not exist that Sunday
    expect(h.cells[0]![3]).toBe(4);
    expect(h.cells[1]![10]).toBeNull(); // no Monday in the data
    // Hour 23 over the 3 days with data: (24 + 72 + 24) / 3.
    expect(h.peakHours[0]).toEqual({ hour: 23, average: 40 });
  });
});

describe('the day and month sums kept by the cache', () => {
  it('follow a store-day written again and one deleted', () => {
    const c = openTestCache();
    const day = (d: string, enters: number): KpiRow[] => [{ storeKey: ids.ny, day: d, hour: 10, enters }, { storeKey: ids.ny, day: d, hour: 11, enters: 1 }];
    c.write(ids.rn, [ids.ny], ['2026-05-01'], day('2026-05-01', 10));
    c.write(ids.rn, [ids.ny], ['2026-05-02'], day('2026-05-02', 20));
    const month = () => c.db.prepare("SELECT days, hours, enters FROM report_kpi_months WHERE connection_id = ? AND store_key = ? AND month = '2026-05'").get(ids.rn, ids.ny);
    expect(month()).toEqual({ days: 2, hours: 4, enters: 32 });
    c.write(ids.rn, [ids.ny], ['2026-05-02'], day('2026-05-02', 5)); // fetched again, new numbers
    expect(month()).toEqual({ days: 2, hours: 4, enters: 17 });
    c.db.prepare("DELETE FROM kpi_days WHERE store_key = ? AND day = '2026-05-02'").run(ids.ny);
    expect(month()).toEqual({ days: 1, hours: 2, enters: 11 });
    c.db.prepare("DELETE FROM kpi_days WHERE store_key = ? AND day = '2026-05-01'").run(ids.ny);
    expect(month()).toBeUndefined();
  });

  it("hold, column by column, what summing each month's days again gives, whatever order the days come in", () => {
    const c = openTestCache();
    // Each column the month keeps, summed afresh from the day rows (as migration 3's trigger did).
    const resummed = () =>
      c.db.prepare(
        `SELECT connection_id, store_key, substr(day, 1, 7) AS month, COUNT(*) AS days, SUM(1 << (CAST(substr(day, 9, 2) AS INTEGER) - 1)) AS day_mask,
                SUM(status = 'provisional') AS provisional_days, MAX(fetched_at) AS last_fetched_at, SUM(hours) AS hours,
                ${summedColumns.map((col) => `SUM(${col}) AS ${col}`).join(', ')}, MAX(occupancy_max) AS occupancy_max, SUM(incomplete_hours) AS incomplete_hours, SUM(imputed_hours) AS imputed_hours
         FROM report_kpi_days GROUP BY connection_id, store_key, month ORDER BY connection_id, store_key, month`,
      ).all();
    const kept = () => c.db.prepare('SELECT * FROM report_kpi_months ORDER BY connection_id, store_key, month').all();
    // RetailNext (occupancy, validity; no sales: NULL sums), days out of order, across a month's end.
    for (const d of ['2026-05-03', '2026-05-01', '2026-04-30', '2026-05-31', '2026-05-02']) c.write(ids.rn, [ids.ny], [d], nyHours(d, [9, 12, 13, 14]), { fetchedAt: `${d}T23:00:00.000Z` });
    // A store-day with no hours at all, and today's provisional day.
    c.write(ids.rn, [ids.chicago], ['2026-05-04', '2026-05-05'], [{ storeKey: ids.chicago, day: '2026-05-05', hour: 10, enters: 4, exits: 3, occupancy: null }], { today: '2026-05-05' });
    // Flow: sales, demographics, and an hour whose sales are missing.
    const flowHour = (store: string, day: string, hour: number, sales: number | null): KpiRow => ({ storeKey: store, day, hour, enters: 10, exits: 9, sales, transactions: 3, itemsSold: 5, demographics: { male_19_44: 2, female_19_44: 1.5 } });
    c.write(ids.flow, ['101', '102'], ['2026-05-01'], [flowHour('101', '2026-05-01', 10, 120.5), flowHour('102', '2026-05-01', 10, null)]);
    c.write(ids.flow, ['101', '102'], ['2026-05-02'], [flowHour('101', '2026-05-02', 10, 80.25), flowHour('102', '2026-05-02', 11, 3)]);
    expect(kept()).toEqual(resummed());
    expect(kept()).toHaveLength(5);
    // Written again with other numbers (the day's sums replaced, not added twice), and one deleted.
    c.write(ids.rn, [ids.ny], ['2026-05-01'], nyHours('2026-05-01', [10]), { fetchedAt: '2026-05-09T00:00:00.000Z' });
    c.write(ids.flow, ['101'], ['2026-05-02'], [flowHour('101', '2026-05-02', 12, 1)]);
    c.db.prepare("DELETE FROM kpi_days WHERE store_key = ? AND day = '2026-05-03'").run(ids.ny);
    expect(kept()).toEqual(resummed());
    expect(c.db.prepare("SELECT days, sales FROM report_kpi_months WHERE store_key = '102'").get()).toEqual({ days: 2, sales: 3 });
  });

  it('a cache made before days were added into months keeps its month rows and goes on from them', () => {
    const file = path.join(tempDir('roc-reports-'), 'cache.sqlite');
    const before = seedTestCache(openDatabase({ file, migrations: migrations.filter((m) => m.version < 13) }));
    before.write(ids.rn, [ids.ny], ['2026-05-01', '2026-05-02'], [...nyHours('2026-05-01', [9, 10]), ...nyHours('2026-05-02', [9])]);
    before.db.close();
    const db = openDatabase({ file });
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(13);
    const month = () => db.prepare("SELECT days, day_mask, hours, enters FROM report_kpi_months WHERE store_key = ? AND month = '2026-05'").get(ids.ny);
    expect(month()).toEqual({ days: 2, day_mask: 0b11, hours: 3, enters: 31 });
    new KpiStore(db).writeSlice(ids.rn, [ids.ny], ['2026-05-04'], nyHours('2026-05-04', [12]), '2099-01-01', '2026-05-05T00:00:00.000Z', null);
    expect(month()).toEqual({ days: 3, day_mask: 0b1011, hours: 4, enters: 44 });
    db.close();
  });
});
