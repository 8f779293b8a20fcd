import type Database from 'better-sqlite3';

/**
 * The IT views' own state in the cache (frozen once shipped): where the user placed Flow codes and
 * Exteros locations, the audit settings, and which health alerts have been seen.
 */
export function itViewsSchema(db: Database.Database): void {
  db.exec(`
    CREATE TABLE it_store_links (
      connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
      vendor_key    TEXT NOT NULL,
      -- a RetailNext store uuid, or NULL when the user said "not placed"
      store_uuid    TEXT,
      updated_at    TEXT NOT NULL,
      PRIMARY KEY (connection_id, vendor_key)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE it_settings (
      name       TEXT PRIMARY KEY,
      value      TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE it_alerts_seen (
      connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
      uuid          TEXT NOT NULL,
      first_seen_at TEXT NOT NULL,
      acknowledged  INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (connection_id, uuid)
    ) STRICT, WITHOUT ROWID;
  `);
}

/**
 * What the first screen of the Stores view shows, kept ready between runs of the console (the
 * regions and stores with their counts, built once per cache version), and an index for the cache
 * version's "newest KPI fetch", which otherwise reads every KPI day.
 */
export function itPreparedSchema(db: Database.Database): void {
  db.exec(`
    CREATE TABLE it_prepared (
      name          TEXT PRIMARY KEY,
      cache_version TEXT NOT NULL,
      json          TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;

    CREATE INDEX kpi_days_by_fetch ON kpi_days(fetched_at);
  `);
}
