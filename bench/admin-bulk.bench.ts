// Bulk location update of 1,000 stores against the simulator with 50 ms latency (issue 12).
//   npx tsx bench/admin-bulk.bench.ts [--rows 1000] [--latency 50]
// The floor: RetailNext documents no limit for its write endpoints; the console assumes its strictest
// documented one, 3 concurrent requests per subscription (cameras inventory, predicted traffic), so
// N updates cannot take less than ceil(N / 3) x latency. Beside it, the same run's baseline: the same
// N PUTs sent by a bare loop of 3 fetches (no change log, no cache), on this machine as loaded now.
// The simulator runs in a child process; the core's RSS is sampled every 50 ms, from once its admin
// read lane is loaded.
import os from 'node:os';
import path from 'node:path';
import { vendorLimits } from '../src/main/vendors/limits';
import type { BulkSummary } from '../src/shared/admin/types';
import { openAdminBenchRig } from './admin/rig';
import { arg } from './cli';
import { runInKeyring } from './keyring';

const mb = (b: number) => (b / 1024 / 1024).toFixed(1);

async function main(): Promise<void> {
  const rows = Number(arg('rows', '1000'));
  const latency = Number(arg('latency', '50'));
  const rig = await openAdminBenchRig('admin', latency);
  const { sim, rn, dataDir, call } = rig;
  const c = sim.credentials.retailnext;
  try {
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(path.join(dataDir, 'cache.sqlite'), { readonly: true });
    const stores = (db.prepare("SELECT uuid, occupancy_limit FROM cached_locations WHERE location_type = 'store' ORDER BY uuid LIMIT ?").all(rows) as Array<{ uuid: string; occupancy_limit: number | null }>);
    db.close();
    if (stores.length < rows) throw new Error(`the estate has ${stores.length} stores, fewer than ${rows}`);

    // Baseline: the same PUTs from a bare loop, 3 at a time.
    const auth = `Basic ${Buffer.from(`${c.accessKey}:${c.secretKey}`).toString('base64')}`;
    let next = 0;
    const b0 = performance.now();
    await Promise.all(
      Array.from({ length: vendorLimits.retailnext.writes }, async () => {
        for (let i = next++; i < stores.length; i = next++) {
          const res = await fetch(`${sim.baseUrls.retailnext}/v2/location/${stores[i]!.uuid}`, { method: 'PUT', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ occupancy_limit: 500 + (i % 7) }) });
          if (!res.ok) throw new Error(`baseline PUT ${res.status}`);
          await res.text();
        }
      }),
    );
    const baseline = (performance.now() - b0) / 1000;

    // The console: dry run of the rows, then confirm and wait for the run to end.
    const csvRows = stores.map((s, i) => ({ row: i + 2, uuid: s.uuid, values: { occupancy_limit: 1000 + i }, problem: null }));
    // The admin read lane (a worker thread of this process, about 18 MB loaded) is loaded before the
    // count starts, as the console's host loads it shortly after it starts: the growth is the bulk's.
    await call('admin.changes.list', { limit: 1 });
    global.gc?.();
    const rssStart = process.memoryUsage().rss;
    let rssPeak = rssStart;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);
    const draft = await call<BulkSummary>('admin.bulk.draft', { connectionId: rn.id, source: 'csv', label: 'bench.csv', fields: ['occupancy_limit'], rows: csvRows });
    if (draft.counts.change !== rows) throw new Error(`dry run: ${JSON.stringify(draft.counts)}`);
    const t0 = performance.now();
    await call('admin.bulk.confirm', { bulkId: draft.id });
    let end: BulkSummary;
    for (;;) {
      end = (await call<{ summary: BulkSummary }>('admin.bulk.preview', { bulkId: draft.id, limit: 1 })).summary;
      if (!end.running) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    const rssEnd = process.memoryUsage().rss;
    if (end.counts.done !== rows) throw new Error(`run ended with ${JSON.stringify(end.counts)}`);

    const floor = (Math.ceil(rows / vendorLimits.retailnext.writes) * latency) / 1000;
    const [l1, l5] = os.loadavg();
    console.log(`rows ${rows}, latency ${latency} ms, concurrency ${vendorLimits.retailnext.writes} (assumed: RetailNext's strictest documented limit, 3 concurrent requests per subscription); load average ${l1!.toFixed(2)} / ${l5!.toFixed(2)} on ${os.cpus().length} cores, shared machine`);
    console.log(`console ${seconds.toFixed(2)} s (done ${end.counts.done}), floor ceil(${rows}/3) x ${latency} ms = ${floor.toFixed(2)} s, bare-loop baseline ${baseline.toFixed(2)} s (x${(baseline / floor).toFixed(2)} of the floor)`);
    console.log(`bench admin-bulk-time: ${seconds.toFixed(2)} s (target ${(floor * 1.3).toFixed(2)} s; baseline ${baseline.toFixed(2)} s)`);
    console.log(`bench admin-bulk-floor-ratio: x${(seconds / floor).toFixed(2)} (target x1.3)`);
    console.log(`bench admin-bulk-baseline-ratio: x${(seconds / baseline).toFixed(2)} (target x1.3)`);
    console.log(`bench admin-bulk-rss: start ${mb(rssStart)} MB, peak ${mb(rssPeak)} MB, end ${mb(rssEnd)} MB, growth ${mb(rssPeak - rssStart)} MB (target 50 MB)`);
  } finally {
    await rig.close();
  }
}

runInKeyring(__filename, main);
