// Full sync of the simulator's estate with simulated latency (issue 4 item 5).
//   npx tsx bench/sync.bench.ts [--scale large|demo] [--latency 50] [--kpi-stores 1000] [--days 365] [--writer auto|inline] [--cold-http] [--memory-trace]
// Prints the measured time over the floor the APIs' limits allow, peak RSS and the longest
// event-loop stall of this process (the core; the simulator runs in a child process).
// On Linux it also prints, for the core's thread and the writer thread, their CPU time and how long
// they were ready to run but waited for a CPU (a loaded machine shows there, not only in the time).
// The peak RSS is this process's: the core's thread, the writer thread, SQLite; the bench keeps only
// the sync's few hundred events (progress is throttled) besides. Its breakdown at the peak (each
// thread's V8 heap, what they hold outside it, the rest) is printed on a line of its own;
// --memory-trace prints the same every 5 s of the sync.
// Connections keep their keys in the OS keychain: without a session bus the bench re-runs itself
// inside scripts/with-keyring.sh (a private, throwaway keyring).
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { Worker } from 'node:worker_threads';
import { coreProcessFlags } from '../src/main/host/coreFlags';
import { addDays, localDate } from '../src/main/vendors/dates';
import { vendorLimits } from '../src/main/vendors/limits';
import { threadTime, threadTimeSince, type ThreadTime } from '../src/main/platform/threadTime';
import type { FromWriterThread, ThreadMemory, ToWriterThread } from '../src/main/sync/writer/threadProtocol';
import { createHarness } from '../test/sync/helpers/harness';
import { arg, type SimInfo } from './cli';
import { runInKeyring } from './keyring';

