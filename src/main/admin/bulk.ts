import type { BulkRowInput } from '../../shared/admin/contract';
import type { LocationFieldId } from '../../shared/admin/fields';
import type { BulkCounts, BulkProgress, BulkSummary, ChangeStatus, FieldDiff, PlanRow, PlanVerdict } from '../../shared/admin/types';
import { AppError } from '../../shared/contract/errors';
import { vendorLimits } from '../vendors/limits';
import type { RetailNextClient } from '../vendors/retailnext/client';
import { retailNextClient, retailNextConnection, type AdminDeps } from './deps';
import { outcomeOfError } from '../changeLog/outcome';
import type { WriteJob } from '../db/writeJob';
import { draftRowsSql } from './bulkCheck';

interface BulkRecord {
  id: number;
  connection_id: string;
  connection_name: string;
  source: BulkSummary['source'];
  label: string;
  fields: string;
  state: BulkSummary['state'];
  created_at: string;
  confirmed_at: string | null;
}

/** A confirm's or retry's run: from the moment its entries are handed to the writer to record, until its last row is sent. */
interface Run {
  cancelling: boolean;
  /** Aborted by cancel: what the run is still waiting for (the connection's key) stops at once. */
  stop: AbortController;
  stopped: string | null;
  done: Promise<void>;
}

const progressEveryMs = 250;

/**
 * A confirm's change log entries, pending, one for each row that changes something, in the rows'
 * order; only while the bulk is a draft (a second confirm records nothing). The bodies are built
 * from the rows' diffs by SQLite's JSON functions: the same text as JSON.stringify of
 * { field: before } and { field: after } (checked in test/admin/bulk.test.ts).
 * Parameters: connection id, connection name, recorded at, bulk id.
 */
const recordConfirmSql = `INSERT INTO admin_changes (bulk_id, row, connection_id, connection_name, kind, target, target_name, before, sent, status, recorded_at)
  SELECT b.bulk_id, b.row, ?, ?, 'location.update', b.uuid, b.name,
    (SELECT json_group_object(d.value ->> 'field', d.value -> 'before' ORDER BY d.key) FROM json_each(b.diffs) AS d),
    (SELECT json_group_object(d.value ->> 'field', d.value -> 'after' ORDER BY d.key) FROM json_each(b.diffs) AS d),
    'pending', ?
  FROM admin_bulk_rows AS b
  WHERE b.bulk_id = ? AND b.verdict = 'change' AND EXISTS (SELECT 1 FROM admin_bulks WHERE id = b.bulk_id AND state = 'draft')
  ORDER BY b.seq`;

/**
 * A retry's entries: a new pending one for each row whose entry is not done, the same body, pointing
 * at the entry it retries. Parameters: connection id, connection name, recorded at, bulk id.
 */
const recordRetrySql = `INSERT INTO admin_changes (bulk_id, row, connection_id, connection_name, kind, target, target_name, before, sent, status, retry_of, recorded_at)
  SELECT c.bulk_id, c.row, ?, ?, 'location.update', c.target, c.target_name, c.before, c.sent, 'pending', c.id, ?
  FROM admin_bulk_rows AS b JOIN admin_changes AS c ON c.id = b.change_id
  WHERE b.bulk_id = ? AND c.status IN ('failed', 'unknown', 'not_sent')
  ORDER BY b.seq`;

/**
 * Each row of the bulk points at its entry just recorded: its location's pending entry (a location
 * is on one row of a bulk, bulkCheck.ts), the first one (no retry_of) or the one retrying the row's
 * entry. Parameter: bulk id. Each entry finds its row by the (bulk, uuid) index: left to itself,
 * SQLite searched the bulk's rows by their primary key, every row for each entry (1.4 s at 5,000).
 */
const linkRowsSql = `UPDATE admin_bulk_rows AS b INDEXED BY admin_bulk_rows_by_uuid SET change_id = c.id
  FROM admin_changes AS c
  WHERE b.bulk_id = ? AND c.bulk_id = b.bulk_id AND c.status = 'pending' AND c.target = b.uuid AND c.retry_of IS b.change_id`;

/**
 * Why the writer could not write a bulk's rows, in words of the bulk (its own error speaks of a
 * sync): `what` did not happen, `after` says what the user still has and what to do.
 */
