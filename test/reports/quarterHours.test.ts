import { describe, expect, it } from 'vitest';
import { reportTree, runReport } from '../../src/main/reports/report';
import { StoreDirectory } from '../../src/main/reports/directory';
import { exterosDay } from '../../src/main/sync/kpiJobs';
import type { ExterosCount } from '../../src/main/vendors/exteros/client';
import type { AppError } from '../../src/shared/contract/errors';
import { hourLabelsOfDay } from '../../src/shared/reports/time';
import type { ReportResult } from '../../src/shared/reports/types';
import { ids, openTestCache, type TestCache } from './cache';

// Exteros at 15 minutes and for chosen hours, read from the cache. The New York store is the one
// Exteros covers ("madison-ave-store"); Lakeside (Chicago) has RetailNext only. Dates are pinned:
// 19 April 2026 an ordinary day, 8 March 2026 New York's spring-forward day (no 02:00-02:59),
// 1 November 2026 its autumn day (01:00-01:59 twice).

const ex = 'madison-ave-store';
const metrics = ['impressions', 'discoveries', 'engagements', 'interactions'] as const;

/** Exteros' four answers at interval=15min for the given (hour, minute) quarters, in the order sent: impressions = hour * 100 + minute. */
function answers(quarters: Array<[number, number]>): ExterosCount[][] {
  return metrics.map((_, i) => quarters.map(([hour, minute]) => ({ hour, minute, value: (hour * 100 + minute) / (i + 1) })));
}

/** Writes one location-day the way the KPI sync does: exterosDay() on the answers, one slice. */
function sync(c: TestCache, day: string, quarters: Array<[number, number]>, today = '2099-01-01'): void {
  const { hours, quarters: q } = exterosDay(ex, day, answers(quarters));
  c.kpis.writeSlice(ids.exteros, [ex], [day], hours, today, '2026-12-01T08:00:00.000Z', null, q ?? undefined);
}

const quartersOf = (hours: number[]) => hours.flatMap((h) => [0, 15, 30, 45].map((m) => [h, m] as [number, number]));
const keys = (r: ReportResult) => r.buckets.map((b) => b.key.slice(11));
const impressions = (r: ReportResult) => r.buckets.map((b) => b.sums.impressions);

