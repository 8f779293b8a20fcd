// Bulk location update of 1,000 stores against the simulator with 50 ms latency (issue 12).
//   npx tsx bench/admin-bulk.bench.ts [--rows 1000] [--latency 50]
// The floor: RetailNext documents no limit for its write endpoints; the console assumes its strictest
// documented one, 3 concurrent requests per subscription (cameras inventory, predicted traffic), so
// N updates cannot take less than ceil(N / 3) x latency. Beside it, the same run's baseline: the same
// N PUTs sent by a bare loop of 3 fetches (no change log, no cache), on this machine as loaded now.
// The simulator runs in a child process; the core's RSS is sampled every 50 ms.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../src/main/compose';
import { KeytarSecretStore } from '../src/main/secrets/keytarStore';
import { connectionAccount } from '../src/main/secrets/store';
import { vendorLimits } from '../src/main/vendors/limits';
import type { BulkSummary } from '../src/shared/admin/types';
import type { ConnectionView } from '../src/shared/connections/types';
import type { SyncRunView } from '../src/shared/sync/types';
import { arg, type SimInfo } from './cli';
import { runInKeyring } from './keyring';

const mb = (b: number) => (b / 1024 / 1024).toFixed(1);

async function main(): Promise<void> {
  const rows = Number(arg('rows', '1000'));
  const latency = Number(arg('latency', '50'));
  const child = fork(path.join(__dirname, 'sync/simChild.ts'), ['large', String(latency)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  process.on('exit', () => child.kill());
  const sim = await new Promise<SimInfo>((resolve, reject) => {
    child.once('message', (m) => resolve(m as SimInfo));
    child.once('exit', (code) => reject(new Error(`simulator exited ${code}`)));
  });

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roc-bench-admin-'));
  const secrets = new KeytarSecretStore(`Retail Ops Console admin bench ${path.basename(dataDir)}`);
  const core = createCore({ dataDir, secrets, shell: 'browser', version: 'bench', log: { log: () => undefined } });
  const events: Array<{ name: string; payload: unknown }> = [];
  core.subscribe((name, payload) => void events.push({ name, payload }));
  const call = async <T,>(name: string, input: unknown): Promise<T> => {
    const r = await core.invoke(name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.message} ${r.error.detail ?? ''}`);
    return r.value as T;
  };
  const c = sim.credentials.retailnext;
  const rn = await call<ConnectionView>('connections.save', { vendor: 'retailnext', name: 'RN bench', baseUrl: sim.baseUrls.retailnext, subscription: c.subscription, accessKey: c.accessKey, secretKey: c.secretKey });
  try {
    const { runIds } = await call<{ runIds: number[] }>('sync.start', { connectionId: rn.id, datasets: ['locations'] });
    while (!events.some((e) => e.name === 'sync.finished' && (e.payload as SyncRunView).id === runIds[0])) await new Promise((r) => setTimeout(r, 20));
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
    await core.close();
    await secrets.delete(connectionAccount(rn.id)).catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
    child.send('close');
  }
}

runInKeyring(__filename, main);
