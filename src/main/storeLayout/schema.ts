import type Database from 'better-sqlite3';

/**
 * Store layout (frozen once shipped): the vendor's answers kept as fetched (validated JSON), so the
 * floorplan, zone metrics and flows open offline and a better reading of them applies to old
 * answers too; and the occupancy board's readings, from which it draws today's curve per store.
 */
export function storeLayoutSchema(db: Database.Database): void {
  db.exec(`
    CREATE TABLE store_layout_floorplans (
      connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
      store_uuid    TEXT NOT NULL,
      body          TEXT NOT NULL,
      fetched_at    TEXT NOT NULL,
      PRIMARY KEY (connection_id, store_uuid)
    ) STRICT;

    CREATE TABLE store_layout_answers (
      connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
      store_uuid    TEXT NOT NULL,
      kind          TEXT NOT NULL CHECK (kind IN ('transitions', 'zone_metrics')),
      query_key     TEXT NOT NULL,
      query         TEXT NOT NULL,
      body          TEXT NOT NULL,
      fetched_at    TEXT NOT NULL,
      PRIMARY KEY (connection_id, store_uuid, kind, query_key)
    ) STRICT;

    CREATE TABLE store_layout_occupancy_readings (
      connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
      store_uuid    TEXT NOT NULL,
      read_at       TEXT NOT NULL,
      local_day     TEXT NOT NULL,
      occupancy     REAL,
      occupancy_limit REAL,
      PRIMARY KEY (connection_id, store_uuid, read_at)
    ) STRICT;
    CREATE INDEX store_layout_occupancy_by_day ON store_layout_occupancy_readings(connection_id, local_day, store_uuid);
  `);
}
