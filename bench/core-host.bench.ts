// The core in its own process (issue 17): does anything still block the shell or the cheap calls?
//   npx tsx bench/core-host.bench.ts [--kpi-stores 1000] [--days 365] [--latency 50]
// This process is the shell: browser mode's real server (startBrowserServer) over the real CoreHost
// (child_process.fork, the same protocol as utilityProcess), as `npm run serve` runs them. A page in
// another process (bench/host/pageChild.ts, a WebSocket client like the renderer's) makes the calls
// and parses the answers and events. Its socket passes the server's guard here and is then handed to
// the core's process, which serves it (host/pageSocket.ts): the page's calls, answers and events never
// cross this process, which keeps only its guard, its timers and the core's IPC channel. (Until
// 2026-12 this process relayed every answer and event to the page, the 4 MB tree in 256K-character
// parts over IPC; before that it also made the calls itself and JSON.parsed every answer.)
// On the large simulated estate it measures:
// - the shell's longest event-loop stall, and app.info's round trip as the page sees it (p99), during
//   the large sync and during a cold start's store-tree build (the it_prepared copy removed), each
//   beside the same run's baseline with the core idle;
// - what a core that has just started adds to the Stores view's first answer (cold core minus warm
//   core, estate.tree's first part asked as soon as the core is ready, which is when browser mode
//   starts serving pages; the page's own load, the same in both, is left out);
// - the per-call overhead of the process hop: app.info's p50 through the host minus the p50 of the
//   same call answered by a core in this very process.
// The simulator child stands in for the vendors' servers, whose CPU is not on the user's computer:
// it runs at nice 10, every thread of it (`--sim-nice 0` leaves it at normal priority; `--sim-policy
// idle` makes it SCHED_IDLE on Linux), printed at the start. The console's own processes and threads keep the priorities they set themselves
// (src/main/platform/priority.ts); on Linux the bench prints the core's threads by nice value with
// the CPU they used, and the share of time the shell's thread waited for a CPU.
// Beside each watcher figure it prints monitorEventLoopDelay's, and first the watcher's figure in
// this process with nothing started (what the 2 ms timer itself shows on this machine); on Linux
// also how much of the longest stall the shell waited for a CPU, and the longest stall without
// such waits (the shell's own work, or the timer's own lateness).
import Database from 'better-sqlite3';
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cacheVersion } from '../src/main/estate/model';
import { CoreHost, forkCoreProcess } from '../src/main/host/coreHost';
import type { CoreStart } from '../src/main/host/protocol';
import { startBrowserServer } from '../src/main/shell/browser/server';
import { browserShellFlags } from '../src/main/shell/browser/shellFlags';
import { addDays, localDate } from '../src/main/vendors/dates';
import type { ConnectionView } from '../src/shared/connections/types';
import { arg, treeTopTimings, type SimInfo } from './cli';
import type { FromPage, ToPage } from './host/pageChild';
import { notWaiting, watchLoop, type Gap } from './host/shellLoop';
import { runInKeyring } from './keyring';

const root = path.resolve(__dirname, '..');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const ms = (v: number) => `${v.toFixed(1)} ms`;

/** Linux: each thread of a process, with its nice value and the CPU it used so far (from /proc). */
function threadsOf(pid: number): Array<{ tid: number; nice: number; cpuMs: number }> {
  if (process.platform !== 'linux') return [];
  const tick = 1000 / 100; // USER_HZ
  const threads: Array<{ tid: number; nice: number; cpuMs: number }> = [];
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from 3 (state) on
      threads.push({ tid: Number(tid), nice: Number(f[19 - 3]), cpuMs: (Number(f[14 - 3]) + Number(f[15 - 3])) * tick });
    } catch {
      // ended meanwhile
    }
  }
  return threads;
}