function notWritten(e: unknown, what: string, after: string): AppError {
  const code = (e as { code?: unknown } | null)?.code;
  const detail = e instanceof AppError ? (e.detail ?? e.message) : e instanceof Error ? e.message : String(e);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'disk_full') {
    return new AppError('disk_full', `The disk is full: ${what}. ${after} once some space is free.`, detail, { cause: e });
  }
  return new AppError('internal', `${what[0]!.toUpperCase()}${what.slice(1)}. ${after}; if it fails again, restart the console.`, detail, { cause: e });
}

/** A confirm's or retry's entries not recorded: nothing was sent. */
const notRecorded = (e: unknown, after: string) => notWritten(e, 'the change log could not record these rows, so nothing was sent', after);

/**
 * Bulk location changes: a draft is checked row by row against the cache (the dry run, kept in
 * SQLite so a 50,000-row file pages through the preview); confirming records every row that changes
 * something in the change log, then sends them at most `vendorLimits.retailnext.writes` at a time.
 * A vendor error on one row does not stop the others; offline or refused credentials stop the run
 * and leave the rest "not sent" (never queued). Retry sends again what is not done. A confirm's or
 * retry's entries are recorded by the sync's writer thread in one transaction (thousands of inserts
 * off the core's loop), and nothing is sent before they are all committed.
 */
export class BulkChanges {
  private readonly runs = new Map<number, Run>();

  constructor(private readonly deps: AdminDeps) {}

  /** The newest bulk change now, and whether drafts up to it are left from the last run of the console. */
  lastId(): { id: number; staleDrafts: boolean } {
    const id = (this.db.prepare('SELECT ifnull(max(id), 0) AS id FROM admin_bulks').get() as { id: number }).id;
    return { id, staleDrafts: this.db.prepare("SELECT 1 FROM admin_bulks WHERE state = 'draft' AND id <= ? LIMIT 1").get(id) !== undefined };
  }

  /** A draft belongs to the window that made it: one left by the last run of the console is dropped. */
  dropStaleDrafts(upTo: number): void {
    this.db.prepare("UPDATE admin_bulks SET state = 'discarded' WHERE state = 'draft' AND id <= ?").run(upTo);
  }

  private get db() {
    return this.deps.ctx.db;
  }

  private record(bulkId: number): BulkRecord {
    const b = this.db.prepare('SELECT * FROM admin_bulks WHERE id = ?').get(bulkId) as BulkRecord | undefined;
    if (!b || b.state === 'discarded') throw new AppError('not_found', 'This bulk change no longer exists (a draft is dropped when the console restarts): import the file again.');
    return b;
  }

  async draft(input: { bulkId?: number; connectionId?: string; source: BulkSummary['source']; label: string; fields: LocationFieldId[]; rows: BulkRowInput[] }): Promise<BulkSummary> {
    const now = this.deps.ctx.now().toISOString();
    let bulk: BulkRecord;
    if (input.bulkId !== undefined) {
      bulk = this.record(input.bulkId);
      if (bulk.state !== 'draft') throw new AppError('conflict', 'This bulk change was already confirmed: rows cannot be added to it.');
    } else {
      const connection = retailNextConnection(this.deps, input.connectionId);
      const id = Number(
        this.db
          .prepare("INSERT INTO admin_bulks (connection_id, connection_name, source, label, fields, state, created_at) VALUES (?, ?, ?, ?, ?, 'draft', ?)")
          .run(connection.id, connection.name, input.source, input.label, JSON.stringify(input.fields), now).lastInsertRowid,
      );
      bulk = this.record(id);
    }
    // Checked on the admin read lane (the cached locations of every row), then written in one statement by the sync's writer.
    const checked = await this.deps.checkDraft({ connectionId: bulk.connection_id, bulkId: bulk.id, fields: input.fields, rows: input.rows });
    if (this.record(bulk.id).state !== 'draft' || this.runs.has(bulk.id)) throw new AppError('conflict', 'This bulk change was already confirmed: rows cannot be added to it.');
    const added = await this.deps
      .write({ steps: [{ sql: draftRowsSql, rows: [[bulk.id, bulk.id, checked.rows, bulk.id]], counted: true }] })
      .catch((e: unknown) => Promise.reject(notWritten(e, 'these rows could not be added to the draft', 'Discard it and import the file again')));
    if (added === 0 && input.rows.length > 0) throw new AppError('conflict', 'This bulk change was confirmed meanwhile: these rows were not added to it.');
    return this.summary(bulk.id);
  }

