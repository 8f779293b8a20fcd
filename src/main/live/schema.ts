import type Database from 'better-sqlite3';

/**
 * Named live walls (frozen once shipped): the cameras (ids and the names they had, JSON checked on
 * read) and the layout a user saved under a name, reopened from a list. Names are unique whatever
 * their case. No stream token or secret is kept.
 */
export function liveWallsSchema(db: Database.Database): void {
  db.exec(`
    CREATE TABLE live_walls (
      name       TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
      layout     INTEGER NOT NULL CHECK (layout IN (1, 4, 9, 16)),
      cameras    TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
  `);
}
