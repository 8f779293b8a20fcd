import type Database from 'better-sqlite3';
import { summedColumns } from './schema';

const sumList = summedColumns.join(', ');
const dayColumns = `connection_id, store_key, day, status, fetched_at, hours, ${sumList}, occupancy_max, incomplete_hours, imputed_hours`;

/** A store-day's report row goes first (its month is summed again without it: migration 3's delete trigger). */
export const deleteReportDaySql = 'DELETE FROM report_kpi_days WHERE connection_id = ? AND store_key = ? AND day = ?';
/** A store-day's report row from sums its writer made (`DaySums`); the month adds it (migration 13's trigger). */
export const insertReportDaySql = `INSERT INTO report_kpi_days (${dayColumns}) VALUES (${dayColumns.split(', ').map(() => '?').join(', ')})`;
/** A store-day's report row summed from the hours the cache holds (connection, store, day): migration 3's trigger body. */
export const reportDayFromHoursSql = `INSERT INTO report_kpi_days (${dayColumns})
  SELECT d.connection_id, d.store_key, d.day, d.status, d.fetched_at, COUNT(h.hour), ${summedColumns.map((c) => `SUM(h.${c})`).join(', ')}, MAX(h.occupancy),
         COALESCE(SUM(h.validity = 'incomplete'), 0), COALESCE(SUM(h.validity = 'imputed'), 0)
  FROM kpi_days d LEFT JOIN kpi_hourly h ON h.connection_id = d.connection_id AND h.store_key = d.store_key AND h.day = d.day
  WHERE d.connection_id = ? AND d.store_key = ? AND d.day = ?
  GROUP BY d.connection_id, d.store_key, d.day`;

/**
 * SQLite's SUM of REAL values, step by step (3.43's Kahan-Babuska-Neumaier sum, sumStep and
 * sumFinalize in sqlite3.c): the same additions in the same order, so a day summed here holds
 * exactly what `SUM(h.x)` over its hours gave. NULL when nothing was added.
 */
class Sum {
  private s = 0;
  private err = 0;
  private n = 0;

  add(v: number): void {
    const t = this.s + v;
    if (Math.abs(this.s) > Math.abs(v)) this.err += this.s - t + v;
    else this.err += v - t + this.s;
    this.s = t;
    this.n++;
  }

  value(): number | null {
    if (this.n === 0) return null;
    return Number.isFinite(this.err) ? this.s + this.err : this.s;
  }
}

/**
 * A store-day's report row summed from the hour rows its writer inserts (the rows bound to
 * kpi_hourly, `hourColumns` their columns), instead of reading them back: what migration 3's
 * trigger computed, for a day whose hours are exactly these rows.
 */
export class DaySums {
  private readonly sums = summedColumns.map(() => new Sum());
  private hours = 0;
  private occupancy: number | null = null;
  private incomplete = 0;
  private imputed = 0;

  constructor(private readonly at: { summed: number[]; occupancy: number; validity: number }) {}

  static columnsIn(hourColumns: readonly string[]): { summed: number[]; occupancy: number; validity: number } {
    return { summed: summedColumns.map((c) => hourColumns.indexOf(c)), occupancy: hourColumns.indexOf('occupancy'), validity: hourColumns.indexOf('validity') };
  }

  add(row: readonly unknown[]): void {
    this.hours++;
    for (let i = 0; i < this.sums.length; i++) {
      const v = row[this.at.summed[i]!];
      if (typeof v === 'number') this.sums[i]!.add(v);
    }
    const o = row[this.at.occupancy];
    if (typeof o === 'number' && (this.occupancy === null || o > this.occupancy)) this.occupancy = o;
    const validity = row[this.at.validity];
    if (validity === 'incomplete') this.incomplete++;
    else if (validity === 'imputed') this.imputed++;
  }

  /** The parameters of `insertReportDaySql`. */
  row(connectionId: string, storeKey: string, day: string, status: string, fetchedAt: string): Array<string | number | null> {
    return [connectionId, storeKey, day, status, fetchedAt, this.hours, ...this.sums.map((s) => s.value()), this.occupancy, this.incomplete, this.imputed];
  }
}

/**
 * Migration 14 (frozen once shipped): a store-day's report row is written by the sync's slice job
 * (kpiSliceJob), from the hours it has in hand, instead of by triggers on kpi_days that read the
 * day's hours back: that read and its sums were about a sixth of the writer thread's CPU in a large
 * sync. kpi_days is written by that job alone; the delete trigger stays, and so do the months'.
 */
export function daySumsBySyncSchema(db: Database.Database): void {
  db.exec(`
    DROP TRIGGER report_day_after_insert;
    DROP TRIGGER report_day_after_update;
  `);
}
