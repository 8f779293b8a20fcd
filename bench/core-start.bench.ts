// A console that has just started (issue 17): how long its core takes to serve calls, and what it
// adds to the Stores view's first answer. The quick loop for core-host's step 3, repeated:
//   npx tsx bench/core-start.bench.ts [--rounds 5] [--cache DIR] [--days 30] [--latency 0]
// The first time, it syncs the large simulated estate into a cache (with --cache, kept in DIR and
// reused by the next runs: the rounds then take seconds) and waits until the console keeps the tree's
// first screen (it_prepared), as core-host's step 2 does. Each round then starts the built core with
// the real CoreHost, asks estate.tree's first part as soon as the core is ready (cold), then 7 more
// times (warm, the same process). Medians over the rounds; the tree's size does not depend on the
// KPI days, so fewer days than core-host's 365 make the first sync quicker without changing the answer.
import Database from 'better-sqlite3';
import { fork, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cacheVersion } from '../src/main/estate/model';
import { CoreHost, forkCoreProcess } from '../src/main/host/coreHost';
import type { CoreStart } from '../src/main/host/protocol';
import { addDays, localDate } from '../src/main/vendors/dates';
import type { Result } from '../src/shared/contract/errors';
import type { ConnectionView } from '../src/shared/connections/types';
import type { SyncRunView } from '../src/shared/sync/types';
import { arg, treeTopTimings, type SimInfo } from './cli';
import { runInKeyring } from './keyring';

const root = path.resolve(__dirname, '..');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const ms = (v: number) => `${v.toFixed(1)} ms`;

async function call<T>(host: CoreHost, name: string, input: unknown): Promise<T> {
  const r = JSON.parse(await host.invoke(name, input)) as Result<T>;
  if (!r.ok) throw new Error(`${name}: ${r.error.message} ${r.error.detail ?? ''}`);
  return r.value;
}

/** Whether the cache keeps the tree's first screen for the cache as it is now. */
function treeKept(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  const cache = new Database(file, { readonly: true });
  try {
    const row = cache.prepare("SELECT cache_version AS v FROM it_prepared WHERE name = 'tree.top'").get() as { v: string } | undefined;
    return row?.v.endsWith(`|${cacheVersion(cache)}`) ?? false;
  } finally {
    cache.close();
  }
}

/** The large estate synced into `host`'s cache, until the console has kept the tree's first screen. */
async function syncLargeEstate(host: CoreHost, file: string, days: number, latency: number): Promise<void> {
  const child = fork(path.join(__dirname, 'sync/simChild.ts'), ['large', String(latency)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  process.on('exit', () => child.kill());
  try {
    const sim = await new Promise<SimInfo>((resolve, reject) => {
      child.once('message', (m) => resolve(m as SimInfo));
      child.once('exit', (code) => reject(new Error(`simulator exited ${code}`)));
    });
    const finished = new Set<number>();
    host.onEvent(['sync.finished'], (json) => {
      finished.add((JSON.parse(json) as { payload: SyncRunView }).payload.id);
    });
    const c = sim.credentials;
    const rn = await call<ConnectionView>(host, 'connections.save', { vendor: 'retailnext', name: 'RN bench', baseUrl: sim.baseUrls.retailnext, subscription: c.retailnext.subscription, accessKey: c.retailnext.accessKey, secretKey: c.retailnext.secretKey });
    const flow = await call<ConnectionView>(host, 'connections.save', { vendor: 'flow', name: 'Flow bench', baseUrl: sim.baseUrls.flow, storeCodes: c.flow.storeCodes.slice(0, 1000), language: 'en', apiKey: c.flow.apiKey });
    const to = addDays(localDate(new Date()), -1);
    const ids = [
      ...(await call<{ runIds: number[] }>(host, 'sync.start', { connectionId: rn.id, datasets: ['locations', 'store_hours', 'inventory', 'health_alerts', 'users'] })).runIds,
      ...(await call<{ runIds: number[] }>(host, 'sync.start', { connectionId: flow.id, datasets: ['kpis'], from: addDays(to, -(days - 1)), to })).runIds,
    ];
    while (!ids.every((id) => finished.has(id))) await sleep(100);
    let waited = 0;
    for (; !treeKept(file) && waited < 300_000; waited += 200) await sleep(200);
    if (waited >= 300_000) throw new Error('the console did not keep the store tree within 5 minutes of the sync');
  } finally {
    child.send('close');
  }
}

async function main(): Promise<void> {
  const rounds = Number(arg('rounds', '5'));
  const given = arg('cache', '');
  const dataDir = given ? path.resolve(given) : fs.mkdtempSync(path.join(os.tmpdir(), 'roc-bench-start-'));
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'cache.sqlite');
  const start: CoreStart = { dataDir, shell: 'browser', version: 'bench', keychainService: `Retail Ops Console bench ${path.basename(dataDir)}`, shellServices: [], mediaBasePath: '/media' };
  const built = path.join(root, 'out/main/coreProcess.js');
  if (!fs.existsSync(built)) spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  const newHost = () => new CoreHost({ start, log: { log: () => undefined }, spawn: (s) => forkCoreProcess(s, { file: built, execArgv: [] }) });
  try {
    if (!treeKept(file)) {
      const t0 = performance.now();
      const host = newHost();
      await host.ready();
      await syncLargeEstate(host, file, Number(arg('days', '30')), Number(arg('latency', '0')));
      await host.close();
      console.log(`the large estate synced and its tree's first screen kept in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    const readies: number[] = [];
    const colds: number[] = [];
    const warms: number[] = [];
    const extras: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const t0 = performance.now();
      const host = newHost();
      await host.ready();
      const ready = performance.now() - t0;
      const { cold, warm } = await treeTopTimings(host);
      await host.close();
      console.log(`round ${round + 1}: ready after ${ms(ready)}; estate.tree top cold ${ms(cold)}, warm ${ms(warm)} (median of 7)`);
      readies.push(ready);
      colds.push(cold);
      warms.push(warm);
      extras.push(cold - warm);
    }
    console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} cores`);
    console.log(`bench core-start-cold-tree-extra: ${median(extras).toFixed(0)} ms (target <= 100 ms; baseline warm core ${ms(median(warms))}; median of ${rounds} starts, cold ${ms(median(colds))})`);
    console.log(`bench core-start-ready: ${median(readies).toFixed(0)} ms (no target: the built core process from spawn to ready, median of ${rounds} starts; baseline warm estate.tree top ${ms(median(warms))})`);
  } finally {
    if (!given) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

runInKeyring(__filename, main);
