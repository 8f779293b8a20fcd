import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../src/main/db/migrations';
import { openDatabase, type Db } from '../../src/main/db/open';
import { deleteReportDaySql, insertReportDaySql, reportDayFromHoursSql } from '../../src/main/reports/daySums';
import { kpiSliceJob, type KpiRow, type KpiSlice } from '../../src/main/sync/kpiStore';
import { runJobSteps, statementCache } from '../../src/main/sync/writer/job';
import { tempDir } from '../support/temp';

// Migration 14: the sync writes each store-day's report row from the hours it has in hand; up to
// migration 13 triggers on kpi_days read the hours back. Both must leave the same days and months.

const beforeDaySums = migrations.filter((m) => m.version <= 13);

function open(dir: string, list = migrations): Db {
  const db = openDatabase({ file: path.join(dir, 'cache.sqlite'), migrations: list });
  if (list === beforeDaySums) db.prepare("INSERT INTO connections (id, vendor, name, created_at, updated_at) VALUES ('c1', 'flow', 'F', 't', 't')").run();
  return db;
}

/** Hours with fractions (SUM's rounding shows), nulls, flags, an occupancy, and some hours missing. */
function hoursOf(stores: string[], days: string[], seed: number): KpiRow[] {
  const rows: KpiRow[] = [];
  let x = seed;
  const next = () => (x = (x * 48271) % 2147483647) / 2147483647;
  for (const storeKey of stores)
    for (const day of days)
      for (let hour = 0; hour < 24; hour++) {
        if (next() < 0.1) continue;
        rows.push({
          storeKey, day, hour, enters: Math.round(next() * 90), exits: next() < 0.2 ? null : Math.round(next() * 90), occupancy: next() < 0.5 ? null : next() * 40,
          sales: next() < 0.3 ? null : Math.round(next() * 1e6) / 100, transactions: 0.1 * Math.round(next() * 30), itemsSold: next() * 1e-3 + 1e9,
          demographics: next() < 0.5 ? null : { male_19_44: Math.round(next() * 9), female_60_plus: 0.3 },
          entrances: { '001': { enters: 1, exits: 2 } }, validity: next() < 0.2 ? 'incomplete' : next() < 0.2 ? 'imputed' : 'complete',
        });
      }
  return rows;
}

const reportSteps = new Set([deleteReportDaySql, insertReportDaySql, reportDayFromHoursSql]);

/** Writes a slice as the sync does; on a cache before migration 14, as it did then (its triggers sum the days). */
function write(db: Db, slice: Omit<KpiSlice, 'connectionId' | 'today' | 'fetchedAt' | 'runId'> & { fetchedAt?: string }): void {
  const job = kpiSliceJob({ connectionId: 'c1', today: '2026-03-30', fetchedAt: '2026-03-30T10:00:00.000Z', runId: null, ...slice });
  if ((db.pragma('user_version', { simple: true }) as number) < 14) job.steps = job.steps.filter((s) => !reportSteps.has(s.sql));
  db.transaction(() => runJobSteps(statementCache(db), job)).immediate();
}

const reportRows = (db: Db) => ({
  days: db.prepare('SELECT * FROM report_kpi_days ORDER BY connection_id, store_key, day').all(),
  months: db.prepare('SELECT * FROM report_kpi_months ORDER BY connection_id, store_key, month').all(),
});

const stores = ['S1', 'S2', 'S3'];
const march = Array.from({ length: 30 }, (_, i) => `2026-03-${String(i + 1).padStart(2, '0')}`);

/** A first fetch of March. */
function first(db: Db): void {
  for (const day of march) write(db, { storeKeys: stores, days: [day], rows: hoursOf(stores, [day], day.length + Number(day.slice(8))) });
}

/** Days already held fetched again: whole days over several days, single hours, a day now empty, a provisional day. */
function again(db: Db): void {
  write(db, { storeKeys: ['S1', 'S2'], days: march.slice(3, 9), rows: hoursOf(['S1', 'S2'], march.slice(3, 9), 77), fetchedAt: '2026-03-30T11:00:00.000Z' });
  write(db, { storeKeys: ['S3'], days: ['2026-03-10'], hours: [4, 5], rows: hoursOf(['S3'], ['2026-03-10'], 5).filter((r) => r.hour === 4 || r.hour === 5), fetchedAt: '2026-03-30T12:00:00.000Z' });
  write(db, { storeKeys: ['S2'], days: ['2026-03-12'], rows: [], fetchedAt: '2026-03-30T13:00:00.000Z' });
  write(db, { storeKeys: stores, days: ['2026-03-30'], rows: hoursOf(stores, ['2026-03-30'], 999), fetchedAt: '2026-03-30T14:00:00.000Z' });
  // Hours not in order: the vendor's own order, and a repeated hour (a clock change's second pass, kept as hour + 24).
  write(db, { storeKeys: ['S1'], days: ['2026-03-20'], rows: hoursOf(['S1'], ['2026-03-20'], 31).reverse(), fetchedAt: '2026-03-30T15:00:00.000Z' });
  const day = hoursOf(['S2'], ['2026-03-29'], 41);
  write(db, { storeKeys: ['S2'], days: ['2026-03-29'], rows: [...day.slice(0, 3), { ...day[2]!, enters: 7, sales: 0.7 }, ...day.slice(3)], fetchedAt: '2026-03-30T16:00:00.000Z' });
}

describe('report days and months written by the sync (migration 14)', () => {
  it('hold exactly what the triggers of migrations 3 and 13 gave, on a new cache and on one migrated between two fetches', () => {
    const before = open(tempDir('roc-daysums-'), beforeDaySums);
    first(before);
    const expectedFirst = reportRows(before);
    again(before);
    const expected = reportRows(before);
    before.close();
    expect(expected.days.length).toBe(90);
    expect(expected.months.length).toBe(3);
    expect(expected).not.toEqual(expectedFirst);

    const dir = tempDir('roc-daysums-');
    open(dir, beforeDaySums).close();
    const now = open(dir);
    expect(now.pragma('user_version', { simple: true })).toBe(14);
    first(now);
    expect(reportRows(now)).toEqual(expectedFirst);
    again(now);
    expect(reportRows(now)).toEqual(expected);
    now.close();

    // An existing cache: March written by the triggers, then migrated, then days fetched again by the sync.
    const existing = tempDir('roc-daysums-');
    const old = open(existing, beforeDaySums);
    first(old);
    old.close();
    const migrated = open(existing);
    expect(migrated.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'kpi_days'").all()).toEqual([{ name: 'report_day_after_delete' }]);
    expect(reportRows(migrated)).toEqual(expectedFirst);
    again(migrated);
    expect(reportRows(migrated)).toEqual(expected);
    migrated.close();
  });
});