  counts(bulkId: number): BulkCounts {
    const c: BulkCounts = { rows: 0, change: 0, no_change: 0, unknown_location: 0, invalid: 0, pending: 0, sending: 0, done: 0, failed: 0, unknown: 0, not_sent: 0 };
    for (const r of this.db.prepare('SELECT verdict, count(*) AS n FROM admin_bulk_rows WHERE bulk_id = ? GROUP BY verdict').all(bulkId) as Array<{ verdict: PlanVerdict; n: number }>) {
      c[r.verdict] = r.n;
      c.rows += r.n;
    }
    for (const r of this.db.prepare('SELECT c.status, count(*) AS n FROM admin_bulk_rows b JOIN admin_changes c ON c.id = b.change_id WHERE b.bulk_id = ? GROUP BY c.status').all(bulkId) as Array<{ status: ChangeStatus; n: number }>) {
      c[r.status] = r.n;
    }
    return c;
  }

  summary(bulkId: number): BulkSummary {
    const b = this.record(bulkId);
    const run = this.runs.get(bulkId);
    return {
      id: b.id,
      connectionId: b.connection_id,
      connectionName: b.connection_name,
      source: b.source,
      label: b.label,
      fields: JSON.parse(b.fields) as LocationFieldId[],
      state: b.state,
      running: run !== undefined,
      cancelling: run?.cancelling ?? false,
      createdAt: b.created_at,
      confirmedAt: b.confirmed_at,
      counts: this.counts(bulkId),
    };
  }

  list(limit: number): BulkSummary[] {
    const ids = this.db.prepare("SELECT id FROM admin_bulks WHERE state != 'discarded' ORDER BY id DESC LIMIT ?").all(limit) as Array<{ id: number }>;
    return ids.map((r) => this.summary(r.id));
  }

  preview(bulkId: number, offset: number, limit: number, verdict: PlanVerdict | '', status: ChangeStatus | ''): { summary: BulkSummary; rows: PlanRow[]; total: number } {
    const summary = this.summary(bulkId);
    const where = ['b.bulk_id = ?'];
    const args: unknown[] = [bulkId];
    if (verdict) {
      where.push('b.verdict = ?');
      args.push(verdict);
    }
    if (status) {
      where.push('c.status = ?');
      args.push(status);
    }
    const from = `FROM admin_bulk_rows b LEFT JOIN admin_changes c ON c.id = b.change_id WHERE ${where.join(' AND ')}`;
    const total = (this.db.prepare(`SELECT count(*) AS n ${from}`).get(...args) as { n: number }).n;
    type R = { seq: number; row: number | null; uuid: string; name: string | null; kind: PlanRow['kind']; verdict: PlanVerdict; reason: string | null; diffs: string; change_id: number | null; status: ChangeStatus | null; message: string | null; vendor_message: string | null };
    const rows = (this.db.prepare(`SELECT b.seq, b.row, b.uuid, b.name, b.kind, b.verdict, b.reason, b.diffs, b.change_id, c.status, c.message, c.vendor_message ${from} ORDER BY b.seq LIMIT ? OFFSET ?`).all(...args, limit, offset) as R[]).map(
      (r): PlanRow => ({
        seq: r.seq,
        row: r.row,
        uuid: r.uuid,
        name: r.name,
        kind: r.kind,
        verdict: r.verdict,
        reason: r.reason,
        diffs: JSON.parse(r.diffs) as FieldDiff[],
        changeId: r.change_id,
        status: r.status,
        message: r.status === 'failed' && r.vendor_message ? `${r.message ?? ''} RetailNext said: ${r.vendor_message}`.trim() : r.message,
      }),
    );
    return { summary, rows, total };
  }

