// Live view in Chromium against browser mode and the Demo workspace: time from "Watch" to the first
// decoded frame, then a 16-tile wall held for a while with the renderer processes' memory sampled.
// Playwright drives the page over the DevTools protocol, and DevTools' network agent keeps a record
// (and the body) of every request while it is attached: ~3,000 segment and playlist requests a
// minute on this wall, which grew the renderer by 120 MB in a minute and ~12 MB a minute after (heap
// snapshots: blink::NetworkResourcesData::ResourceData, blink::XHRReplayData). So Chromium is
// started here, Playwright connects over CDP to set the wall up and disconnects while it is held
// (as in the desktop app: no DevTools attached), then reconnects to read the tiles' states.
// `npx tsx bench/video-live.bench.ts [--minutes=10] [--warmup=90] [--wall-only] [--dumps]` (needs `npx electron-vite build` first).
// --dumps: each minute, Chromium's own memory dump (memory-infra, over the browser's DevTools endpoint
// only: no page agent is attached) printed as growth per allocator of the renderer.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import WebSocket from 'ws';
import { chromiumArgs, chromiumPath } from '../test/support/chromium';

const minutes = Number(process.argv.find((a) => a.startsWith('--minutes='))?.split('=')[1] ?? 10);
const warmupSeconds = Number(process.argv.find((a) => a.startsWith('--warmup='))?.split('=')[1] ?? 90);
const skipFirstFrame = process.argv.includes('--wall-only');
const memoryDumps = process.argv.includes('--dumps');

/** Sizes per allocator (and process totals) of each renderer, from one memory-infra dump over the browser endpoint. */
async function memoryDump(wsEndpoint: string): Promise<Map<string, number>> {
  const socket = new WebSocket(wsEndpoint, { maxPayload: 1 << 30 });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let id = 0;
  const waiting = new Map<number, (v: unknown) => void>();
  const events: Array<{ ph: string; pid: number; args?: { dumps?: { allocators?: Record<string, { attrs?: Record<string, { value: string }> }> } } }> = [];
  let complete: () => void = () => undefined;
  const completed = new Promise<void>((r) => (complete = r));
  socket.on('message', (data) => {
    const msg = JSON.parse(String(data)) as { id?: number; method?: string; params?: { value?: typeof events } };
    if (msg.id !== undefined) waiting.get(msg.id)?.(msg);
    else if (msg.method === 'Tracing.dataCollected') events.push(...(msg.params?.value ?? []));
    else if (msg.method === 'Tracing.tracingComplete') complete();
  });
  const send = (method: string, params: object = {}) => new Promise((r) => (waiting.set(++id, r), socket.send(JSON.stringify({ id, method, params }))));
  await send('Tracing.start', { traceConfig: { includedCategories: ['disabled-by-default-memory-infra'], memoryDumpConfig: { triggers: [] } }, transferMode: 'ReportEvents' });
  await send('Tracing.requestMemoryDump', { levelOfDetail: 'detailed' });
  await send('Tracing.end');
  await completed;
  socket.close();
  const sizes = new Map<string, number>();
  for (const e of events) {
    for (const [name, a] of Object.entries(e.args?.dumps?.allocators ?? {})) {
      if (name.split('/').length > 3 || !a.attrs?.size) continue;
      const key = `pid ${e.pid} ${name}`;
      sizes.set(key, (sizes.get(key) ?? 0) + parseInt(a.attrs.size.value, 16) / 1048576);
    }
  }
  return sizes;
}

