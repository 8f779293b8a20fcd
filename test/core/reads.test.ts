import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonText } from '../../src/main/core/jsonText';
import type { CsvDelivery } from '../../src/main/estate/csvDelivery';
import { readHandlers } from '../../src/main/reads/handlers';
import { readOps } from '../../src/main/reads/ops';
import { kpiHoldings, type KpiHoldings } from '../../src/main/reports/holdings';
import { laneCalls, type ReadLane, type ReadOpName } from '../../src/main/reads/protocol';
import { ReadsService } from '../../src/main/reads/service';
import { adminCalls } from '../../src/shared/admin/contract';
import { alertCalls } from '../../src/shared/alerts/contract';
import { auditCalls } from '../../src/shared/audit/contract';
import { estateCalls } from '../../src/shared/estate/contract';
import type { StoreTree } from '../../src/shared/estate/types';
import { inventoryColumns } from '../../src/shared/inventory/columns';
import { inventoryCalls } from '../../src/shared/inventory/contract';
import { reportsCalls } from '../../src/shared/reports/contract';
import { openDemoCache, type DemoCache } from '../estate/helpers/demoCache';
import { preparedDuring } from '../support/sqlWatch';

// The heavy reads run on read worker threads with their own read-only connection to the real cache
// (a real Demo sync over HTTP from the simulator); the core relays their answers as JSON text.
let demo: DemoCache;
// The clock is pinned for the file, so findings (quiet devices) and report ranges are the same on
// the worker and in-process whatever the day; the ranges are relative to it.
const pinned = new Date();
const day = (daysAgo: number) => new Date(pinned.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);
const caspar = 'aec3dc7e-9e2c-11e5-9bb4-0e5ba9bee1b9';

beforeAll(async () => {
  demo = await openDemoCache({ now: () => pinned });
  await demo.syncAll();
}, 180_000);
afterAll(async () => demo?.close());

const reads: Array<[ReadLane, ReadOpName, unknown]> = [
  ['estate', 'estate.tree', { part: 'top' }],
  ['estate', 'estate.tree', { part: 'full' }],
  ['estate', 'estate.links', {}],
  ['estate', 'estate.store', { storeUuid: caspar }],
  ['estate', 'inventory.table', { kind: 'cameras' }],
  ['estate', 'inventory.table', { kind: 'appliances' }],
  ['estate', 'inventory.table', { kind: 'channels', first: 5 }],
  ['estate', 'inventory.cameraNames', {}],
  ['estate', 'audit.report', {}],
  ['estate', 'alerts.list', {}],
  ['reports', 'reports.tree', {}],
  ['reports', 'reports.run', { nodeId: 'all', from: day(14), to: day(1), granularity: 'day' }],
  ['reports', 'reports.run', { nodeId: 'all', from: day(3), to: day(1), granularity: 'hour' }],
  ['reports', 'reports.heatmap', { nodeId: 'all', from: day(28), to: day(1) }],
  ['reports', 'reports.predictionSources', { nodeId: 'all' }],
  ['admin', 'admin.users.list', {}],
  ['admin', 'admin.users.exportCsv', { filter: { status: 'enabled' } }],
  ['admin', 'admin.access.report', {}],
  ['admin', 'admin.changes.list', { filter: { search: 'store' }, offset: 0, limit: 50 }],
  ['admin', 'admin.changes.exportCsv', {}],
];

