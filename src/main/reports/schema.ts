import type Database from 'better-sqlite3';

const demographicColumns = ['male_18_under', 'male_19_44', 'male_45_59', 'male_60_plus', 'female_18_under', 'female_19_44', 'female_45_59', 'female_60_plus'];
/** Additive columns of kpi_hourly that reports sum. */
export const summedColumns = ['enters', 'exits', 'sales', 'transactions', 'items_sold', ...demographicColumns, 'impressions', 'discoveries', 'engagements', 'interactions'] as const;

const sumDecl = summedColumns.map((c) => `${c} REAL`).join(', ');
const sumList = summedColumns.join(', ');

// DELETE + INSERT, not INSERT OR REPLACE: inside a trigger the outer statement's conflict policy
// (the sync's upsert of kpi_days) overrides the trigger statement's own.
function dayAggregate(ref: 'NEW'): string {
  return `
    DELETE FROM report_kpi_days WHERE connection_id = ${ref}.connection_id AND day = ${ref}.day AND store_key = ${ref}.store_key;
    INSERT INTO report_kpi_days (connection_id, store_key, day, status, fetched_at, hours, ${sumList}, occupancy_max, incomplete_hours, imputed_hours)
      SELECT ${ref}.connection_id, ${ref}.store_key, ${ref}.day, ${ref}.status, ${ref}.fetched_at, COUNT(h.hour),
             ${summedColumns.map((c) => `SUM(h.${c})`).join(', ')}, MAX(h.occupancy),
             COALESCE(SUM(h.validity = 'incomplete'), 0), COALESCE(SUM(h.validity = 'imputed'), 0)
      FROM kpi_hourly h WHERE h.connection_id = ${ref}.connection_id AND h.store_key = ${ref}.store_key AND h.day = ${ref}.day;`;
}

function monthAggregate(ref: 'NEW' | 'OLD'): string {
  const month = `substr(${ref}.day, 1, 7)`;
  return `
    DELETE FROM report_kpi_months WHERE connection_id = ${ref}.connection_id AND month = ${month} AND store_key = ${ref}.store_key;
    INSERT INTO report_kpi_months (connection_id, store_key, month, days, day_mask, provisional_days, last_fetched_at, hours, ${sumList}, occupancy_max, incomplete_hours, imputed_hours)
      SELECT ${ref}.connection_id, ${ref}.store_key, ${month}, COUNT(*), SUM(1 << (CAST(substr(d.day, 9, 2) AS INTEGER) - 1)), COALESCE(SUM(d.status = 'provisional'), 0), MAX(d.fetched_at), SUM(d.hours),
             ${summedColumns.map((c) => `SUM(d.${c})`).join(', ')}, MAX(d.occupancy_max), SUM(d.incomplete_hours), SUM(d.imputed_hours)
      FROM report_kpi_days d
      WHERE d.connection_id = ${ref}.connection_id AND d.store_key = ${ref}.store_key AND d.day BETWEEN ${month} || '-01' AND ${month} || '-31'
      HAVING COUNT(*) > 0;`;
}

/**
 * Migration 3: aggregates for reports. Flow prescribes that a day is the sum of its hours and a
 * month the sum of its days; these tables hold exactly those sums per store, kept by triggers on
 * `kpi_days` (which the sync marks, in the same transaction, right after writing a store-day's
 * hours), so a year of 1,000 stores reads 12,000 month rows instead of 8.8 million hours.
 * Keyed store first: reports read each store's range (the node's stores drive the join).
 * Also the predicted traffic reports keep (the sync does not fetch it).
 */
export function reportsSchemaV3(db: Database.Database): void {
  db.exec(`
    CREATE TABLE report_kpi_days (
      connection_id    TEXT NOT NULL,
      store_key        TEXT NOT NULL,
      day              TEXT NOT NULL,
      status           TEXT NOT NULL,
      fetched_at       TEXT NOT NULL,
      hours            INTEGER NOT NULL,
      ${sumDecl},
      occupancy_max    REAL,
      incomplete_hours INTEGER NOT NULL,
      imputed_hours    INTEGER NOT NULL,
      PRIMARY KEY (connection_id, store_key, day)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX report_kpi_days_provisional ON report_kpi_days(connection_id, day) WHERE status = 'provisional';

    CREATE TABLE report_kpi_months (
      connection_id    TEXT NOT NULL,
      store_key        TEXT NOT NULL,
      month            TEXT NOT NULL,
      days             INTEGER NOT NULL,
      -- bit d-1 set = day d of the month is in the cache: which days of a range are held, per store, from one row
      day_mask         INTEGER NOT NULL,
      provisional_days INTEGER NOT NULL,
      last_fetched_at  TEXT NOT NULL,
      hours            INTEGER NOT NULL,
      ${sumDecl},
      occupancy_max    REAL,
      incomplete_hours INTEGER NOT NULL,
      imputed_hours    INTEGER NOT NULL,
      PRIMARY KEY (connection_id, store_key, month)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE report_predicted_hourly (
      connection_id TEXT NOT NULL,
      store_uuid    TEXT NOT NULL,
      day           TEXT NOT NULL,
      hour          INTEGER NOT NULL,
      predicted     REAL NOT NULL,
      fetched_at    TEXT NOT NULL,
      PRIMARY KEY (connection_id, store_uuid, day, hour)
    ) STRICT, WITHOUT ROWID;

    CREATE TRIGGER report_day_after_insert AFTER INSERT ON kpi_days BEGIN ${dayAggregate('NEW')} END;
    CREATE TRIGGER report_day_after_update AFTER UPDATE ON kpi_days BEGIN ${dayAggregate('NEW')} END;
    CREATE TRIGGER report_day_after_delete AFTER DELETE ON kpi_days BEGIN
      DELETE FROM report_kpi_days WHERE connection_id = OLD.connection_id AND day = OLD.day AND store_key = OLD.store_key;
    END;
    CREATE TRIGGER report_month_after_insert AFTER INSERT ON report_kpi_days BEGIN ${monthAggregate('NEW')} END;
    CREATE TRIGGER report_month_after_delete AFTER DELETE ON report_kpi_days BEGIN ${monthAggregate('OLD')} END;
  `);
  // Store-days the cache already holds: aggregate them once (the triggers fire for each).
  db.exec('UPDATE kpi_days SET status = status');
}