/** "nice 0: 12 threads 9.1 s; nice 10: 1 thread 3.2 s" (CPU used by each group since `before`). */
function niceSummary(now: ReturnType<typeof threadsOf>, before: ReturnType<typeof threadsOf>): string {
  const was = new Map(before.map((t) => [t.tid, t.cpuMs]));
  const groups = new Map<number, { n: number; cpuMs: number }>();
  for (const t of now) {
    const g = groups.get(t.nice) ?? { n: 0, cpuMs: 0 };
    g.n++;
    g.cpuMs += t.cpuMs - (was.get(t.tid) ?? 0);
    groups.set(t.nice, g);
  }
  return [...groups].sort(([a], [b]) => a - b).map(([nice, g]) => `nice ${nice}: ${g.n} thread${g.n === 1 ? '' : 's'} ${(g.cpuMs / 1000).toFixed(1)} s`).join('; ');
}

/**
 * The shell as `npm run serve` runs it: the browser-mode server over `host`, with one page connected
 * from its own process (its socket served by the core's process). `call` asks through the page (the value comes back only with `want`);
 * `poll` starts the page's app.info round trips, one after another every few ms, and its result stops
 * them; `times` then fetches their durations (tens of thousands of numbers over IPC, which no shell
 * receives: fetched after the watch, so that decoding them is not counted as the shell's work).
 */