describe('heavy reads on read workers', () => {
  it('every call of the features that read the estate, the KPIs or the users runs on a read worker, but the few the core answers itself', () => {
    // What the core answers on its own loop, and why that is cheap; any other call would build the
    // estate model (40,000 rows on a large estate), read a report or expand 400 users' stores there
    // (5,000 stores each), holding every other call.
    const onTheCore: Record<string, string> = {
      'estate.link': 'checked on the estate lane (estate.checkLink), then one row written',
      'audit.settings': 'one row',
      'audit.saveSettings': 'a write of one row',
      'alerts.markSeen': 'one UPDATE',
      'alerts.acknowledge': 'a keyed write',
      'alerts.badge': 'one count',
      'reports.fetchPredictions': 'its stores come from the reports lane (reports.predictionSources); asks RetailNext; writes its answer',
      'reports.exportPdf': 'the shell prints the window',
      'admin.locations.editable': 'one location and the names of its possible parents',
      'admin.bulk.draft': 'its rows checked on the admin lane (admin.bulk.check), then written by the sync writer',
      'admin.bulk.preview': 'a page of a draft',
      'admin.bulk.confirm': 'its entries recorded in the change log by the sync writer (one transaction), then sent to RetailNext',
      'admin.bulk.cancel': 'stops a run',
      'admin.bulk.retry': 'new entries for the failed rows recorded by the sync writer, then sent again',
      'admin.bulk.discard': 'a write',
      'admin.bulk.list': 'the last few drafts and runs',
      'admin.write.preview': 'one write checked against the cache (users without their stores: usersList stores: false)',
      'admin.write.confirm': 'sends one write to RetailNext',
      'admin.changes.retry': 'sends one write again',
      'admin.access.saveSettings': 'a write of one row',
      'admin.occupancy.status': 'asks RetailNext; one store from the cache',
    };
    const read = new Set<string>(Object.values(laneCalls).flat());
    const calls = [estateCalls, inventoryCalls, auditCalls, alertCalls, reportsCalls, adminCalls].flatMap((table) => Object.keys(table));
    expect(calls.filter((name) => !read.has(name) && !(name in onTheCore))).toEqual([]);
  });

  it('answers each as JSON text made on its worker, equal to what the core computes in-process', async () => {
    // Both built now, over the synced cache (the core's own worker warmed its model during the sync).
    const inProcess = { estate: readOps(demo.core.context, 'estate'), reports: readOps(demo.core.context, 'reports'), admin: readOps(demo.core.context, 'admin') };
    // The core notes when it first saw each user as it answers the access audit (the lanes only read).
    await demo.call('admin.access.report', {});
    expect(demo.core.context.db.prepare('SELECT count(*) AS n FROM admin_users_seen').get()).toEqual({ n: (demo.core.context.db.prepare('SELECT count(*) AS n FROM cached_users').get() as { n: number }).n });
    const workers = new ReadsService(demo.core.context);
    try {
      for (const [lane, name, input] of reads) {
        const answered = await workers.answer(lane, name, input);
        expect(answered, name).toBeInstanceOf(JsonText);
        const local = await inProcess[lane].run(name, input);
        if (!local.ok) throw new Error(`${name} in-process: ${local.error.message}`);
        // Through JSON, as a shell receives both.
        expect(JSON.parse((answered as JsonText).text), `${name} ${JSON.stringify(input)}`).toEqual(JSON.parse(JSON.stringify(local.value)));
      }
    } finally {
      await workers.close();
    }
    // The core's calls answer through its own workers, as the Result's JSON text.
    for (const [lane, name, input] of reads) {
      if (!(laneCalls[lane] as readonly string[]).includes(name)) continue; // an op of a lane, not a call
      const text = await demo.core.answer(name, input);
      expect(JSON.parse(text), `${name}: ${text.slice(0, 200)}`).toMatchObject({ ok: true });
    }
  }, 120_000);

  it('a read of its own service comes back as text from a worker thread, and its errors in words', async () => {
    const service = new ReadsService(demo.core.context);
    try {
      const tree = await service.answer<StoreTree>('estate', 'estate.tree', { part: 'top' });
      expect(tree).toBeInstanceOf(JsonText);
      expect((JSON.parse((tree as JsonText).text) as StoreTree).nodes.length).toBeGreaterThan(10);
      await expect(service.answer('reports', 'reports.run', { nodeId: 'no-such-store', from: day(2), to: day(1), granularity: 'day' })).rejects.toMatchObject({ code: 'not_found' });
      // What a connection's KPI cache holds (sync.status asks it of the reports lane).
      const flow = demo.core.context.db.prepare("SELECT id FROM connections WHERE vendor = 'flow'").get() as { id: string };
      const holdings = await service.value<KpiHoldings>('reports', 'sync.kpiHoldings', { connectionId: flow.id });
      expect(holdings.storeDays).toBeGreaterThan(0);
      expect(holdings).toEqual(kpiHoldings(demo.core.context.db, flow.id));
      await expect(service.value('reports', 'reports.predictionSources', { nodeId: 'no-such-store' })).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/not in the cache/) });
      await expect(service.value('estate', 'estate.checkLink', { connectionId: 'nope', key: 'nope', storeUuid: null, auto: false })).rejects.toMatchObject({
        code: 'not_found',
        message: expect.stringMatching(/not in the cache/),
      });
    } finally {
      await service.close();
    }
  }, 60_000);

  it('a CSV the desktop saves comes from its worker as bytes beside the rest of the answer, and is written as the page would download it', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'roc-csv-'));
    const ctx = { ...demo.core.context, shell: { chooseFolder: async () => folder } };
    const service = new ReadsService(ctx);
    try {
      const input = { kind: 'cameras' as const, scope: null, view: { search: '', filters: {}, sort: null, columns: inventoryColumns.cameras.map((c) => c.id) } };
      // As browser mode relays it: the whole answer as JSON text.
      const page = await service.value<CsvDelivery>('estate', 'inventory.exportCsv', input);
      expect(page.rows).toBeGreaterThan(100);
      // For the desktop: the worker encodes it, and hands its bytes (the core writes them as they are).
      const made = await service.csv('estate', 'inventory.exportCsv', input);
      expect(made).toMatchObject({ fileName: page.fileName, rows: page.rows });
      expect(made.csv).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(made.csv as Uint8Array).toString('utf8')).toBe(page.csv);
      const saved = (await readHandlers(ctx, service)['inventory.exportCsv']!(input, { signal: new AbortController().signal })) as CsvDelivery;
      expect(saved).toMatchObject({ saved: true, fileName: page.fileName, csv: null, rows: page.rows });
      expect(fs.readFileSync(saved.path!, 'utf8')).toBe(page.csv);
    } finally {
      await service.close();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);

  it('a cancelled read answers "cancelled" at once, its worker drops it, and the next read works', async () => {
    const dropped: Array<Record<string, unknown> | undefined> = [];
    const log = {
      log: (level: string, message: string, fields?: Record<string, unknown>) => {
        if (message === 'reads: dropped a read whose call was given up') dropped.push(fields);
        else demo.core.context.log.log(level as 'info', message, fields);
      },
    };
    const service = new ReadsService({ ...demo.core.context, log });
    try {
      expect(await service.answer('estate', 'estate.links', {})).toBeInstanceOf(JsonText); // its worker is up
      // The lane's worker is busy with a read first, so the cancel is sure to reach it before the
      // cancelled read's turn (otherwise a fast worker may already have answered it: a race).
      const busy = service.answer('estate', 'estate.tree', { part: 'full' });
      const caller = new AbortController();
      const report = service.answer('estate', 'audit.report', {}, caller.signal);
      for (let i = 0; i < 10; i++) await Promise.resolve();
      caller.abort();
      await expect(report).rejects.toMatchObject({ code: 'cancelled' });
      expect(await busy).toBeInstanceOf(JsonText);
      const next = await service.answer('estate', 'audit.report', {});
      expect(next).toBeInstanceOf(JsonText);
      expect(JSON.parse((next as JsonText).text)).toHaveProperty('findings');
      // The worker dropped the cancelled one before it began: it never ran (its answer never came).
      expect(dropped).toEqual([{ op: 'audit.report', begun: false, lane: 'estate' }]);
      // A read given up before it is asked for never reaches the worker.
      await expect(service.answer('estate', 'audit.report', {}, AbortSignal.abort())).rejects.toMatchObject({ code: 'cancelled' });
      expect(dropped).toHaveLength(1);
    } finally {
      await service.close();
    }
  }, 60_000);

  it("a connection's first health-alert baseline is written by the sync's writer thread, not on the core's connection", async () => {
    // 18,000 alerts on a large estate: their inserts held the core's loop 40-60 ms.
    const db = demo.core.context.db;
    const rn = demo.connections.find((c) => c.vendor === 'retailnext')!;
    const count = (sql: string) => (db.prepare(sql).get(rn.id) as { n: number }).n;
    db.prepare('DELETE FROM it_alerts_seen WHERE connection_id = ?').run(rn.id);
    const alerts = count('SELECT count(*) AS n FROM cached_health_alerts WHERE connection_id = ?');
    expect(alerts).toBeGreaterThan(10);
    // What the core's own connection is asked to run meanwhile (the statements still run on it).
    const onTheCore = await preparedDuring(db, async () => {
      await demo.syncAll({ retailnext: ['health_alerts'], flow: [], exteros: [] });
      const deadline = Date.now() + 30_000;
      while (count('SELECT count(*) AS n FROM it_alerts_seen WHERE connection_id = ?') < alerts && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    });
    // The baseline: every alert recorded, none of them new.
    expect(count('SELECT count(*) AS n FROM it_alerts_seen WHERE connection_id = ? AND acknowledged = 1')).toBe(alerts);
    expect(onTheCore.filter((sql) => /INSERT[^;]*it_alerts_seen/i.test(sql))).toEqual([]);
    expect(demo.events.filter((e) => e.name === 'alerts.new')).toEqual([]);
  }, 60_000);

  it("a bulk change's rows are checked against the cache on the admin lane and written by the sync's writer", async () => {
    // 2,000 rows a call: their cached locations (and moves' parents) took 70 ms to seconds on the core.
    const db = demo.core.context.db;
    const rn = demo.connections.find((c) => c.vendor === 'retailnext')!;
    const stores = db.prepare("SELECT uuid, occupancy_limit FROM cached_locations WHERE connection_id = ? AND location_type = 'store' ORDER BY uuid LIMIT 3").all(rn.id) as Array<{ uuid: string; occupancy_limit: number | null }>;
    const rows = [
      ...stores.map((s, i) => ({ row: i + 2, uuid: s.uuid, values: { occupancy_limit: String((s.occupancy_limit ?? 40) + 1) }, problem: null })),
      { row: 5, uuid: stores[0]!.uuid, values: { occupancy_limit: '7' }, problem: null },
      { row: 6, uuid: 'no-such-location', values: { occupancy_limit: '7' }, problem: null },
    ];
    let draft = { id: 0, counts: {} as Record<string, number> };
    const onTheCore = await preparedDuring(db, async () => {
      const first = await demo.call<{ id: number }>('admin.bulk.draft', { connectionId: rn.id, source: 'csv', label: 'limits.csv', fields: ['occupancy_limit'], rows: rows.slice(0, 3) });
      // The second part of the file: a location already in the draft is refused.
      draft = await demo.call('admin.bulk.draft', { bulkId: first.id, connectionId: rn.id, source: 'csv', label: 'limits.csv', fields: ['occupancy_limit'], rows: rows.slice(3) });
    });
    expect(draft.counts).toMatchObject({ rows: 5, change: 3, invalid: 1, unknown_location: 1 });
    const preview = await demo.call<{ rows: Array<{ seq: number; row: number | null; uuid: string; verdict: string; diffs: unknown[] }> }>('admin.bulk.preview', { bulkId: draft.id, offset: 0, limit: 10 });
    expect(preview.rows.map((r) => [r.seq, r.row, r.verdict, r.diffs.length])).toEqual([[1, 2, 'change', 1], [2, 3, 'change', 1], [3, 4, 'change', 1], [4, 5, 'invalid', 0], [5, 6, 'unknown_location', 0]]);
    expect(onTheCore.filter((sql) => /cached_locations|INSERT INTO admin_bulk_rows/.test(sql))).toEqual([]);
    await demo.call('admin.bulk.discard', { bulkId: draft.id });
    // Moves: a region beneath the region below it is refused (the lane walks up from the new parent), a store may move.
    const nested = db
      .prepare("SELECT c.uuid AS child, p.uuid AS parent FROM cached_locations c JOIN cached_locations p ON p.uuid = c.parent_uuid AND p.connection_id = c.connection_id WHERE c.connection_id = ? AND c.location_type = 'region' AND p.location_type = 'region' LIMIT 1")
      .get(rn.id) as { child: string; parent: string };
    const store = db.prepare("SELECT uuid, parent_uuid FROM cached_locations WHERE connection_id = ? AND location_type = 'store' AND parent_uuid != ? LIMIT 1").get(rn.id, nested.child) as { uuid: string };
    const moves = await demo.call<{ id: number; counts: Record<string, number> }>('admin.bulk.draft', {
      connectionId: rn.id,
      source: 'csv',
      label: 'moves.csv',
      fields: ['parent_uuid'],
      rows: [
        { row: 2, uuid: nested.parent, values: { parent_uuid: nested.child }, problem: null },
        { row: 3, uuid: store.uuid, values: { parent_uuid: nested.child }, problem: null },
      ],
    });
    const moved = await demo.call<{ rows: Array<{ verdict: string; reason: string | null }> }>('admin.bulk.preview', { bulkId: moves.id, offset: 0, limit: 10 });
    expect(moved.rows.map((r) => [r.verdict, r.reason])).toEqual([['invalid', 'A location cannot move beneath itself.'], ['change', null]]);
    await demo.call('admin.bulk.discard', { bulkId: moves.id });
  }, 60_000);

  it('a cheap call answers while a heavy read runs, and the read answers too', async () => {
    // A placement changes the cache's version: the next full tree rebuilds the model on the worker.
    const exteros = demo.connections.find((c) => c.vendor === 'exteros')!;
    const links = await demo.call<Array<{ connectionId: string; key: string }>>('estate.links', {});
    const someKey = links.find((l) => l.connectionId === exteros.id)!.key;
    const before = await demo.call<StoreTree>('estate.tree', { part: 'full' });
    await demo.call('estate.link', { connectionId: exteros.id, key: someKey, storeUuid: null, auto: false });
    const settled: string[] = [];
    const tree = demo.core.invoke('estate.tree', { part: 'full' }).then((r) => (settled.push('tree'), r));
    const info = demo.core.invoke('app.info', {}).then((r) => (settled.push('app.info'), r));
    const [treeResult, infoResult] = await Promise.all([tree, info]);
    expect(infoResult.ok).toBe(true);
    expect(treeResult.ok).toBe(true);
    expect(settled).toEqual(['app.info', 'tree']);
    // The tree was rebuilt for the placement: nothing was served from before it.
    expect((treeResult as { value: StoreTree }).value.version).not.toBe(before.version);
    await demo.call('estate.link', { connectionId: exteros.id, key: someKey, storeUuid: null, auto: true });
  }, 60_000);
});
