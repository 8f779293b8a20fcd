import type Database from 'better-sqlite3';
import { reportsSchemaV3 } from '../reports/schema';
import { syncCacheSchemaV2 } from '../sync/schemaV2';
import { videoExportRenderTimesSchema, videoExportsSchema } from '../exports/schema';
import { itPreparedSchema, itViewsSchema } from '../estate/schema';
import { adminSchema } from '../admin/schema';
import { alertAcknowledgementsSchema } from '../alerts/schema';
import { storeLayoutSchema } from '../storeLayout/schema';
import { liveWallsSchema } from '../live/schema';
import { quarterHoursSchema } from '../reports/quarterSchema';
import { monthByAddingSchema } from '../reports/monthSchema';
import { daySumsBySyncSchema } from '../reports/daySums';

export interface Migration {
  /** 1, 2, 3, ... with no gaps; the database's `user_version` is the last one applied. */
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/**
 * The schema's history, oldest first. Append only: a shipped migration is never edited,
 * since databases in the field have already run it.
 */
export const migrations: Migration[] = [
  {
    version: 1,
    name: 'connections and sync runs',
    up(db) {
      db.exec(`
        CREATE TABLE connections (
          id          TEXT PRIMARY KEY,
          vendor      TEXT NOT NULL CHECK (vendor IN ('retailnext', 'flow', 'exteros')),
          name        TEXT NOT NULL,
          base_url    TEXT,
          settings    TEXT NOT NULL DEFAULT '{}',
          secret_set  INTEGER NOT NULL DEFAULT 0,
          is_demo     INTEGER NOT NULL DEFAULT 0,
          created_at  TEXT NOT NULL,
          updated_at  TEXT NOT NULL
        ) STRICT;

        CREATE TABLE sync_runs (
          id            INTEGER PRIMARY KEY,
          connection_id TEXT REFERENCES connections(id) ON DELETE CASCADE,
          job           TEXT NOT NULL,
          started_at    TEXT NOT NULL,
          finished_at   TEXT,
          status        TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed', 'cancelled')),
          rows_written  INTEGER NOT NULL DEFAULT 0,
          error         TEXT,
          detail        TEXT
        ) STRICT;
        CREATE INDEX sync_runs_by_connection ON sync_runs(connection_id, started_at);
      `);
    },
  },
  { version: 2, name: 'sync cache: snapshots, inventory, alerts, users, hourly KPIs', up: syncCacheSchemaV2 },
  { version: 3, name: 'reports: day and month sums per store, predicted traffic', up: reportsSchemaV3 },
  { version: 4, name: 'video exports and evidence records', up: videoExportsSchema },
  { version: 5, name: 'IT views: vendor store links, settings, seen health alerts', up: itViewsSchema },
  { version: 6, name: 'IT views: the store tree kept ready between runs; KPI days by fetch time', up: itPreparedSchema },
  { version: 7, name: 'administration: change log, bulk changes, cache edits, user sign-in and invitation fields', up: adminSchema },
  { version: 8, name: 'health alerts acknowledged in the console', up: alertAcknowledgementsSchema },
  { version: 9, name: 'store layout: floorplans, zone flows and metrics as fetched, occupancy board readings', up: storeLayoutSchema },
  { version: 10, name: 'video exports: render start, deletion at the vendor, past render times per connection', up: videoExportRenderTimesSchema },
  { version: 11, name: 'live walls saved under a name', up: liveWallsSchema },
  { version: 12, name: 'Exteros counts at 15 minutes', up: quarterHoursSchema },
  { version: 13, name: 'reports: a day written is added into its month, not the month summed again', up: monthByAddingSchema },
  { version: 14, name: 'reports: a store-day summed by the sync from the hours it writes, not read back by a trigger', up: daySumsBySyncSchema },
];
