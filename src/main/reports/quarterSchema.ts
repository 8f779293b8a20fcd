import type Database from 'better-sqlite3';

/**
 * Migration 12 (frozen once shipped): Exteros counts at 15 minutes (`interval=15min`), as the KPI
 * sync fetches them since this version (the same four requests a location-day as by the hour; the
 * hours are their sums). `hour` is the wall-clock label of the store's day, + 24 for the second
 * pass of a repeated hour, as in kpi_hourly. `kpi_quarter_days` says which store-days were fetched
 * at 15 minutes (days synced before this version are held by the hour only, and a sync of their
 * range fetches them again). Keyed store first, like kpi_hourly: a report reads each store's range.
 */
export function quarterHoursSchema(db: Database.Database): void {
  db.exec(`
    CREATE TABLE kpi_quarter_hourly (
      connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
      store_key     TEXT NOT NULL,
      day           TEXT NOT NULL,
      hour          INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 47),
      minute        INTEGER NOT NULL CHECK (minute IN (0, 15, 30, 45)),
      impressions   REAL,
      discoveries   REAL,
      engagements   REAL,
      interactions  REAL,
      provisional   INTEGER NOT NULL,
      fetched_at    TEXT NOT NULL,
      PRIMARY KEY (connection_id, store_key, day, hour, minute)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE kpi_quarter_days (
      connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
      store_key     TEXT NOT NULL,
      day           TEXT NOT NULL,
      fetched_at    TEXT NOT NULL,
      PRIMARY KEY (connection_id, store_key, day)
    ) STRICT, WITHOUT ROWID;
  `);
}