describe('Exteros at 15 minutes', () => {
  it('shows every quarter of an ordinary day at its instant, with hours that are their sums', () => {
    const c = openTestCache();
    sync(c, '2026-04-19', quartersOf([9, 10, 11]));
    const now = new Date('2026-04-25T12:00:00Z');
    const r = runReport(c.db, { nodeId: ids.ny, from: '2026-04-19', to: '2026-04-19', granularity: '15min' }, now);
    expect(r.buckets).toHaveLength(96);
    const b = r.buckets.find((x) => x.key === '2026-04-19 10:15')!;
    expect(b).toMatchObject({ label: '2026-04-19 10:15', hour: 10, minute: 15 });
    expect(b.x).toBe(Date.parse('2026-04-19T14:15:00Z')); // 10:15 in New York (UTC-4)
    expect(b.sums.impressions).toBe(1015);
    expect(b.sums.interactions).toBe(1015 / 4);
    expect(b.ratios.discoveryRate).toBeCloseTo(0.5);
    // Closed quarters have no data (null, not 0); RetailNext and Flow have nothing at 15 minutes.
    expect(r.buckets.find((x) => x.key === '2026-04-19 08:45')!.sums.impressions).toBeNull();
    expect(b.sums.rnIn).toBeNull();
    expect(r.totals.sums.impressions).toBe(quartersOf([9, 10, 11]).reduce((n, [h, m]) => n + h * 100 + m, 0));
    expect(r.hourOnlyDays).toBe(0);
    // The hour report of the same day: its hours are the quarters' sums.
    const hourly = runReport(c.db, { nodeId: ids.ny, from: '2026-04-19', to: '2026-04-19', granularity: 'hour' }, now);
    expect(hourly.buckets.find((x) => x.key === '2026-04-19 10')!.sums.impressions).toBe(1000 + 1015 + 1030 + 1045);
  });

  it('keeps only the chosen hours, at 15 minutes and by the hour', () => {
    const c = openTestCache();
    sync(c, '2026-04-19', quartersOf([9, 10, 11, 12]));
    const now = new Date('2026-04-25T12:00:00Z');
    const r = runReport(c.db, { nodeId: ids.ny, from: '2026-04-19', to: '2026-04-19', granularity: '15min', hours: [11, 10] }, now);
    expect(keys(r)).toEqual(['10:00', '10:15', '10:30', '10:45', '11:00', '11:15', '11:30', '11:45']);
    expect(r.hours).toEqual([10, 11]);
    expect(r.totals.sums.impressions).toBe(quartersOf([10, 11]).reduce((n, [h, m]) => n + h * 100 + m, 0));
    const hourly = runReport(c.db, { nodeId: ids.ny, from: '2026-04-18', to: '2026-04-19', granularity: 'hour', hours: [12] }, now);
    expect(hourly.buckets.map((b) => b.key)).toEqual(['2026-04-18 12', '2026-04-19 12']);
    expect(impressions(hourly)).toEqual([null, 1200 + 1215 + 1230 + 1245]);
    // 18 April was never synced: its kept hour is marked missing, as whole days are.
    expect(hourly.buckets[0]!.validity.missing).toBe(true);
    // Every hour chosen is no filter.
    expect(runReport(c.db, { nodeId: ids.ny, from: '2026-04-19', to: '2026-04-19', granularity: 'hour', hours: Array.from({ length: 24 }, (_, h) => h) }, now).hours).toBeNull();
  });

  it('on the spring-forward day has no 02:xx quarters, and 03:00 follows 01:45 by fifteen minutes', () => {
    const c = openTestCache();
    const labels = hourLabelsOfDay('America/New_York', '2026-03-08');
    expect(labels).not.toContain(2);
    sync(c, '2026-03-08', quartersOf(labels));
    const r = runReport(c.db, { nodeId: ids.ny, from: '2026-03-08', to: '2026-03-08', granularity: '15min' }, new Date('2026-03-10T12:00:00Z'));
    expect(r.buckets).toHaveLength(92);
    expect(keys(r).filter((k) => k.startsWith('02:'))).toEqual([]);
    const i = r.buckets.findIndex((b) => b.key.endsWith('03:00'));
    expect(r.buckets[i - 1]!.key.slice(11)).toBe('01:45');
    expect(r.buckets[i]!.x - r.buckets[i - 1]!.x).toBe(15 * 60_000);
    expect(r.buckets.every((b, j) => j === 0 || b.x - r.buckets[j - 1]!.x === 15 * 60_000)).toBe(true);
  });

  it('on the autumn day keeps the repeated hour\'s second pass as quarters of their own, in time order', () => {
    const c = openTestCache();
    // Exteros sends 01:00-01:45 twice, in order (local wall-clock stamps).
    const sent = quartersOf([0, 1, 1, 2, 3]);
    sync(c, '2026-11-01', sent);
    const r = runReport(c.db, { nodeId: ids.ny, from: '2026-11-01', to: '2026-11-01', granularity: '15min' }, new Date('2026-11-05T12:00:00Z'));
    expect(r.buckets).toHaveLength(100);
    expect(r.buckets.every((b, j) => j === 0 || b.x - r.buckets[j - 1]!.x === 15 * 60_000)).toBe(true);
    const around = r.buckets.filter((b) => b.key.startsWith('2026-11-01 01:') || b.hour === 1).map((b) => b.label.slice(11));
    expect(around).toEqual(['01:00', '01:15', '01:30', '01:45', '01:00 (2nd)', '01:15 (2nd)', '01:30 (2nd)', '01:45 (2nd)']);
    // Both passes counted once each: the day's total is what was sent.
    expect(r.totals.sums.impressions).toBe(sent.reduce((n, [h, m]) => n + h * 100 + m, 0));
    // By the hour the 25-hour day holds both passes apart too.
    const hourly = runReport(c.db, { nodeId: ids.ny, from: '2026-11-01', to: '2026-11-01', granularity: 'hour' }, new Date('2026-11-05T12:00:00Z'));
    expect(hourly.buckets.filter((b) => b.hour === 1).map((b) => b.sums.impressions)).toEqual([400 + 90, 400 + 90]);
  });

  it('counts the store-days held by the hour only, and marks today\'s quarters provisional', () => {
    const c = openTestCache();
    // Synced by an older version: hours, no quarters.
    c.kpis.writeSlice(ids.exteros, [ex], ['2026-04-18'], [{ storeKey: ex, day: '2026-04-18', hour: 10, impressions: 50 }], '2099-01-01', '2026-04-19T00:00:00.000Z', null);
    sync(c, '2026-04-19', quartersOf([10]), '2026-04-19');
    const r = runReport(c.db, { nodeId: ids.ny, from: '2026-04-18', to: '2026-04-19', granularity: '15min' }, new Date('2026-04-19T15:00:00Z'));
    expect(r.hourOnlyDays).toBe(1);
    expect(r.buckets.find((b) => b.key === '2026-04-18 10:00')!.sums.impressions).toBeNull();
    expect(r.buckets.find((b) => b.key === '2026-04-19 10:00')!.validity.provisional).toBe(true);
  });

  it('holds a day the store was closed (four empty answers) at 15 minutes: not counted as by the hour only, not fetched again', () => {
    const c = openTestCache();
    // Sunday 19 April 2026, the store closed all day: Exteros answers [] to each of the four requests.
    expect(exterosDay(ex, '2026-04-19', [[], [], [], []]).quarters).toEqual([]);
    sync(c, '2026-04-19', []);
    expect([...c.kpis.quarterFetchedAt(ids.exteros, '2026-04-19', '2026-04-19').keys()]).toEqual([`${ex}|2026-04-19`]);
    const r = runReport(c.db, { nodeId: ids.ny, from: '2026-04-19', to: '2026-04-19', granularity: '15min' }, new Date('2026-04-25T12:00:00Z'));
    expect(r.hourOnlyDays).toBe(0);
    expect(r.buckets.every((b) => b.sums.impressions === null)).toBe(true);
    // A server that ignored interval=15min (counts without minutes) still gives hours only.
    expect(exterosDay(ex, '2026-04-19', metrics.map(() => [{ hour: 10, minute: null, value: 5 }])).quarters).toBeNull();
  });

  it('says in words where Exteros does not cover the stores, and where hours do not apply; the tree says where it does', () => {
    const c = openTestCache();
    const now = new Date('2026-04-25T12:00:00Z');
    const fail = (q: Parameters<typeof runReport>[1]) => {
      try {
        runReport(c.db, q, now);
      } catch (e) {
        return { code: (e as AppError).code, message: (e as Error).message };
      }
      throw new Error('expected an error');
    };
    expect(fail({ nodeId: ids.chicago, from: '2026-04-19', to: '2026-04-19', granularity: '15min' })).toEqual({
      code: 'invalid_input',
      message: '15-minute counts come from Exteros only, and no Exteros connection covers Lakeside. RetailNext and Flow count by the hour: choose "hour" and every hour.',
    });
    expect(fail({ nodeId: ids.chicago, from: '2026-04-19', to: '2026-04-19', granularity: 'hour', hours: [10] }).message).toMatch(/^Choosing hours of the day comes from Exteros only/);
    expect(fail({ nodeId: ids.ny, from: '2026-04-19', to: '2026-04-19', granularity: 'day', hours: [10] }).message).toMatch(/applies to 15-minute and hour reports/);
    expect(fail({ nodeId: ids.ny, from: '2026-04-01', to: '2026-04-19', granularity: '15min' }).message).toMatch(/at most 14 days/);
    const tree = reportTree(new StoreDirectory(c.db));
    expect(Object.fromEntries(tree.map((n) => [n.id, n.exteros]))).toMatchObject({ all: true, [ids.region]: true, [ids.ny]: true, [ids.chicago]: false });
  });
});