/** Resident memory of the browser's renderer processes (the page, its media and its workers). */
function rendererRssMb(browserPid: number): number {
  const children = new Map<number, number[]>();
  const cmd = new Map<number, string>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
      cmd.set(Number(entry), fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8'));
    } catch {
      // the process ended
    }
  }
  let kb = 0;
  const walk = (pid: number): void => {
    for (const child of children.get(pid) ?? []) {
      if ((cmd.get(child) ?? '').includes('--type=renderer')) {
        try {
          kb += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child}/status`, 'utf8'))?.[1] ?? 0);
        } catch {
          // gone
        }
      }
      walk(child);
    }
  };
  walk(browserPid);
  return kb / 1024;
}

/** The bits of the page's DOM the predicates use (this file is typed for Node, without the DOM library). */
interface PageDocument {
  querySelector(selector: string): { readyState: number; currentTime: number } | null;
  querySelectorAll(selector: string): { length: number };
}

async function tileStates(page: Page): Promise<string[]> {
  return page.locator('[data-testid="tile-state"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-state') ?? ''));
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roc-bench-live-'));
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/main/shell/browser/cli.ts', '--port', '0', '--data-dir', dataDir, '--static-dir', path.resolve('out/renderer')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Open: (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    server.once('exit', () => reject(new Error(out)));
  });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'roc-bench-live-profile-'));
  const chrome = spawn(chromiumPath, ['--headless', '--remote-debugging-port=0', `--user-data-dir=${profile}`, ...chromiumArgs, '--window-size=1600,1000', 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const wsEndpoint = await new Promise<string>((resolve, reject) => {
    let err = '';
    // read to the end (a full pipe would block Chromium), keeping only what finds the endpoint
    chrome.stderr!.on('data', (d: Buffer) => {
      if (err.length > 100_000) return;
      err += d.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (m) resolve(m[1]!);
    });
    chrome.once('exit', (code) => reject(new Error(`chromium exited ${code}: ${err}`)));
  });
  let browser = await chromium.connectOverCDP(wsEndpoint);
  try {
    let page = browser.contexts()[0]!.pages()[0] ?? (await browser.contexts()[0]!.newPage());
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto(url);
    await page.getByRole('button', { name: 'Try the Demo workspace' }).click();
    await page.getByTestId('connection').first().waitFor();
    await page.goto(`${url}#live`);
    await page.getByLabel('Grid').selectOption('1');
    await page.getByRole('button', { name: 'Watch' }).waitFor();

    if (!skipFirstFrame) {
      // warm: the simulator's encoder for this camera starts on first use (not the console's cost)
      await page.getByRole('button', { name: 'Watch' }).click();
      await page.locator('[data-testid="tile-state"][data-state="playing"]').first().waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Stop' }).click();

      const samples: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = Date.now();
        await page.getByRole('button', { name: 'Watch' }).click();
        await page.waitForFunction(() => {
          const doc = (globalThis as unknown as { document: PageDocument }).document;
          const v = doc.querySelector('[data-testid="live-tile"] video');
          return !!v && v.readyState >= 2 && v.currentTime > 0;
        }, undefined, { timeout: 30_000, polling: 'raf' });
        samples.push(Date.now() - t0);
        await page.getByRole('button', { name: 'Stop' }).click();
      }
      samples.sort((a, b) => a - b);
      console.log(`first frame after Watch: ${samples.join(', ')} ms`);
      console.log(`bench video-live-first-frame: ${samples[Math.floor(samples.length / 2)]} ms (target < 1000 ms)`);
    }

    // the 16-tile wall: stores are added until 16 cameras fill the grid
    await page.getByLabel('Grid').selectOption('16');
    // the store list arrives after the view opens (the vendor's camera list)
    await page.getByLabel('Store').locator('option').nth(1).waitFor({ state: 'attached', timeout: 30_000 });
    const options = await page.getByLabel('Store').locator('option').evaluateAll((els) => els.map((e) => e.getAttribute('value') ?? ''));
    await page.getByRole('button', { name: 'Watch' }).click();
    await page.getByTestId('live-tile').first().waitFor({ timeout: 30_000 });
    for (const value of options.slice(1)) {
      const before = await page.getByTestId('live-tile').count();
      if (before >= 16) break;
      await page.getByLabel('Store').selectOption(value);
      await page.getByRole('button', { name: 'Add store' }).click();
      // the store's tiles appear once its session (token, channels) arrives
      await page.waitForFunction((n) => (globalThis as unknown as { document: PageDocument }).document.querySelectorAll('[data-testid="live-tile"]').length > n, before, { timeout: 10_000 }).catch(() => undefined);
    }
    const tiles = await page.getByTestId('live-tile').count();
    await page.waitForFunction(() => {
      const doc = (globalThis as unknown as { document: PageDocument }).document;
      return doc.querySelectorAll('[data-testid="tile-state"][data-state="playing"]').length >= doc.querySelectorAll('[data-testid="live-tile"]').length;
    }, undefined, { timeout: 60_000 });
    const pid = chrome.pid!;
    // Buffers and Chromium's media pipelines (16 software decoders, their frame pools) fill up during
    // the first minute of play: growth is measured from `--warmup` seconds (default 90) after every
    // tile plays; the figure at the moment they all play is printed too.
    console.log(`  all ${tiles} tiles playing: renderer ${rendererRssMb(pid).toFixed(0)} MB (Playwright attached)`);
    // Count the tiles' state changes away from "playing" (each stall/offline is a player reload), in
    // the page itself: the counter outlives the disconnection.
    await page.evaluate(() => {
      const g = globalThis as unknown as { __tileDrops: number; document: { querySelectorAll(s: string): ArrayLike<object> }; MutationObserver: new (cb: (m: Array<{ target: { getAttribute(n: string): string | null } }>) => void) => { observe(t: object, o: object): void } };
      g.__tileDrops = 0;
      const mo = new g.MutationObserver((ms) => {
        for (const m of ms) if (m.target.getAttribute('data-state') !== 'playing') g.__tileDrops++;
      });
      for (const el of Array.from(g.document.querySelectorAll('[data-testid="tile-state"]'))) mo.observe(el, { attributes: true, attributeFilter: ['data-state'] });
    });
    await browser.close(); // disconnects; Chromium and the page keep running
    const warmMs = warmupSeconds * 1000;
    await new Promise((r) => setTimeout(r, warmMs));
    const start = rendererRssMb(pid);
    console.log(`  after ${warmMs / 1000} s of warm-up with nothing attached (the baseline): renderer ${start.toFixed(0)} MB`);
    const firstDump = memoryDumps ? await memoryDump(wsEndpoint) : null;
    let peak = start;
    const began = Date.now();
    const until = began + minutes * 60_000;
    let lastLog = began;
    while (Date.now() < until) {
      await new Promise((r) => setTimeout(r, 5000));
      peak = Math.max(peak, rendererRssMb(pid));
      if (Date.now() - lastLog > 60_000) {
        lastLog = Date.now();
        console.log(`  ${Math.round((Date.now() - began) / 60_000)} min: renderer ${rendererRssMb(pid).toFixed(0)} MB; load ${os.loadavg()[0]!.toFixed(2)}`);
        if (firstDump) {
          const now = await memoryDump(wsEndpoint);
          const grown = [...now].map(([k, v]) => [k, v - (firstDump.get(k) ?? 0), v] as const).filter(([, d]) => Math.abs(d) >= 1).sort((x, y) => y[1] - x[1]);
          for (const [k, d, v] of grown.slice(0, 12)) console.log(`    ${k}: ${d >= 0 ? '+' : ''}${d.toFixed(1)} MB (now ${v.toFixed(1)})`);
        }
      }
    }
    const end = rendererRssMb(pid);
    browser = await chromium.connectOverCDP(wsEndpoint);
    page = browser.contexts()[0]!.pages()[0]!;
    const cdp = await browser.contexts()[0]!.newCDPSession(page);
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
    const dom = (await cdp.send('Memory.getDOMCounters')) as { nodes: number; jsEventListeners: number };
    const media = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ buffered: { length: number; start(i: number): number; end(i: number): number } }> } }).document;
      let seconds = 0;
      for (const v of Array.from(doc.querySelectorAll('video'))) for (let i = 0; i < v.buffered.length; i++) seconds += v.buffered.end(i) - v.buffered.start(i);
      return seconds;
    });
    const drops = await page.evaluate(() => (globalThis as unknown as { __tileDrops?: number }).__tileDrops ?? 0);
    console.log(`  end: tiles left "playing" ${drops} times, JS heap ${(heap.usedSize / 1048576).toFixed(0)}/${(heap.totalSize / 1048576).toFixed(0)} MB, ${dom.nodes} nodes, ${dom.jsEventListeners} listeners, ${media.toFixed(0)} s of video buffered in all tiles`);
    const states = await tileStates(page);
    console.log(`wall of ${tiles} tiles for ${minutes} min: renderer RSS ${start.toFixed(0)} -> ${end.toFixed(0)} MB (peak ${peak.toFixed(0)}), playing at the end ${states.filter((s) => s === 'playing').length}/${states.length}; load ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} cores`);
    console.log(`bench video-live-wall-memory-growth: ${(end - start).toFixed(1)} MB over ${minutes} min, ${tiles} tiles (target < 100 MB over 10 min)`);
    console.log(`  (baseline: renderer RSS ${warmupSeconds} s after all tiles played; peak growth ${(peak - start).toFixed(1)} MB)`);
  } finally {
    await browser.close().catch(() => undefined);
    chrome.kill('SIGTERM');
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
