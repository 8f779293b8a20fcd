import type { ChangeFilter } from '../../shared/admin/contract';
import type { ChangeKind, ChangeStatus, ChangeView } from '../../shared/admin/types';
import type Database from 'better-sqlite3';
import type { Db } from '../db/open';

interface ChangeRow {
  id: number;
  bulk_id: number | null;
  row: number | null;
  connection_id: string;
  connection_name: string;
  kind: ChangeKind;
  target: string;
  target_name: string | null;
  before: string | null;
  sent: string;
  status: ChangeStatus;
  vendor_status: number | null;
  vendor_message: string | null;
  message: string | null;
  retry_of: number | null;
  recorded_at: string;
  sent_at: string | null;
  finished_at: string | null;
}

/** A write to record: its view's fields before anything happened to it (bulk, row and retry left out where none). */
export type NewChange = Pick<ChangeView, 'connectionId' | 'connectionName' | 'kind' | 'target' | 'targetName' | 'before' | 'sent'> & Partial<Pick<ChangeView, 'bulkId' | 'row' | 'retryOf'>>;

export interface Outcome {
  status: 'done' | 'failed' | 'unknown' | 'not_sent';
  vendorStatus?: number | null;
  vendorMessage?: string | null;
  message?: string | null;
}

function parse(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
}

export function changeView(r: ChangeRow): ChangeView {
  return {
    id: r.id,
    bulkId: r.bulk_id,
    row: r.row,
    connectionId: r.connection_id,
    connectionName: r.connection_name,
    kind: r.kind,
    target: r.target,
    targetName: r.target_name,
    before: parse(r.before),
    sent: parse(r.sent) ?? {},
    status: r.status,
    vendorStatus: r.vendor_status,
    vendorMessage: r.vendor_message,
    message: r.message,
    retryOf: r.retry_of,
    recordedAt: r.recorded_at,
    sentAt: r.sent_at,
    finishedAt: r.finished_at,
  };
}

/**
 * The change log: every write is a row here before it is sent (`pending`), marked `sending` just
 * before the request leaves, and completed with the vendor's answer. A row still `sending` when the
 * console starts was cut off by a crash: its outcome is unknown; one still `pending` was never sent.
 * Bodies hold only what RetailNext receives in its JSON: never a credential.
 */
export class ChangeLog {
  constructor(private readonly db: Db, private readonly now: () => Date) {}

  /** The newest entry now: what a recovery at start may touch (nothing this run records). */
  lastId(): number {
    return (this.db.prepare('SELECT ifnull(max(id), 0) AS id FROM admin_changes').get() as { id: number }).id;
  }

  /** Whether entries up to `upTo` were cut off by a stop (a read: the cache may be busy with a sync). */
  needsRecovery(upTo: number): boolean {
    return this.db.prepare("SELECT 1 FROM admin_changes WHERE status IN ('pending', 'sending') AND id <= ? LIMIT 1").get(upTo) !== undefined;
  }

  /** At start: writes cut off by the last run's end say so instead of vanishing. */
  recoverAfterStop(upTo: number): { unknown: number; notSent: number } {
    const at = this.now().toISOString();
    return this.db.transaction(() => {
      const unknown = this.db
        .prepare("UPDATE admin_changes SET status = 'unknown', finished_at = ?, message = 'The console stopped while this was being sent: RetailNext may or may not have applied it. Check in RetailNext (the location, user or export) before sending it again.' WHERE status = 'sending' AND id <= ?")
        .run(at, upTo).changes;
      const notSent = this.db.prepare("UPDATE admin_changes SET status = 'not_sent', finished_at = ?, message = 'The console stopped before sending it: nothing was sent.' WHERE status = 'pending' AND id <= ?").run(at, upTo).changes;
      return { unknown, notSent };
    })();
  }

  /** Prepared once: preparing per row was most of the cost of recording many (a bulk's entries are recorded by the sync's writer now: admin/bulk.ts). */
  private insert: Database.Statement | null = null;

