import Database from 'better-sqlite3';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftRowsSql } from '../../src/main/admin/bulkCheck';
import { readLocation, readLocations } from '../../src/main/admin/locations';
import { parseBulkCsv } from '../../src/shared/admin/csvImport';
import type { BulkSummary, ChangeView, PlanRow } from '../../src/shared/admin/types';
import { preparedDuring, queryPlan } from '../support/sqlWatch';
import { openAdminRig, type AdminRig } from './rig';

/** A loopback port nothing listens on (connections to it are refused). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

async function waitIdle(rig: AdminRig, bulkId: number): Promise<BulkSummary> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const s = (await rig.call<{ summary: BulkSummary }>('admin.bulk.preview', { bulkId, limit: 1 })).summary;
    if (!s.running) return s;
    if (Date.now() > deadline) throw new Error('the bulk run did not end');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function draftCsv(rig: AdminRig, csv: string): Promise<BulkSummary> {
  const parsed = parseBulkCsv(csv);
  if (!parsed.ok) throw new Error(parsed.reason);
  return rig.call<BulkSummary>('admin.bulk.draft', { connectionId: rig.rn.id, source: 'csv', label: 'limits.csv', fields: parsed.fields, rows: parsed.rows });
}

describe('bulk location changes against the simulator', () => {
  let rig: AdminRig;
  beforeAll(async () => {
    rig = await openAdminRig();
    await rig.sync(['locations']);
  }, 60_000);
  afterAll(async () => rig?.close());

  it('dry run, confirm, every good row done, the bad ones refused with reasons; the cache holds the vendor\'s answers', async () => {
    const stores = rig.sim.estate.stores;
    const sub = rig.sim.estate.sublocations[0]!;
    const lines = ['site_uuid, occupancy_limit', ...stores.map((s, i) => `${s.uuid},${40 + i}`), 'ffffffff-0000-0000-0000-000000000000,12', `${sub.uuid},30`];
    // the second store's value is not a number: a third bad row
    lines.splice(2, 1, `${stores[1]!.uuid},forty`);
    const draft = await draftCsv(rig, lines.join('\n'));
    expect(draft.state).toBe('draft');
    expect(draft.counts).toMatchObject({ rows: stores.length + 2, change: stores.length - 1, invalid: 2, unknown_location: 1 });
    const refused = (await rig.call<{ rows: PlanRow[] }>('admin.bulk.preview', { bulkId: draft.id, verdict: 'invalid' })).rows;
    expect(refused.map((r) => r.reason)).toEqual([expect.stringContaining('must be a number, not "forty"'), expect.stringContaining('Occupancy limit only applies to stores; this is a sublocation')]);
    const unknown = (await rig.call<{ rows: PlanRow[] }>('admin.bulk.preview', { bulkId: draft.id, verdict: 'unknown_location' })).rows;
    expect(unknown[0]).toMatchObject({ row: stores.length + 2, reason: expect.stringContaining('not among the cached locations') });
    const first = (await rig.call<{ rows: PlanRow[] }>('admin.bulk.preview', { bulkId: draft.id, limit: 1 })).rows[0]!;
    expect(first.diffs).toEqual([{ field: 'occupancy_limit', before: stores[0]!.occupancy_limit, after: 40 }]);
    // nothing was sent by the dry run
    expect(rig.sim.estate.stores[0]!.occupancy_limit).not.toBe(40);

    const confirmed = await rig.call<BulkSummary>('admin.bulk.confirm', { bulkId: draft.id });
    expect(confirmed.state).toBe('confirmed');
    // a second click sends nothing
    expect((await rig.fail('admin.bulk.confirm', { bulkId: draft.id })).code).toBe('conflict');
    // A part whose rows reach the writer after the confirm (checked while it was confirmed) adds nothing:
    // no row of a confirmed bulk without its change log entry.
    const late = rig.core.context.db.prepare(draftRowsSql).run(draft.id, draft.id, JSON.stringify([[99, stores[0]!.uuid, stores[0]!.name, 'store', 'change', null, '[]']]), draft.id);
    expect(late.changes).toBe(0);
    const end = await waitIdle(rig, draft.id);
    expect(end.counts).toMatchObject({ done: stores.length - 1, failed: 0, unknown: 0, not_sent: 0 });
    expect(rig.sim.estate.stores[0]!.occupancy_limit).toBe(40);
    expect(rig.sim.estate.stores[5]!.occupancy_limit).toBe(45);

    const db = new Database(path.join(rig.dataDir, 'cache.sqlite'), { readonly: true });
    const cached = db.prepare("SELECT occupancy_limit FROM cached_locations WHERE uuid = ?").get(stores[5]!.uuid) as { occupancy_limit: number };
    const logged = db.prepare("SELECT count(*) AS n FROM admin_changes WHERE bulk_id = ? AND status = 'done'").get(draft.id) as { n: number };
    db.close();
    expect(cached.occupancy_limit).toBe(45);
    expect(logged.n).toBe(stores.length - 1);
    // the store tree (estate model) sees the edit without a sync
    expect(rig.events.some((e) => e.name === 'admin.cacheEdited')).toBe(true);
    const panel = await rig.call<{ occupancyLimit: number }>('estate.store', { storeUuid: stores[5]!.uuid });
    expect(panel.occupancyLimit).toBe(45);
    const log = await rig.call<{ changes: ChangeView[] }>('admin.changes.list', { filter: { bulkId: draft.id }, limit: 1 });
    expect(log.changes[0]).toMatchObject({ kind: 'location.update', status: 'done', vendorStatus: 200 });
    expect(JSON.stringify(log.changes[0])).not.toContain(rig.sim.credentials.retailnext.secretKey);
  });

  it('cached locations are read by uuid through the (snapshot, uuid) index, not a scan of every cached location', async () => {
    // Through the cached_locations view SQLite scanned every cached location: 3.4 ms a lookup on a large estate.
    const db = rig.core.context.db;
    const stores = rig.sim.estate.stores.slice(0, 3);
    let one: ReturnType<typeof readLocation> = null;
    let many = new Map<string, unknown>();
    const prepared = await preparedDuring(db, () => {
      one = readLocation(db, stores[0]!.uuid);
      many = readLocations(db, rig.rn.id, [...stores.map((s) => s.uuid), 'no-such-location']);
    });
    expect(one).toMatchObject({ uuid: stores[0]!.uuid, name: stores[0]!.name, kind: 'store', connectionId: rig.rn.id });
    expect([...many.keys()].sort()).toEqual(stores.map((s) => s.uuid).sort());
    expect(readLocation(db, 'no-such-location')).toBeNull();
    const reads = prepared.filter((sql) => /cache(d)?_locations/.test(sql));
    expect(reads).toHaveLength(2);
    for (const sql of reads) {
      const plan = queryPlan(db, sql);
      expect(plan).toContainEqual(expect.stringMatching(/^SEARCH t USING INDEX cache_locations_by_snapshot \(snapshot_id=\? AND uuid=\?\)/));
      expect(plan.filter((d) => /^SCAN (t|cache_locations)\b/.test(d))).toEqual([]);
    }
  });

  it('a vendor error on one row does not stop the others and stays retryable', async () => {
    const stores = rig.sim.estate.stores.slice(0, 10);
    const draft = await draftCsv(rig, ['uuid,area', ...stores.map((s, i) => `${s.uuid},${1000 + i}`)].join('\r\n'));
    rig.sim.faults.set({ vendor: 'retailnext', endpoint: 'locations.update', kind: 'status5xx', status: 500, count: 1 });
    // The change log's insert is prepared at most once on the core's connection, never per row (5,000
    // rows cost 136-160 ms of the core's CPU when it was); a bulk's entries are the writer's (the last case).
    const db = rig.core.context.db;
    let again: BulkSummary | undefined;
    const prepared = await preparedDuring(db, async () => {
      await rig.call('admin.bulk.confirm', { bulkId: draft.id });
      const end = await waitIdle(rig, draft.id);
      expect(end.counts).toMatchObject({ done: 9, failed: 1 });
      const failed = (await rig.call<{ rows: PlanRow[] }>('admin.bulk.preview', { bulkId: draft.id, status: 'failed' })).rows;
      expect(failed[0]!.message).toMatch(/RetailNext had a problem on its side/);
      await rig.call('admin.bulk.retry', { bulkId: draft.id });
      again = await waitIdle(rig, draft.id);
    });
    expect(prepared.filter((sql) => /INSERT INTO admin_changes/.test(sql)).length).toBeLessThanOrEqual(1);
    expect(again!.counts).toMatchObject({ done: 10, failed: 0 });
    expect(rig.sim.estate.stores.slice(0, 10).map((s) => s.area)).toEqual(stores.map((_, i) => 1000 + i));
    // the first attempt stays in the log beside its retry
    const log = await rig.call<{ changes: ChangeView[]; counts: Record<string, number> }>('admin.changes.list', { filter: { bulkId: draft.id } });
    expect(log.counts).toEqual({ done: 10, failed: 1 });
    expect(log.changes.find((c) => c.retryOf !== null)?.retryOf).toBe(log.changes.find((c) => c.status === 'failed')!.id);
  });

  it('429s are retried within the limit; at most 3 writes at once', async () => {
    const stores = rig.sim.estate.stores.slice(0, 12);
    const draft = await draftCsv(rig, ['site_uuid,occupancy_limit', ...stores.map((s, i) => `${s.uuid},${70 + i}`)].join('\n'));
    rig.sim.faults.set([
      { id: 'slow', vendor: 'retailnext', endpoint: 'locations.update', kind: 'latency', ms: 60 },
      { id: 'limited', vendor: 'retailnext', endpoint: 'locations.update', kind: 'status429', retryAfter: 0, count: 2 },
    ]);
    let inFlight = 0;
    let peak = 0;
    const started = Date.now();
    await rig.call('admin.bulk.confirm', { bulkId: draft.id });
    // Sample the change log's "sending" rows while it runs.
    const db = new Database(path.join(rig.dataDir, 'cache.sqlite'), { readonly: true });
    for (let s = (await rig.call<{ summary: BulkSummary }>('admin.bulk.preview', { bulkId: draft.id, limit: 1 })).summary; s.running; s = (await rig.call<{ summary: BulkSummary }>('admin.bulk.preview', { bulkId: draft.id, limit: 1 })).summary) {
      inFlight = (db.prepare("SELECT count(*) AS n FROM admin_changes WHERE bulk_id = ? AND status = 'sending'").get(draft.id) as { n: number }).n;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
    }
    db.close();
    rig.sim.faults.clear();
    const end = await waitIdle(rig, draft.id);
    expect(end.counts).toMatchObject({ done: 12, failed: 0 });
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(3);
    // 12 rows, 3 at a time, 60 ms each: at least 4 rounds
    expect(Date.now() - started).toBeGreaterThanOrEqual(4 * 60);
  });

  it('offline: refused in words, nothing queued, the rows stay "not sent" for a retry', async () => {
    const stores = rig.sim.estate.stores.slice(0, 5);
    const draft = await draftCsv(rig, ['site_uuid,occupancy_limit', ...stores.map((s) => `${s.uuid},99`)].join('\n'));
    const c = rig.sim.credentials.retailnext;
    await rig.call('connections.save', { id: rig.rn.id, vendor: 'retailnext', name: 'RN admin', baseUrl: `http://127.0.0.1:${await closedPort()}`, subscription: c.subscription, accessKey: c.accessKey });
    try {
      await rig.call('admin.bulk.confirm', { bulkId: draft.id });
      const end = await waitIdle(rig, draft.id);
      expect(end.counts).toMatchObject({ done: 0, not_sent: 5 });
      const rows = (await rig.call<{ rows: PlanRow[] }>('admin.bulk.preview', { bulkId: draft.id })).rows;
      expect(rows.every((r) => r.status === 'not_sent')).toBe(true);
      expect(rows[0]!.message).toMatch(/cannot be reached/);
      expect(stores.every((s) => rig.sim.estate.stores.find((x) => x.uuid === s.uuid)!.occupancy_limit !== 99)).toBe(true);
      const progress = rig.events.filter((e) => e.name === 'admin.bulk.progress').map((e) => e.payload as { bulkId: number; stopped: string | null }).filter((p) => p.bulkId === draft.id);
      expect(progress.at(-1)!.stopped).toMatch(/cannot be reached.*nothing is queued/);
    } finally {
      await rig.call('connections.save', { id: rig.rn.id, vendor: 'retailnext', name: 'RN admin', baseUrl: rig.sim.baseUrls.retailnext, subscription: c.subscription, accessKey: c.accessKey });
    }
    await rig.call('admin.bulk.retry', { bulkId: draft.id });
    expect((await waitIdle(rig, draft.id)).counts).toMatchObject({ done: 5 });
  });

  it('a confirm\'s entries are recorded by the sync\'s writer, all in one transaction, before any is sent; a record that fails sends nothing and says why', async () => {
    const stores = rig.sim.estate.stores.slice(12, 20);
    const rows = stores.map((s, i) => ({ row: i + 2, uuid: s.uuid, values: { name: `Café "Nord" \\ 日本 ${i}`, area: 1234.5 + i }, problem: null }));
    // Rows the writer cannot add are told in the words of a draft, not of a sync (the writer's own error).
    const core = rig.core.context.db;
    core.exec(`CREATE TRIGGER refuse_rows BEFORE INSERT ON admin_bulk_rows WHEN NEW.uuid = '${stores[3]!.uuid}' BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    const notAdded = await rig.fail('admin.bulk.draft', { connectionId: rig.rn.id, source: 'csv', label: 'names.csv', fields: ['name', 'area'], rows });
    core.exec('DROP TRIGGER refuse_rows');
    expect(notAdded.message).toBe('These rows could not be added to the draft. Discard it and import the file again; if it fails again, restart the console.');
    const draft = await rig.call<BulkSummary>('admin.bulk.draft', { connectionId: rig.rn.id, source: 'csv', label: 'names.csv', fields: ['name', 'area'], rows });
    expect(draft.counts.change).toBe(8);
    rig.sim.faults.set({ id: 'count-puts', vendor: 'retailnext', endpoint: 'locations.update', kind: 'latency', ms: 0 });
    const puts = () => rig.sim.faults.list().find((f) => f.id === 'count-puts')?.hits ?? 0;
    const file = new Database(path.join(rig.dataDir, 'cache.sqlite'));
    const entries = () => (file.prepare('SELECT * FROM admin_changes WHERE bulk_id = ? ORDER BY id').all(draft.id) as Array<{ id: number; row: number; target: string; before: string; sent: string; status: string }>);
    try {
      // The last entry cannot be written (as on a full disk): none is, nothing is sent, the draft is as it was.
      file.exec(`CREATE TRIGGER refuse_last_entry BEFORE INSERT ON admin_changes WHEN NEW.target = '${stores[7]!.uuid}' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
      const refused = await rig.fail('admin.bulk.confirm', { bulkId: draft.id });
      expect(refused.message).toMatch(/could not record these rows, so nothing was sent\. It is still a draft: confirm it again/);
      expect(entries()).toEqual([]);
      expect(puts()).toBe(0);
      expect((await rig.call<{ summary: BulkSummary }>('admin.bulk.preview', { bulkId: draft.id, limit: 1 })).summary).toMatchObject({ state: 'draft', running: false });
      file.exec('DROP TRIGGER refuse_last_entry');

      // The core's own connection refuses the bulk's entries: they are the writer's, off the core's loop.
      core.exec(`CREATE TEMP TRIGGER core_records_bulk BEFORE INSERT ON admin_changes WHEN NEW.bulk_id = ${draft.id} BEGIN SELECT RAISE(ABORT, 'recorded on the core''s loop'); END`);
      rig.sim.faults.set({ id: 'held', vendor: 'retailnext', endpoint: 'locations.update', kind: 'hold' });
      let answers: Array<Awaited<ReturnType<typeof rig.core.invoke>>>;
      try {
        // Two clicks at once: one confirm records and sends, the other is refused.
        answers = await Promise.all([rig.core.invoke('admin.bulk.confirm', { bulkId: draft.id }), rig.core.invoke('admin.bulk.confirm', { bulkId: draft.id })]);
      } finally {
        core.exec('DROP TRIGGER temp.core_records_bulk');
      }
      expect(answers.map((a) => (a.ok ? 'ok' : a.error.code)).sort()).toEqual(['conflict', 'ok']);
      // Answered once recorded: every entry is there (pending, or sending while its answer is held), each row points at its own.
      const recorded = entries();
      expect(recorded).toHaveLength(8);
      expect(recorded.every((e) => e.status === 'pending' || e.status === 'sending')).toBe(true);
      const planned = (await rig.call<{ rows: PlanRow[] }>('admin.bulk.preview', { bulkId: draft.id })).rows;
      for (const p of planned) {
        const e = recorded.find((r) => r.id === p.changeId)!;
        expect(e).toMatchObject({ row: p.row, target: p.uuid });
        // The bodies SQLite built are the text JSON.stringify makes.
        expect(e.before).toBe(JSON.stringify(Object.fromEntries(p.diffs.map((d) => [d.field, d.before]))));
        expect(e.sent).toBe(JSON.stringify(Object.fromEntries(p.diffs.map((d) => [d.field, d.after]))));
      }
      rig.sim.faults.clear('held');
      expect((await waitIdle(rig, draft.id)).counts).toMatchObject({ done: 8, pending: 0, sending: 0 });
      expect(puts()).toBe(8);
      expect(rig.sim.estate.stores.slice(12, 20).map((s) => s.name)).toEqual(rows.map((r) => r.values.name));
    } finally {
      rig.sim.faults.clear('held');
      rig.sim.faults.clear('count-puts');
      file.close();
    }
  });
});