  discard(bulkId: number): { discarded: boolean } {
    const b = this.record(bulkId);
    if (b.state !== 'draft' || this.runs.has(bulkId)) throw new AppError('conflict', 'A confirmed bulk change stays in the change log; it cannot be discarded.');
    this.db.prepare("UPDATE admin_bulks SET state = 'discarded' WHERE id = ?").run(bulkId);
    this.db.prepare('DELETE FROM admin_bulk_rows WHERE bulk_id = ?').run(bulkId);
    return { discarded: true };
  }

  /** Records every row that changes something, then sends them. A second confirm sends nothing. */
  async confirm(bulkId: number): Promise<BulkSummary> {
    const b = this.record(bulkId);
    if (b.state !== 'draft' || this.runs.has(bulkId)) throw new AppError('conflict', 'This bulk change was already confirmed: its rows were sent or are being sent. Use Retry for the rows that are not done.');
    if (this.db.prepare("SELECT 1 FROM admin_bulk_rows WHERE bulk_id = ? AND verdict = 'change' LIMIT 1").get(bulkId) === undefined) throw new AppError('invalid_input', 'No row of this bulk change would change anything: nothing to send.');
    const at = this.deps.ctx.now().toISOString();
    await this.recordThenSend(b, 'It is still a draft: confirm it again', {
      steps: [
        { sql: recordConfirmSql, rows: [[b.connection_id, b.connection_name, at, bulkId]], counted: true },
        { sql: linkRowsSql, rows: [[bulkId]] },
        { sql: "UPDATE admin_bulks SET state = 'confirmed', confirmed_at = ? WHERE id = ? AND state = 'draft'", rows: [[at, bulkId]] },
      ],
    });
    return this.summary(bulkId);
  }

  /** Sends again every row that is not done: a new change log entry for each (the old one stays). */
  async retry(bulkId: number): Promise<BulkSummary> {
    const b = this.record(bulkId);
    if (b.state !== 'confirmed') throw new AppError('conflict', 'Confirm the bulk change first.');
    if (this.runs.has(bulkId)) throw new AppError('conflict', 'This bulk change is still being sent: wait for it to finish or cancel it.');
    const notDone = "SELECT 1 FROM admin_bulk_rows b JOIN admin_changes c ON c.id = b.change_id WHERE b.bulk_id = ? AND c.status IN ('failed', 'unknown', 'not_sent') LIMIT 1";
    if (this.db.prepare(notDone).get(bulkId) === undefined) throw new AppError('invalid_input', 'Every row of this bulk change is done: nothing to retry.');
    await this.recordThenSend(b, 'The rows are as they were: retry them again', {
      steps: [
        { sql: recordRetrySql, rows: [[b.connection_id, b.connection_name, this.deps.ctx.now().toISOString(), bulkId]], counted: true },
        { sql: linkRowsSql, rows: [[bulkId]] },
      ],
    });
    return this.summary(bulkId);
  }

  /**
   * The run starts (a second confirm or retry is refused from now on; a cancel stops it before its
   * first request) while the sync's writer records its entries in one transaction, off the core's
   * loop; it sends only once they are committed. If they are not, nothing was recorded, nothing is
   * sent, and the caller reads why.
   */
  private async recordThenSend(b: BulkRecord, after: string, job: WriteJob): Promise<void> {
    const run: Run = { cancelling: false, stop: new AbortController(), stopped: null, done: Promise.resolve() };
    this.runs.set(b.id, run);
    const recorded = this.deps.write(job);
    run.done = recorded.then(
      () => undefined,
      () => undefined,
    );
    let entries: number;
    try {
      entries = await recorded;
    } catch (e) {
      this.runs.delete(b.id);
      throw notRecorded(e, after);
    }
    if (entries === 0) {
      // Another confirm or retry recorded them first: that one sends them.
      this.runs.delete(b.id);
      throw new AppError('conflict', 'This bulk change was already confirmed or retried: its rows were sent or are being sent.');
    }
    this.start(b, run);
  }

  cancel(bulkId: number): BulkSummary {
    const run = this.runs.get(bulkId);
    if (run) {
      run.cancelling = true;
      run.stop.abort();
    }
    return this.summary(bulkId);
  }