  record(c: NewChange, status: 'pending' | 'sending' = 'pending'): number {
    const at = this.now().toISOString();
    this.insert ??= this.db.prepare(
      `INSERT INTO admin_changes (bulk_id, row, connection_id, connection_name, kind, target, target_name, before, sent, status, retry_of, recorded_at, sent_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    return Number(
      this.insert
        .run(c.bulkId ?? null, c.row ?? null, c.connectionId, c.connectionName, c.kind, c.target, c.targetName, c.before === null ? null : JSON.stringify(c.before), JSON.stringify(c.sent), status, c.retryOf ?? null, at, status === 'sending' ? at : null).lastInsertRowid,
    );
  }

  markSending(id: number): void {
    this.db.prepare("UPDATE admin_changes SET status = 'sending', sent_at = ? WHERE id = ? AND status = 'pending'").run(this.now().toISOString(), id);
  }

  /** Completes an entry; `together` (the write's own record, e.g. the export's task id) is saved in the same transaction. */
  complete(id: number, o: Outcome, together?: () => void): void {
    this.db.transaction(() => {
      this.db
        .prepare('UPDATE admin_changes SET status = ?, vendor_status = ?, vendor_message = ?, message = ?, finished_at = ? WHERE id = ?')
        .run(o.status, o.vendorStatus ?? null, o.vendorMessage ?? null, o.message ?? null, this.now().toISOString(), id);
      together?.();
    })();
  }

  /** The newest entry of this kind about this target (an export's start or delete), if any. */
  latest(kind: ChangeKind, target: string): ChangeView | null {
    const r = this.db.prepare('SELECT * FROM admin_changes WHERE kind = ? AND target = ? ORDER BY id DESC LIMIT 1').get(kind, target) as ChangeRow | undefined;
    return r ? changeView(r) : null;
  }

  /** An entry of this kind with exactly this body still on its way to the vendor (a second click while the first is sent). */
  inFlight(kind: ChangeKind, sent: Record<string, unknown>): ChangeView | null {
    const r = this.db.prepare("SELECT * FROM admin_changes WHERE kind = ? AND sent = ? AND status IN ('pending', 'sending') ORDER BY id DESC LIMIT 1").get(kind, JSON.stringify(sent)) as ChangeRow | undefined;
    return r ? changeView(r) : null;
  }

  get(id: number): ChangeView | null {
    const r = this.db.prepare('SELECT * FROM admin_changes WHERE id = ?').get(id) as ChangeRow | undefined;
    return r ? changeView(r) : null;
  }

  private where(f: ChangeFilter): { sql: string; args: unknown[] } {
    const parts: string[] = [];
    const args: unknown[] = [];
    if (f.kind) {
      parts.push('kind = ?');
      args.push(f.kind);
    }
    if (f.status) {
      parts.push('status = ?');
      args.push(f.status);
    }
    if (f.connectionId) {
      parts.push('connection_id = ?');
      args.push(f.connectionId);
    }
    if (f.bulkId) {
      parts.push('bulk_id = ?');
      args.push(f.bulkId);
    }
    if (f.from) {
      parts.push('recorded_at >= ?');
      args.push(`${f.from}T00:00:00`);
    }
    if (f.to) {
      parts.push('recorded_at < ?');
      args.push(`${f.to}T99`);
    }
    for (const w of (f.search ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8)) {
      parts.push("(instr(lower(target || ' ' || ifnull(target_name, '') || ' ' || connection_name || ' ' || sent || ' ' || ifnull(message, '') || ' ' || ifnull(vendor_message, '')), ?) > 0)");
      args.push(w);
    }
    return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', args };
  }

  /** A page and its counts, read in one transaction: on the admin lane, the core may commit a write between the two reads. */
  list(f: ChangeFilter, offset: number, limit: number): { changes: ChangeView[]; total: number; counts: Record<string, number> } {
    const { sql, args } = this.where(f);
    return this.db.transaction(() => {
      const rows = this.db.prepare(`SELECT * FROM admin_changes ${sql} ORDER BY id DESC LIMIT ? OFFSET ?`).all(...args, limit, offset) as ChangeRow[];
      const counts: Record<string, number> = {};
      let total = 0;
      for (const c of this.db.prepare(`SELECT status, count(*) AS n FROM admin_changes ${sql} GROUP BY status`).all(...args) as Array<{ status: string; n: number }>) {
        counts[c.status] = c.n;
        total += c.n;
      }
      return { changes: rows.map(changeView), total, counts };
    })();
  }

  *iterate(f: ChangeFilter): Generator<ChangeView> {
    const { sql, args } = this.where(f);
    for (const r of this.db.prepare(`SELECT * FROM admin_changes ${sql} ORDER BY id DESC`).iterate(...args) as IterableIterator<ChangeRow>) yield changeView(r);
  }
}
