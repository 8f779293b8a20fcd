import type Database from 'better-sqlite3';

/**
 * Migration 2: the offline cache filled by sync. Frozen once shipped (add a new migration instead).
 *
 * Whole datasets (locations, store hours, inventory, alerts, users) are snapshots: a sync writes a
 * new snapshot's rows in small chunks, then one tiny transaction makes it current, so a failed or
 * killed sync leaves the previous snapshot whole and readers never see half of one. Read them
 * through the `cached_*` views, which show only current snapshots.
 *
 * KPIs are hourly rows replaced one (stores x day) slice per transaction; `kpi_days` records which
 * store-days are final (past) or provisional (today), which is how a range resumes and how past
 * days are not fetched again.
 */
export function syncCacheSchemaV2(db: Database.Database): void {
  db.exec(`
    CREATE TABLE sync_snapshots (
      id            INTEGER PRIMARY KEY,
      connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
      dataset       TEXT NOT NULL,
      run_id        INTEGER,
      state         TEXT NOT NULL CHECK (state IN ('building', 'current', 'retired')),
      created_at    TEXT NOT NULL,
      fetched_at    TEXT,
      row_count     INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE UNIQUE INDEX sync_snapshots_one_current ON sync_snapshots(connection_id, dataset) WHERE state = 'current';

    CREATE TABLE cache_locations (
      snapshot_id     INTEGER NOT NULL,
      connection_id   TEXT NOT NULL,
      uuid            TEXT NOT NULL,
      name            TEXT NOT NULL,
      location_type   TEXT NOT NULL,
      parent_uuid     TEXT,
      store_id        TEXT,
      time_zone       TEXT,
      area            REAL,
      occupancy_limit INTEGER,
      archive_date    TEXT,
      extra           TEXT,
      fetched_at      TEXT NOT NULL
    ) STRICT;
    CREATE INDEX cache_locations_by_snapshot ON cache_locations(snapshot_id, uuid);
    CREATE INDEX cache_locations_by_parent ON cache_locations(snapshot_id, parent_uuid);

    CREATE TABLE cache_store_hours (
      snapshot_id   INTEGER NOT NULL,
      connection_id TEXT NOT NULL,
      store_uuid    TEXT NOT NULL,
      day           TEXT NOT NULL,
      open          TEXT,
      close         TEXT,
      fetched_at    TEXT NOT NULL
    ) STRICT;
    CREATE INDEX cache_store_hours_by_snapshot ON cache_store_hours(snapshot_id, store_uuid, day);

    CREATE TABLE cache_cameras (
      snapshot_id   INTEGER NOT NULL,
      connection_id TEXT NOT NULL,
      device_id     TEXT NOT NULL,
      store_uuid    TEXT NOT NULL,
      appliance_id  TEXT,
      device_name   TEXT,
      device_type   INTEGER,
      vendor        TEXT,
      model         TEXT,
      serial_number TEXT,
      private_ip    TEXT,
      public_ip     TEXT,
      last_heard    TEXT,
      channel_count INTEGER,
      channel_uuids TEXT NOT NULL DEFAULT '[]',
      raw           TEXT NOT NULL,
      fetched_at    TEXT NOT NULL
    ) STRICT;
    CREATE INDEX cache_cameras_by_snapshot ON cache_cameras(snapshot_id, store_uuid);

    CREATE TABLE cache_channels (
      snapshot_id       INTEGER NOT NULL,
      connection_id     TEXT NOT NULL,
      channel_uuid      TEXT NOT NULL,
      device_id         TEXT,
      name              TEXT,
      resolution        TEXT,
      frame_rate        REAL,
      recording_enabled INTEGER,
      raw               TEXT NOT NULL,
      fetched_at        TEXT NOT NULL
    ) STRICT;
    CREATE INDEX cache_channels_by_snapshot ON cache_channels(snapshot_id, channel_uuid);

    CREATE TABLE cache_appliances (
      snapshot_id   INTEGER NOT NULL,
      connection_id TEXT NOT NULL,
      appliance_id  TEXT NOT NULL,
      store_uuid    TEXT,
      mac_address   TEXT,
      private_ip    TEXT,
      public_ip     TEXT,
      raw           TEXT NOT NULL,
      fetched_at    TEXT NOT NULL
    ) STRICT;
    CREATE INDEX cache_appliances_by_snapshot ON cache_appliances(snapshot_id, store_uuid);

    CREATE TABLE cache_health_alerts (
      snapshot_id   INTEGER NOT NULL,
      connection_id TEXT NOT NULL,
      uuid          TEXT NOT NULL,
      store_uuid    TEXT,
      store_name    TEXT,
      type          TEXT,
      severity      TEXT,
      description   TEXT,
      subject_id    TEXT,
      subject_name  TEXT,
      event_time    TEXT,
      created_time  TEXT,
      resolved      INTEGER NOT NULL DEFAULT 0,
      resolved_time TEXT,
      obsolete      INTEGER NOT NULL DEFAULT 0,
      fetched_at    TEXT NOT NULL
    ) STRICT;
    CREATE INDEX cache_health_alerts_by_snapshot ON cache_health_alerts(snapshot_id, store_uuid);

    CREATE TABLE cache_users (
      snapshot_id         INTEGER NOT NULL,
      connection_id       TEXT NOT NULL,
      id                  TEXT NOT NULL,
      email               TEXT NOT NULL,
      name                TEXT,
      type                TEXT,
      disabled            INTEGER NOT NULL DEFAULT 0,
      user_profile_id     TEXT,
      location_profile_id TEXT,
      location_ids        TEXT,
      last_sign_in_at     TEXT,
      fetched_at          TEXT NOT NULL
    ) STRICT;
    CREATE INDEX cache_users_by_snapshot ON cache_users(snapshot_id);

    CREATE TABLE cache_user_profiles (
      snapshot_id        INTEGER NOT NULL,
      connection_id      TEXT NOT NULL,
      id                 TEXT NOT NULL,
      name               TEXT NOT NULL,
      subscription_admin INTEGER NOT NULL DEFAULT 0,
      raw                TEXT NOT NULL,
      fetched_at         TEXT NOT NULL
    ) STRICT;
    CREATE INDEX cache_user_profiles_by_snapshot ON cache_user_profiles(snapshot_id);

    CREATE TABLE cache_location_profiles (
      snapshot_id   INTEGER NOT NULL,
      connection_id TEXT NOT NULL,
      id            TEXT NOT NULL,
      name          TEXT NOT NULL,
      location_ids  TEXT NOT NULL,
      fetched_at    TEXT NOT NULL
    ) STRICT;
    CREATE INDEX cache_location_profiles_by_snapshot ON cache_location_profiles(snapshot_id);

    CREATE TABLE kpi_hourly (
      connection_id   TEXT NOT NULL,
      store_key       TEXT NOT NULL,
      day             TEXT NOT NULL,
      hour            INTEGER NOT NULL,
      enters          REAL,
      exits           REAL,
      occupancy       REAL,
      sales           REAL,
      transactions    REAL,
      items_sold      REAL,
      male_18_under   REAL,
      male_19_44      REAL,
      male_45_59      REAL,
      male_60_plus    REAL,
      female_18_under REAL,
      female_19_44    REAL,
      female_45_59    REAL,
      female_60_plus  REAL,
      impressions     REAL,
      discoveries     REAL,
      engagements     REAL,
      interactions    REAL,
      entrances       TEXT,
      validity        TEXT,
      provisional     INTEGER NOT NULL,
      fetched_at      TEXT NOT NULL,
      PRIMARY KEY (connection_id, store_key, day, hour)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE kpi_days (
      connection_id TEXT NOT NULL,
      store_key     TEXT NOT NULL,
      day           TEXT NOT NULL,
      status        TEXT NOT NULL CHECK (status IN ('final', 'provisional')),
      fetched_at    TEXT NOT NULL,
      run_id        INTEGER,
      PRIMARY KEY (connection_id, store_key, day)
    ) STRICT, WITHOUT ROWID;

    CREATE VIEW cached_locations AS SELECT t.* FROM cache_locations t JOIN sync_snapshots s ON s.id = t.snapshot_id AND s.state = 'current';
    CREATE VIEW cached_store_hours AS SELECT t.* FROM cache_store_hours t JOIN sync_snapshots s ON s.id = t.snapshot_id AND s.state = 'current';
    CREATE VIEW cached_cameras AS SELECT t.* FROM cache_cameras t JOIN sync_snapshots s ON s.id = t.snapshot_id AND s.state = 'current';
    CREATE VIEW cached_channels AS SELECT t.* FROM cache_channels t JOIN sync_snapshots s ON s.id = t.snapshot_id AND s.state = 'current';
    CREATE VIEW cached_appliances AS SELECT t.* FROM cache_appliances t JOIN sync_snapshots s ON s.id = t.snapshot_id AND s.state = 'current';
    CREATE VIEW cached_health_alerts AS SELECT t.* FROM cache_health_alerts t JOIN sync_snapshots s ON s.id = t.snapshot_id AND s.state = 'current';
    CREATE VIEW cached_users AS SELECT t.* FROM cache_users t JOIN sync_snapshots s ON s.id = t.snapshot_id AND s.state = 'current';
    CREATE VIEW cached_user_profiles AS SELECT t.* FROM cache_user_profiles t JOIN sync_snapshots s ON s.id = t.snapshot_id AND s.state = 'current';
    CREATE VIEW cached_location_profiles AS SELECT t.* FROM cache_location_profiles t JOIN sync_snapshots s ON s.id = t.snapshot_id AND s.state = 'current';
  `);
}