async function main(): Promise<void> {
  const scale = arg('scale', 'large');
  const latency = Number(arg('latency', '50'));
  const kpiStores = Number(arg('kpi-stores', '1000'));
  const days = Number(arg('days', '365'));
  const writerMode = arg('writer', 'auto') as 'auto' | 'inline';
  const memoryTrace = process.argv.includes('--memory-trace');

  const child = fork(path.join(__dirname, 'sync/simChild.ts'), [scale, String(latency)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  process.on('exit', () => child.kill());
  const sim = await new Promise<SimInfo>((resolve, reject) => {
    child.once('message', (m) => resolve(m as SimInfo));
    child.once('exit', (code) => reject(new Error(`simulator exited ${code}`)));
  });
  const simCpu = () =>
    new Promise<number>((resolve) => {
      child.once('message', (m) => resolve((m as { cpuMs: number }).cpuMs));
      child.send('cpu');
    });

  // Event-loop stall: the longest gap between 10 ms ticks beyond their due time, and Node's own
  // delay histogram (which samples the loop every 10 ms) as a second opinion.
  // Each stall is also split by the scheduler's counts (Linux): time this thread ran, and time it was
  // ready but waited for a CPU (a loaded machine), so a long turn of work shows apart from a busy machine.
  let maxStall = 0;
  let last = performance.now();
  let lastThread = threadTime();
  let syncStart = last;
  let longTurns: Array<{ at: number; ms: number; cpuMs: number | null; waitMs: number | null }> = [];
  const tick = setInterval(() => {
    const t = performance.now();
    const stall = t - last - 10;
    maxStall = Math.max(maxStall, stall);
    const now = threadTime();
    if (stall >= 30) {
      const d = threadTimeSince(lastThread, now);
      longTurns.push({ at: (last - syncStart) / 1000, ms: stall, cpuMs: d ? d.cpuMs : null, waitMs: d ? d.waitMs : null });
    }
    last = t;
    lastThread = now;
  }, 10);
  const delay = monitorEventLoopDelay({ resolution: 10 });
  // Peak RSS, and what this thread's V8 held at that moment (the rest is native: the writer thread's
  // isolate and SQLite page cache, the core connection's cache, code).
  // The writer thread's own heap, asked every 250 ms (its answer comes between two of its transactions).
  let writerThread: Worker | null = null;
  let writerMemory: ThreadMemory | null = null;
  const onWriterThread = (w: Worker) => {
    writerThread = w;
    w.on('message', (m: FromWriterThread) => {
      if (m.type === 'memory') writerMemory = m.memory;
    });
  };
  let peak = process.memoryUsage();
  let peakAt = 0;
  let peakWriter: ThreadMemory | null = null;
  let peakKinds = rssKinds();
  const trace: string[] = [];
  let sampled = 0;
  const rssTimer = setInterval(() => {
    // rss() alone is cheap; the full breakdown walks the heap's spaces, so only at a new peak.
    if (process.memoryUsage.rss() > peak.rss) {
      peak = process.memoryUsage();
      peakAt = performance.now();
      peakWriter = writerMemory;
      peakKinds = rssKinds();
    }
    if (++sampled % 5 === 0) writerThread?.postMessage({ type: 'memory' } satisfies ToWriterThread);
    if (memoryTrace && sampled % 100 === 0) trace.push(memoryLine((performance.now() - syncStart) / 1000, process.memoryUsage(), writerMemory, rssKinds()));
  }, 50);

  // As the console does: the HTTP stack loads in an idle moment after the sync's writer is ready
  // (5 s after in the console; here at once, and the sync starts after it, as any sync started after
  // the console's first seconds does). --cold-http: the sync loads it itself, first thing.
  const coldHttp = process.argv.includes('--cold-http');
  const h = createHarness({ writer: writerMode, warmHttpAfterMs: coldHttp ? 3_600_000 : 0, onWriterThread });
  const c = sim.credentials;
  const rn = await h.connections.save({ vendor: 'retailnext', name: 'RN bench', baseUrl: sim.baseUrls.retailnext, subscription: c.retailnext.subscription, accessKey: c.retailnext.accessKey, secretKey: c.retailnext.secretKey });
  const codes = c.flow.storeCodes.slice(0, kpiStores);
  const flow = await h.connections.save({ vendor: 'flow', name: 'Flow bench', baseUrl: sim.baseUrls.flow, storeCodes: codes, language: 'en', apiKey: c.flow.apiKey });
  const to = addDays(localDate(new Date()), -1);
  const from = addDays(to, -(days - 1));
  await h.sync.ready;
  if (!coldHttp) await h.sync.httpWarm;

  const rssAtStart = process.memoryUsage.rss();
  const simCpu0 = await simCpu();
  const cpu0 = process.cpuUsage();
  const thread0 = threadTime();
  const elu0 = performance.eventLoopUtilization();
  delay.enable();
  maxStall = 0;
  longTurns = [];
  last = performance.now();
  lastThread = threadTime();
  const t0 = performance.now();
  syncStart = t0;
  const rnRuns = await h.sync.start({ connectionId: rn.id, datasets: ['locations', 'store_hours', 'inventory', 'health_alerts', 'users'], refetchFinal: false });
  const flowRuns = await h.sync.start({ connectionId: flow.id, datasets: ['kpis'], from, to, refetchFinal: true });
  const runs = await Promise.all([...rnRuns.runIds, ...flowRuns.runIds].map((id) => h.sync.wait(id)));
  const seconds = (performance.now() - t0) / 1000;
  delay.disable();
  clearInterval(tick);
  clearInterval(rssTimer);
  const cpu = process.cpuUsage(cpu0);
  const coreThread = threadTimeSince(thread0, threadTime());
  const elu = performance.eventLoopUtilization(elu0);
  const simCpuMs = (await simCpu()) - simCpu0;
  const writer = await h.sync.closeWithStats();

  const failed = runs.filter((r) => r.status !== 'ok');
  for (const r of runs) console.log(`run ${r.dataset}: ${r.status} requests=${r.requests} rows=${r.rowsWritten}${r.error ? ` error=${r.error.code}: ${r.error.message} ${r.error.detail ?? ''}` : ''}`);

  // Floor: the time the APIs' concurrency limits allow, requests x latency / concurrency:
  // - RetailNext: the documented cap of 3 concurrent requests (cameras inventory) does not bind, since
  //   the three inventory lists are cursor chains, serial by protocol: the longest chain is the floor
  //   of the inventory. The other datasets (no documented cap) count at the console's cap of
  //   ${vendorLimits.retailnext.default} per account; the datasets of one connection run one after another.
  // - Flow: its documentation gives no concurrency limit. The console assumes a polite cap of
  //   ${vendorLimits.flow.default} concurrent requests per API key (vendorLimits.flow), and the floor uses the same number.
  // RetailNext and Flow run side by side: the floor is the longer of the two.
  const L = latency / 1000;
  const byDataset = Object.fromEntries(runs.map((r) => [r.dataset, r.requests]));
  const pages = (n: number) => Math.max(1, Math.ceil(n / 100));
  const rnFloor =
    Math.ceil((byDataset.locations ?? 0) / vendorLimits.retailnext.default) * L +
    Math.ceil((byDataset.store_hours ?? 0) / vendorLimits.retailnext.default) * L +
    Math.max(pages(sim.counts.cameras), pages(sim.counts.channels), pages(sim.counts.appliances)) * L +
    // Health alerts: v1 pages, one after another (the run counts every page).
    (byDataset.health_alerts ?? 1) * L +
    pages(sim.counts.users) * L;
  const flowFloor = Math.ceil((byDataset.kpis ?? 0) / vendorLimits.flow.default) * L;
  const floor = Math.max(rnFloor, flowFloor);
  const coreCpu = (cpu.user + cpu.system) / 1000 / 1000;

  console.log(`scale=${scale} stores=${sim.counts.stores} locations=${sim.counts.locations} cameras=${sim.counts.cameras} channels=${sim.counts.channels} appliances=${sim.counts.appliances} kpi-stores=${codes.length} days=${days} latency=${latency}ms`);
  console.log(`time ${seconds.toFixed(1)} s, requests ${h.connections.http.stats.requests} (retries ${h.connections.http.stats.retries}, 429s ${h.connections.http.stats.rateLimited}), floor ${floor.toFixed(1)} s (RetailNext ${rnFloor.toFixed(1)} s, Flow ${flowFloor.toFixed(1)} s)`);
  console.log(`floor = requests x ${latency} ms / concurrency: Flow ${byDataset.kpis ?? 0} requests at ${vendorLimits.flow.default} at once (Flow documents no limit: ${vendorLimits.flow.default} is the console's assumed cap); RetailNext datasets in sequence, inventory = its longest cursor chain`);
  console.log(`cpu: core process ${coreCpu.toFixed(1)} s (of which writer thread ${(writer.busyMs / 1000).toFixed(1)} s in SQLite and ${(writer.readMs / 1000).toFixed(1)} s reading Flow answers, ${writer.transactions} transactions for ${writer.jobs} jobs, mode ${writer.mode}), simulator ${(simCpuMs / 1000).toFixed(1)} s; 2 cores x ${seconds.toFixed(1)} s = ${(2 * seconds).toFixed(1)} s available`);
  // Time each thread was ready to run but waited for a CPU: the writer steps back (nice 10), so on a
  // loaded machine it waits first, and the Flow requests then wait for it (its queue is bounded).
  const sched = (name: string, t: ThreadTime | null | undefined) => (t ? `${name} ${(t.cpuMs / 1000).toFixed(1)} s on a CPU, ${(t.waitMs / 1000).toFixed(1)} s waiting for one` : `${name} (no scheduler times here)`);
  console.log(`threads: ${sched('core thread', coreThread)}; ${sched('writer thread', writer.thread)}`);
  console.log(`event loop of the core: busy ${(elu.utilization * 100).toFixed(0)}% of the time (${(elu.active / 1000).toFixed(1)} s); delay max ${(delay.max / 1e6).toFixed(0)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(0)} ms (monitorEventLoopDelay)`);
  const turn = (s: (typeof longTurns)[number]) => `${s.ms.toFixed(0)} ms at ${s.at.toFixed(1)} s${s.cpuMs === null ? '' : ` (${s.cpuMs.toFixed(0)} ms on a CPU, ${s.waitMs!.toFixed(0)} ms waiting for one)`}`;
  const longest = [...longTurns].sort((a, b) => b.ms - a.ms).slice(0, 6);
  console.log(`longest stalls of the core (over 30 ms: ${longTurns.length}): ${longest.map(turn).join('; ') || 'none'}`);
  const busiest = [...longTurns].sort((a, b) => (b.cpuMs ?? 0) - (a.cpuMs ?? 0))[0];
  if (busiest?.cpuMs != null) console.log(`stall with the most time on a CPU: ${turn(busiest)}`);
  // Flow's requests under its cap: how many were in flight on average, and each one's time against the simulated latency.
  const flowLimit = Object.entries(h.connections.http.stats.limits).find(([key]) => key.endsWith(':kpis'));
  if (flowLimit) {
    const [, l] = flowLimit;
    const kpis = runs.find((r) => r.dataset === 'kpis');
    const flowSeconds = kpis?.finishedAt ? (Date.parse(kpis.finishedAt) - Date.parse(kpis.startedAt)) / 1000 : seconds;
    console.log(`Flow requests: ${l.requests} in ${flowSeconds.toFixed(1)} s, in flight on average ${(l.heldMs / 1000 / flowSeconds).toFixed(2)} of ${vendorLimits.flow.default}; each held its slot ${(l.heldMs / l.requests).toFixed(1)} ms on average (latency ${latency} ms), waited ${(l.waitMs / l.requests).toFixed(1)} ms for one`);
  }
  console.log(`kpi rows ${runs.find((r) => r.dataset === 'kpis')?.rowsWritten ?? 0}${failed.length ? `, FAILED runs: ${failed.length}` : ''}`);
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  console.log(`memory: RSS ${mb(rssAtStart)} MB when the sync started (code, the two connections, the writer thread); at peak RSS (${((peakAt - t0) / 1000).toFixed(1)} s into the sync): core thread's heap ${mb(peak.heapTotal)} MB (${mb(peak.heapUsed)} MB used), external ${mb(peak.external)} MB (array buffers ${mb(peak.arrayBuffers)} MB), rest (writer thread, SQLite caches, code) ${mb(peak.rss - peak.heapTotal - peak.external)} MB`);
  console.log(`peak RSS breakdown: ${memoryLine((peakAt - t0) / 1000, peak, peakWriter, peakKinds)}`);
  for (const line of trace) console.log(`memory trace: ${line}`);
  console.log(`bench sync-floor-ratio: x${(seconds / floor).toFixed(2)} (target x1.2)`);
  console.log(`bench sync-peak-rss: ${mb(peak.rss)} MB (target 350 MB)`);
  console.log(`bench sync-max-stall: ${Math.round(maxStall)} ms (target 100 ms)`);

  await h.close();
  child.send('close');
  if (failed.length) process.exitCode = 1;
}

/** RSS by kind (Linux): anonymous (heaps, malloc) and file-backed (code, mapped files). */
function rssKinds(): { anonKiB: number; fileKiB: number } | null {
  try {
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { anonKiB: kib('RssAnon'), fileKiB: kib('RssFile') + kib('RssShmem') };
  } catch {
    return null;
  }
}

/** One sample of where the process's memory is: each thread's heap, what they hold outside it, and the rest (native: SQLite, malloc, code). */
function memoryLine(at: number, core: NodeJS.MemoryUsage, writer: ThreadMemory | null, kinds: ReturnType<typeof rssKinds>): string {
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  const heaps = core.heapTotal + (writer?.heapTotal ?? 0);
  const outside = core.external + (writer?.external ?? 0);
  return [
    `${at.toFixed(1)} s: RSS ${mb(core.rss)} MB`,
    kinds ? `(anonymous ${Math.round(kinds.anonKiB / 1024)} MB, files and code ${Math.round(kinds.fileKiB / 1024)} MB)` : '',
    `= core heap ${mb(core.heapTotal)} MB (${mb(core.heapUsed)} used)`,
    writer ? `+ writer heap ${mb(writer.heapTotal)} MB (${mb(writer.heapUsed)} used)` : '+ writer heap (not known yet)',
    `+ external ${mb(outside)} MB (core ${mb(core.external)}, writer ${mb(writer?.external ?? 0)})`,
    `+ rest ${mb(core.rss - heaps - outside)} MB (SQLite, malloc, code)`,
  ].filter(Boolean).join(' ');
}

// This process is the core's: it runs with the core process's V8 flags (coreFlags.ts).
runInKeyring(__filename, main, { nodeFlags: coreProcessFlags });