async function openShell(host: CoreHost) {
  const server = await startBrowserServer({ core: host, log: { log: () => undefined }, staticDir: path.join(root, 'out/renderer') });
  const page: ChildProcess = fork(path.join(__dirname, 'host/pageChild.ts'), [`ws://127.0.0.1:${server.port}/api?token=${server.token}`], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const finished = new Set<number>();
  const answers = new Map<number, (m: Extract<FromPage, { t: 'answer' }>) => void>();
  let polled: ((ms: number[]) => void) | null = null;
  let stopped: (() => void) | null = null;
  let nextId = 1;
  const opened = new Promise<void>((resolve, reject) => {
    page.once('exit', (code) => reject(new Error(`the page exited ${code}`)));
    page.on('message', (m: FromPage) => {
      if (m.t === 'open') resolve();
      else if (m.t === 'finished') finished.add(m.runId);
      else if (m.t === 'polled') polled?.(m.ms);
      else if (m.t === 'stopped') stopped?.();
      else answers.get(m.id)?.(m);
    });
  });
  await opened;
  const tell = (m: ToPage) => page.send(m);
  return {
    finished,
    /** The page's call; its value comes back only with `want`, else its length in characters. */
    async call<T>(name: string, input: unknown, want = true): Promise<T> {
      const id = nextId++;
      const m = await new Promise<Extract<FromPage, { t: 'answer' }>>((resolve) => {
        answers.set(id, resolve);
        tell({ t: 'call', id, name, input, want });
      });
      answers.delete(id);
      if (!m.ok) throw new Error(`${name}: ${m.error}`);
      return (want ? m.value : m.chars) as T;
    },
    poll(): () => Promise<void> {
      tell({ t: 'poll', on: true });
      return () =>
        new Promise<void>((resolve) => {
          stopped = resolve;
          tell({ t: 'poll', on: false });
        });
    },
    times(): Promise<number[]> {
      return new Promise<number[]>((resolve) => {
        polled = resolve;
        tell({ t: 'times' });
      });
    },
    async close() {
      page.kill();
      await server.close();
    },
  };
}
type Shell = Awaited<ReturnType<typeof openShell>>;

/** Cheap calls and the shell's loop, watched while `work` runs. */
async function measureDuring(host: CoreHost, shell: Shell, work: () => Promise<unknown>): Promise<{ maxStall: number; maxBusy: number | null; worst: Gap | null; ownWorst: Gap | null; p99: number; calls: number; seconds: number; elDelay: string; cpu: string }> {
  const t0 = performance.now();
  const corePid = host.process?.pid;
  const coreBefore = corePid ? threadsOf(corePid) : [];
  const cpuBefore = process.cpuUsage();
  let coreNow = coreBefore;
  const { maxStall, maxBusy, worst, ownWorst, elDelay } = await watchLoop(async () => {
    const stopPolling = shell.poll();
    await work().finally(() => {
      if (corePid) coreNow = threadsOf(corePid);
    });
    await stopPolling();
  });
  const used = process.cpuUsage(cpuBefore);
  const times = await shell.times();
  const cpu = `CPU: shell ${((used.user + used.system) / 1e6).toFixed(1)} s${corePid && coreNow.length ? `; core by nice value: ${niceSummary(coreNow, coreBefore)}` : ''}`;
  return { maxStall, maxBusy, worst, ownWorst, p99: quantile(times, 0.99), calls: times.length, seconds: (performance.now() - t0) / 1000, elDelay, cpu };
}

async function main(): Promise<void> {
  const latency = Number(arg('latency', '50'));
  const kpiStores = Number(arg('kpi-stores', '1000'));
  const days = Number(arg('days', '365'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roc-bench-host-'));
  const keychainService = `Retail Ops Console bench ${path.basename(dataDir)}`;
  const start: CoreStart = { dataDir, shell: 'browser', version: 'bench', keychainService, shellServices: [], mediaBasePath: '/media' };
  const quiet = { log: () => undefined };
  // The core as it ships: electron-vite's build of the core process and its worker threads (built
  // first when missing), not the sources under tsx, whose start compiles every module.
  const built = path.join(root, 'out/main/coreProcess.js');
  if (!fs.existsSync(built)) spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  const profileDir = arg('cpu-prof', '');
  // `--core-flags "--a --b"`: Node or V8 flags for the core's process, to try one against the default.
  const coreFlags = arg('core-flags', '').split(' ').filter(Boolean);
  const coreArgv = [...coreFlags, ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(profileDir)] : [])];
  if (coreFlags.length) console.log(`the core's process runs with ${coreFlags.join(' ')} (--core-flags)`);
  const newHost = () => new CoreHost({ start, log: quiet, spawn: (s) => forkCoreProcess(s, { file: built, execArgv: coreArgv }) });

  console.log(`this process is the shell, run as browser mode's server runs: ${browserShellFlags.join(' ')} (src/main/shell/browser/shellFlags.ts)`);
  // 0. The watcher in this process with nothing started yet: what the 2 ms timer itself shows here.
  const empty = await watchLoop(() => sleep(3_000));
  console.log(`empty shell (nothing started, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(2)}): watcher max stall ${ms(empty.maxStall)}; ${empty.elDelay}`);

  const child = fork(path.join(__dirname, 'sync/simChild.ts'), ['large', String(latency)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  process.on('exit', () => child.kill());
  const sim = await new Promise<SimInfo>((resolve, reject) => {
    child.once('message', (m) => resolve(m as SimInfo));
    child.once('exit', (code) => reject(new Error(`simulator exited ${code}`)));
  });
  const simNice = Number(arg('sim-nice', '10'));
  if (simNice > 0 && child.pid) {
    // Linux: every thread it has (a nice value is per thread); elsewhere the whole process.
    if (process.platform === 'linux') for (const t of threadsOf(child.pid)) os.setPriority(t.tid, Math.max(t.nice, simNice));
    else os.setPriority(child.pid, simNice);
    console.log(`the simulator (standing in for the vendors' servers, whose CPU is not on this computer) runs at nice ${os.getPriority(child.pid)}; --sim-nice 0 leaves it at normal priority`);
  } else console.log('the simulator runs at normal priority (--sim-nice 0)');
  if (arg('sim-policy', 'normal') === 'idle' && process.platform === 'linux' && child.pid) {
    // SCHED_IDLE on every thread it has and starts (util-linux's chrt): a CPU only when nothing else wants it.
    const r = spawnSync('chrt', ['--idle', '--all-tasks', '--pid', '0', String(child.pid)], { encoding: 'utf8' });
    console.log(r.status === 0 ? 'the simulator runs as SCHED_IDLE (--sim-policy idle)' : `the simulator could not be made SCHED_IDLE: ${r.error?.message ?? r.stderr.trim()}`);
  }
  const simCpuMs = () =>
    new Promise<number>((resolve) => {
      child.once('message', (m) => resolve((m as { cpuMs: number }).cpuMs));
      child.send('cpu');
    });
  const lines: string[] = [];
  try {
    // 1. Baseline: the same shell and core, idle, for a few seconds.
    let host = newHost();
    await host.ready();
    let shell = await openShell(host);
    const idle = await measureDuring(host, shell, () => sleep(3_000));
    const heap = process.memoryUsage();
    console.log(`idle core (baseline): the shell's heap ${(heap.heapUsed / 1e6).toFixed(1)} MB used of ${(heap.heapTotal / 1e6).toFixed(1)}; shell max stall ${ms(idle.maxStall)}, app.info p99 ${ms(idle.p99)} over ${idle.calls} calls; ${idle.elDelay}`);

    // 2. The large sync, asked by the page; the page hears when each run finished.
    const c = sim.credentials;
    const rn = await shell.call<ConnectionView>('connections.save', { vendor: 'retailnext', name: 'RN bench', baseUrl: sim.baseUrls.retailnext, subscription: c.retailnext.subscription, accessKey: c.retailnext.accessKey, secretKey: c.retailnext.secretKey });
    const flow = await shell.call<ConnectionView>('connections.save', { vendor: 'flow', name: 'Flow bench', baseUrl: sim.baseUrls.flow, storeCodes: c.flow.storeCodes.slice(0, kpiStores), language: 'en', apiKey: c.flow.apiKey });
    const to = addDays(localDate(new Date()), -1);
    const from = addDays(to, -(days - 1));
    const synced = await measureDuring(host, shell, async () => {
      const ids = [
        ...(await shell.call<{ runIds: number[] }>('sync.start', { connectionId: rn.id, datasets: ['locations', 'store_hours', 'inventory', 'health_alerts', 'users'] })).runIds,
        ...(await shell.call<{ runIds: number[] }>('sync.start', { connectionId: flow.id, datasets: ['kpis'], from, to })).runIds,
      ];
      while (!ids.every((id) => shell.finished.has(id))) await sleep(50);
    });
    console.log(`large sync (${sim.counts.locations} locations, ${sim.counts.cameras} cameras, KPIs of ${kpiStores} stores x ${days} days, ${latency} ms latency): ${synced.seconds.toFixed(1)} s; shell max stall ${ms(synced.maxStall)}, app.info p99 ${ms(synced.p99)} over ${synced.calls} calls; ${synced.elDelay}`);
    console.log(`  during the sync: ${synced.cpu}; the simulator ${((await simCpuMs()) / 1000).toFixed(1)} s since it started`);
    // The console prepares the IT views a second after the sync and keeps the first screen: wait for it.
    // (kept for the cache as it is now: a copy kept after an earlier dataset of the sync is stale).
    const cache = new Database(path.join(dataDir, 'cache.sqlite'), { readonly: true });
    const current = () => (cache.prepare("SELECT cache_version AS v FROM it_prepared WHERE name = 'tree.top'").get() as { v: string } | undefined)?.v.endsWith(`|${cacheVersion(cache)}`);
    let waited = 0;
    for (; !current() && waited < 300_000; waited += 200) await sleep(200);
    cache.close();
    if (waited >= 300_000) throw new Error('the console did not keep the store tree within 5 minutes of the sync');
    await shell.close();
    await host.close();

    // 3. Cold core (the tree kept by the last run) against warm core: estate.tree's first part.
    let t0 = performance.now();
    host = newHost();
    // Browser mode prints its address once the core is ready, so a window asks from then on.
    await host.ready();
    const startMs = performance.now() - t0;
    const { cold, warm } = await treeTopTimings(host);
    console.log(`Stores view's first answer (estate.tree top, asked once the core is ready, as browser mode serves pages from then on): cold core ${ms(cold)}, warm core ${ms(warm)} (median of 7); the core process took ${ms(startMs)} to be ready (the built core)`);
    await host.close();

    // 4. A cold start that must build the tree from the cache's rows, while cheap calls come.
    const rw = new Database(path.join(dataDir, 'cache.sqlite'));
    rw.prepare('DELETE FROM it_prepared').run();
    rw.close();
    host = newHost();
    await host.ready();
    shell = await openShell(host);
    const sizes: number[] = [];
    const built = await measureDuring(host, shell, async () => {
      sizes.push(await shell.call<number>('estate.tree', { part: 'top' }, false));
      sizes.push(await shell.call<number>('estate.tree', { part: 'full' }, false));
    });
    console.log(`cold-start tree build (nothing kept; top then full tree, ${sizes.map((n) => `${(n / 1e6).toFixed(1)}`).join(' and ')} million characters on the page's socket): ${built.seconds.toFixed(1)} s; shell max stall ${ms(built.maxStall)}, app.info p99 ${ms(built.p99)} over ${built.calls} calls; ${built.elDelay}`);
    console.log(`  during the tree build: ${built.cpu}`);

    await shell.close();

    // 5. Per-call overhead of the process hop (the shell's own call, as Electron main's tray makes).
    const hosted: number[] = [];
    for (let i = 0; i < 400; i++) {
      t0 = performance.now();
      await host.invoke('app.info', {});
      hosted.push(performance.now() - t0);
    }
    await host.close();
    // Loaded only now: the core's code in this process would make the shell's heap several times a
    // real shell's (23 MB against 6.5 after a GC), and its garbage collections longer, in steps 1-4.
    const { createCore } = await import('../src/main/compose');
    const { KeytarSecretStore } = await import('../src/main/secrets/keytarStore');
    const core = createCore({ dataDir, secrets: new KeytarSecretStore(keychainService), shell: 'browser', version: 'bench', log: quiet });
    const local: number[] = [];
    for (let i = 0; i < 400; i++) {
      t0 = performance.now();
      await core.answer('app.info', {});
      local.push(performance.now() - t0);
    }
    await core.close();
    const hostedP50 = quantile(hosted.slice(50), 0.5);
    const localP50 = quantile(local.slice(50), 0.5);
    console.log(`app.info p50: through the host ${ms(hostedP50)}, in-process core ${ms(localP50)} (350 calls each after 50 of warm-up)`);
    console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} cores`);

    const idleBase = `baseline idle core ${ms(idle.maxStall)}`;
    const busy = (m: { maxBusy: number | null; worst: Gap | null; ownWorst: Gap | null }) =>
      (m.maxBusy === null ? '' : `; the shell's own work at most ${ms(m.maxBusy)} of CPU between two ticks`) +
      (m.worst ? `; in the longest, the shell waited for a CPU ${ms(m.worst.waited)}` : '') +
      (m.ownWorst ? `; without waits for a CPU at most ${ms(notWaiting(m.ownWorst))}` : '');
    const idleP99 = `baseline idle core ${ms(idle.p99)}`;
    lines.push(
      `bench core-host-shell-stall-sync: ${synced.maxStall.toFixed(1)} ms (target < 10 ms; ${idleBase}${busy(synced)})`,
      `bench core-host-shell-stall-tree: ${built.maxStall.toFixed(1)} ms (target < 10 ms; ${idleBase}${busy(built)})`,
      `bench core-host-info-p99-sync: ${synced.p99.toFixed(1)} ms (target < 20 ms; ${idleP99})`,
      `bench core-host-info-p99-tree: ${built.p99.toFixed(1)} ms (target < 20 ms; ${idleP99})`,
      `bench core-host-cold-tree-extra: ${(cold - warm).toFixed(0)} ms (target <= 100 ms; baseline warm core ${ms(warm)})`,
      `bench core-host-call-overhead-p50: ${(hostedP50 - localP50).toFixed(2)} ms (target <= 1 ms; baseline in-process ${localP50.toFixed(2)} ms)`,
    );
    for (const l of lines) console.log(l);
  } finally {
    child.send('close');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

runInKeyring(__filename, main, { nodeFlags: browserShellFlags });
