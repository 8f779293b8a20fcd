import type Database from 'better-sqlite3';

/**
 * Video export jobs and their evidence records. Frozen once shipped (add a new migration instead).
 * No foreign key to connections: evidence outlives the connection it came through. The vendor's
 * signed download link is never stored (it is a bearer credential); a resume asks for a fresh one.
 */
export function videoExportsSchema(db: Database.Database): void {
  db.exec(`
    CREATE TABLE video_exports (
      id            TEXT PRIMARY KEY,
      connection_id TEXT NOT NULL,
      export_id     TEXT,
      request       TEXT NOT NULL,
      state         TEXT NOT NULL CHECK (state IN ('in_progress', 'ready', 'downloading', 'interrupted', 'cancelled', 'done', 'expired', 'failed')),
      reason        TEXT,
      folder        TEXT NOT NULL,
      part_path     TEXT,
      file_path     TEXT,
      etag          TEXT,
      bytes_done    INTEGER NOT NULL DEFAULT 0,
      bytes_total   INTEGER,
      created_at    TEXT NOT NULL,
      updated_at    TEXT NOT NULL
    ) STRICT;
    CREATE INDEX video_exports_by_created ON video_exports(created_at);

    CREATE TABLE video_evidence (
      job_id        TEXT PRIMARY KEY,
      export_id     TEXT NOT NULL,
      who           TEXT NOT NULL,
      recorded_at   TEXT NOT NULL,
      store_uuid    TEXT NOT NULL,
      store_name    TEXT NOT NULL,
      channels      TEXT NOT NULL,
      range_start   TEXT NOT NULL,
      range_end     TEXT NOT NULL,
      file_path     TEXT NOT NULL,
      sidecar_path  TEXT NOT NULL,
      size          INTEGER NOT NULL,
      sha256        TEXT NOT NULL,
      record        TEXT NOT NULL
    ) STRICT;
  `);
}

/**
 * Migration 10: when each export started rendering at the vendor and when its task there was deleted,
 * and how long this connection's past renders took (for the estimate while one renders). Frozen once shipped.
 */
export function videoExportRenderTimesSchema(db: Database.Database): void {
  db.exec(`
    ALTER TABLE video_exports ADD COLUMN render_started_at TEXT;
    ALTER TABLE video_exports ADD COLUMN remote_deleted_at TEXT;

    CREATE TABLE video_export_render_times (
      id             INTEGER PRIMARY KEY,
      connection_id  TEXT NOT NULL,
      clip_seconds   INTEGER NOT NULL CHECK (clip_seconds > 0),
      channels       INTEGER NOT NULL CHECK (channels > 0),
      raw            INTEGER NOT NULL CHECK (raw IN (0, 1)),
      render_ms      INTEGER NOT NULL CHECK (render_ms >= 0),
      finished_at    TEXT NOT NULL
    ) STRICT;
    CREATE INDEX video_export_render_times_by_connection ON video_export_render_times(connection_id, finished_at);
  `);
}