  /** Resolves when every run has ended (tests, closing the core); a run recorded meanwhile is waited for as it sends. */
  async idle(): Promise<void> {
    while (this.runs.size > 0) await Promise.all([...this.runs.values()].map((r) => r.done));
  }

  private start(b: BulkRecord, run: Run): void {
    run.done = this.send(b, run)
      .catch((e: unknown) => {
        this.deps.ctx.log.log('error', 'admin: bulk run failed', { bulkId: b.id, error: e instanceof Error ? e.message : String(e) });
        run.stopped ??= 'The run stopped because of an error inside the console; the rows not sent can be retried.';
      })
      .finally(() => {
        if (this.deps.ctx.db.open) {
          this.leaveUnsent(b.id, run);
          this.runs.delete(b.id);
          this.emitProgress(b.id, run, true);
          this.deps.ctx.emit('admin.cacheEdited', { datasets: ['locations'] });
        } else {
          this.runs.delete(b.id);
        }
      });
  }

  private leaveUnsent(bulkId: number, run: Run): void {
    const message = run.stopped ?? (run.cancelling ? 'Cancelled before it was sent: nothing was sent.' : 'Not sent.');
    this.db.prepare("UPDATE admin_changes SET status = 'not_sent', message = ?, finished_at = ? WHERE bulk_id = ? AND status = 'pending'").run(message, this.deps.ctx.now().toISOString(), bulkId);
  }

  private lastEmit = new Map<number, number>();

  private emitProgress(bulkId: number, run: Run, final = false): void {
    const t = Date.now();
    if (!final && t - (this.lastEmit.get(bulkId) ?? 0) < progressEveryMs) return;
    this.lastEmit.set(bulkId, t);
    if (final) this.lastEmit.delete(bulkId);
    const p: BulkProgress = { bulkId, counts: this.counts(bulkId), running: !final, stopped: run.stopped ?? (run.cancelling ? 'Cancelled: the rows not yet sent were not sent.' : null) };
    this.deps.ctx.emit('admin.bulk.progress', p);
  }

  private async send(b: BulkRecord, run: Run): Promise<void> {
    const connection = this.deps.connections.get(b.connection_id);
    let client: RetailNextClient;
    try {
      client = await retailNextClient(this.deps, connection, run.stop.signal);
    } catch (e) {
      if (run.cancelling) return;
      run.stopped = e instanceof AppError ? `${e.message} Nothing was sent.` : 'The connection could not be used: nothing was sent.';
      return;
    }
    const next = this.db.prepare("SELECT id, target, sent FROM admin_changes WHERE bulk_id = ? AND status = 'pending' AND id > ? ORDER BY id LIMIT 200");
    let page: Array<{ id: number; target: string; sent: string }> = [];
    let at = 0;
    let after = 0;
    const take = (): { id: number; target: string; sent: string } | null => {
      if (at >= page.length) {
        page = next.all(b.id, after) as typeof page;
        at = 0;
        if (page.length === 0) return null;
        after = page[page.length - 1]!.id;
      }
      return page[at++]!;
    };
    // Each worker records a row's outcome while its next request is on the wire: the log's writes
    // do not stretch the rounds that RetailNext's limit allows.
    const worker = async (): Promise<void> => {
      let record: (() => void) | null = null;
      const flush = () => {
        if (record && this.db.open) record();
        record = null;
      };
      try {
        for (;;) {
          if (run.cancelling || run.stopped || !this.db.open) return;
          const c = take();
          if (!c) return;
          this.deps.log.markSending(c.id);
          const sent = client.updateLocation(c.target, JSON.parse(c.sent) as Record<string, never>);
          flush();
          this.emitProgress(b.id, run);
          try {
            const node = await sent;
            record = () =>
              this.db.transaction(() => {
                this.deps.log.complete(c.id, { status: 'done', vendorStatus: 200, message: 'RetailNext accepted it; the cache shows its answer.' });
                this.deps.edits.location(b.connection_id, node);
              })();
          } catch (e) {
            const o = outcomeOfError(e);
            if (o.stopRun) run.stopped ??= o.stopRun;
            record = () => this.deps.log.complete(c.id, o);
          }
        }
      } finally {
        flush();
      }
    };
    await Promise.all(Array.from({ length: vendorLimits.retailnext.writes }, worker));
  }
}
