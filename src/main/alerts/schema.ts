import type Database from 'better-sqlite3';

/**
 * Alerts acknowledged in this console. RetailNext's API has no acknowledgement, so it is kept here
 * only (frozen once shipped); a row is removed when the acknowledgement is taken back.
 */
export function alertAcknowledgementsSchema(db: Database.Database): void {
  db.exec(`
    CREATE TABLE it_alert_acknowledgements (
      connection_id   TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
      uuid            TEXT NOT NULL,
      acknowledged_at TEXT NOT NULL,
      PRIMARY KEY (connection_id, uuid)
    ) STRICT, WITHOUT ROWID;
  `);
}
