import type Database from 'better-sqlite3';

/**
 * Administration (frozen once shipped): the change log of every write sent to a vendor, the bulk
 * changes whose rows it sends, a counter of edits made to the cache from the vendor's answers (so
 * the IT views see them), the user fields the Users view needs, and when the console first saw
 * each user (RetailNext does not say when an invitation was sent).
 */
export function adminSchema(db: Database.Database): void {
  db.exec(`
    CREATE TABLE admin_bulks (
      id              INTEGER PRIMARY KEY,
      connection_id   TEXT NOT NULL,
      connection_name TEXT NOT NULL,
      source          TEXT NOT NULL CHECK (source IN ('csv', 'selection', 'edit')),
      label           TEXT NOT NULL,
      fields          TEXT NOT NULL,
      state           TEXT NOT NULL CHECK (state IN ('draft', 'confirmed', 'discarded')),
      created_at      TEXT NOT NULL,
      confirmed_at    TEXT
    ) STRICT;

    CREATE TABLE admin_bulk_rows (
      bulk_id   INTEGER NOT NULL REFERENCES admin_bulks(id) ON DELETE CASCADE,
      seq       INTEGER NOT NULL,
      row       INTEGER,
      uuid      TEXT NOT NULL,
      name      TEXT,
      kind      TEXT,
      verdict   TEXT NOT NULL CHECK (verdict IN ('change', 'no_change', 'unknown_location', 'invalid')),
      reason    TEXT,
      diffs     TEXT NOT NULL,
      change_id INTEGER,
      PRIMARY KEY (bulk_id, seq)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX admin_bulk_rows_by_uuid ON admin_bulk_rows(bulk_id, uuid);

    -- Kept when a connection is removed: it is the record of what was done.
    CREATE TABLE admin_changes (
      id              INTEGER PRIMARY KEY,
      bulk_id         INTEGER,
      row             INTEGER,
      connection_id   TEXT NOT NULL,
      connection_name TEXT NOT NULL,
      kind            TEXT NOT NULL,
      target          TEXT NOT NULL,
      target_name     TEXT,
      before          TEXT,
      sent            TEXT NOT NULL,
      status          TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'done', 'failed', 'unknown', 'not_sent')),
      vendor_status   INTEGER,
      vendor_message  TEXT,
      message         TEXT,
      retry_of        INTEGER,
      recorded_at     TEXT NOT NULL,
      sent_at         TEXT,
      finished_at     TEXT
    ) STRICT;
    CREATE INDEX admin_changes_by_bulk ON admin_changes(bulk_id, status);
    CREATE INDEX admin_changes_by_status ON admin_changes(status);

    CREATE TABLE cache_edits (
      dataset    TEXT PRIMARY KEY,
      version    INTEGER NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;

    ALTER TABLE cache_users ADD COLUMN current_sign_in_at TEXT;
    ALTER TABLE cache_users ADD COLUMN invitation_accepted INTEGER;

    CREATE TABLE admin_users_seen (
      connection_id TEXT NOT NULL,
      user_id       TEXT NOT NULL,
      first_seen_at TEXT NOT NULL,
      PRIMARY KEY (connection_id, user_id)
    ) STRICT, WITHOUT ROWID;
  `);
}
