// IT views on the large estate, in browser mode, Debian's Chromium driven by Playwright (issue 5 item 6):
// first render of the store tree and of the camera inventory, time per search keystroke, renderer heap.
//   npx tsx bench/it-views.bench.ts          (re-runs itself inside a private keyring; builds the renderer if needed)
//   ROC_BENCH_PROFILE=<folder>               also writes Chromium CPU profiles of the warm first renders there
//   ROC_BENCH_CORE_PROFILE=<folder>          and the core's (browser mode's Node process) CPU profiles
// "First render" spans from the page's navigation start (tree) or the sidebar click (inventory) until
// the first row is in the DOM: the tree's first part (regions and stores with device and open-alert
// counts) and the inventory's first rows. The full tree (sublocations, vendor codes, findings) and the
// whole list arrive afterwards; the bench prints when ("complete" lines, not targets) and types its
// keystrokes only once they are there, so every keystroke searches the whole estate.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { chromium, type Page } from 'playwright-core';
import { buildLargeCache } from './estate/buildCache';
import { chromiumArgs, chromiumPath } from '../test/support/chromium';

const root = path.resolve(__dirname, '..');

function line(name: string, value: number, unit: string, target: string): void {
  console.log(`bench ${name}: ${Math.round(value * 10) / 10} ${unit} (target ${target})`);
}

async function startBrowserMode(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [...(process.env.ROC_BENCH_CORE_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.ROC_BENCH_CORE_PROFILE}`] : []), '--import', 'tsx', path.join(root, 'src/main/shell/browser/cli.ts'), '--port', '0', '--data-dir', dataDir, '--static-dir', path.join(root, 'out/renderer')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (m) resolve(m[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`browser mode exited ${code}: ${output}`)));
  });
  return { url, child };
}

// The in-page code sees the browser through this minimal type: the file is checked without the DOM library.
interface Win {
  document: { querySelector(selector: string): (Record<string, unknown> & { click(): void; focus(): void; dispatchEvent(e: unknown): void }) | null };
  performance: { now(): number };
  requestAnimationFrame(cb: () => void): void;
  setTimeout(cb: () => void, ms: number): void;
  Event: new (type: string, init: { bubbles: boolean }) => unknown;
}

/** ms from the page's navigation start until a selector is in the DOM (checked every frame). */
async function renderedAt(page: Page, selector: string): Promise<number> {
  const handle = await page.waitForFunction((sel) => {
    const w = globalThis as unknown as Win;
    return w.document.querySelector(sel) ? w.performance.now() : false;
  }, selector, { polling: 'raf', timeout: 60_000 });
  return (await handle.jsonValue()) as number;
}

/** ms from the page's navigation start until an element's text matches a pattern (checked every frame). */
async function textAt(page: Page, selector: string, pattern: string): Promise<number> {
  const handle = await page.waitForFunction(
    ([sel, pat]) => {
      const w = globalThis as unknown as Win;
      const el = w.document.querySelector(sel) as { textContent?: string } | null;
      return el && new RegExp(pat).test(el.textContent ?? '') ? w.performance.now() : false;
    },
    [selector, pattern] as const,
    { polling: 'raf', timeout: 120_000 },
  );
  return (await handle.jsonValue()) as number;
}

/** Clicks a sidebar link and measures until a selector appears (checked every frame). */
async function clickUntil(page: Page, href: string, selector: string): Promise<number> {
  return page.evaluate(
    ([h, sel]) =>
      new Promise<number>((resolve) => {
        const w = globalThis as unknown as Win;
        const t0 = w.performance.now();
        w.document.querySelector(`a[href="${h}"]`)!.click();
        const check = () => (w.document.querySelector(sel) ? resolve(w.performance.now() - t0) : w.requestAnimationFrame(check));
        check();
      }),
    [href, selector] as const,
  );
}

/**
 * Types a word into a search box one key at a time, as React sees typing (native value setter +
 * input event), and measures each keystroke until the next frame is painted after React's render.
 */
async function keystrokes(page: Page, label: string, word: string): Promise<number[]> {
  return page.evaluate(
    async ([lab, text]) => {
      const w = globalThis as unknown as Win;
      const input = w.document.querySelector(`input[aria-label="${lab}"]`)!;
      const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), 'value')!.set!;
      input.focus();
      const times: number[] = [];
      for (let i = 1; i <= text.length; i++) {
        const t0 = w.performance.now();
        setter.call(input, text.slice(0, i));
        input.dispatchEvent(new w.Event('input', { bubbles: true }));
        await new Promise<void>((r) => w.requestAnimationFrame(() => w.setTimeout(r, 0)));
        times.push(w.performance.now() - t0);
      }
      return times;
    },
    [label, word] as const,
  );
}

/** Where a first render's time went: the page's own timings and the renderer's marks (roc:*). */
async function firstRenderSteps(page: Page): Promise<string> {
  return page.evaluate(() => {
    const p = (globalThis as unknown as { performance: { getEntriesByType(t: string): Array<Record<string, unknown> & { name: string; startTime: number }> } }).performance;
    const nav = p.getEntriesByType('navigation')[0] as Record<string, number> | undefined;
    const script = p.getEntriesByType('resource').find((r) => /\/assets\/index-.*\.js$/.test(r.name)) as Record<string, number> | undefined;
    const marks = Object.fromEntries(p.getEntriesByType('mark').map((m) => [m.name, m.startTime]));
    const ms = (v: number | undefined) => (v === undefined ? '?' : String(Math.round(v)));
    return [
      `document ${ms(nav?.responseEnd)}`,
      `script loaded ${ms(script?.responseEnd)}`,
      `script ran ${ms(nav?.domContentLoadedEventStart)}`,
      `socket open ${ms(marks['roc:socket-open'])}`,
      `tree asked ${ms(marks['roc:tree-top-asked'])}`,
      `tree received ${ms(marks['roc:tree-top-received'])}`,
    ].join(', ');
  });
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function main(): Promise<void> {
  if (!process.env.ROC_KEYRING_PASSWORD) {
    // The sync keeps the vendor secret in the OS keychain: run inside a private, unlocked one.
    const r = spawnSync('bash', [path.join(root, 'scripts/with-keyring.sh'), process.execPath, '--import', 'tsx', __filename], { stdio: 'inherit' });
    process.exit(r.status ?? 1);
  }
  if (!fs.existsSync(path.join(root, 'out/renderer/index.html'))) spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roc-bench-it-'));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'roc-bench-chromium-'));
  let server: ChildProcess | null = null;
  try {
    const t0 = performance.now();
    const counts = await buildLargeCache(dataDir);
    console.log(`large estate: ${counts.locations} locations, ${counts.stores} stores, ${counts.cameras} cameras, ${counts.channels} channels, ${counts.appliances} appliances; cache built by the real sync in ${Math.round((performance.now() - t0) / 1000)} s; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} cores`);

    const started = await startBrowserMode(dataDir);
    server = started.child;
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      viewport: { width: 1600, height: 1000 },
      args: [...chromiumArgs, '--enable-precise-memory-info'],
    });
    // tsx keeps function names with a helper that the page does not have.
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    const page = context.pages()[0] ?? (await context.newPage());

    const cdp = await context.newCDPSession(page);
    const profileDir = process.env.ROC_BENCH_PROFILE;
    const profiled = async <T,>(name: string, run: () => Promise<T>): Promise<T> => {
      if (!profileDir) return run();
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
      const value = await run();
      const { profile: p } = (await cdp.send('Profiler.stop')) as { profile: unknown };
      fs.mkdirSync(profileDir, { recursive: true });
      fs.writeFileSync(path.join(profileDir, `${name}.cpuprofile`), JSON.stringify(p));
      return value;
    };
    const treeComplete = () => textAt(page, '.it-tree-count', '^\\d+ locations');

    // Cold: a console just started, on the cache its previous run synced (and prepared).
    await page.goto(`${started.url}#stores`);
    const treeCold = await renderedAt(page, '[role=treeitem]');
    const coldSteps = await firstRenderSteps(page);
    const treeColdComplete = await treeComplete();
    const nodes = Number(/(\d+) locations/.exec((await page.locator('.it-tree-count').innerText()) ?? '')?.[1] ?? 0);
    // Warm: the page opened again (a new window, a reload) while the core runs.
    await page.goto('about:blank');
    const [treeWarm, treeWarmComplete] = await profiled('tree-warm', async () => {
      await page.goto(`${started.url}#stores`);
      return [await renderedAt(page, '[role=treeitem]'), await treeComplete()] as const;
    });
    const treeKeys = await keystrokes(page, 'Search stores', 'oak plaza 1');
    await page.waitForSelector('[role=treeitem]');

    const listComplete = async () => (await page.getByTestId('inventory-count').filter({ hasText: /^\d+ of \d+/ }).waitFor({ timeout: 120_000 }), await page.evaluate(() => (globalThis as unknown as Win).performance.now()));
    const clickedAt = await page.evaluate(() => (globalThis as unknown as Win).performance.now());
    const inventory = await clickUntil(page, '#inventory', '[data-testid=inventory-row]');
    const inventoryComplete = (await listComplete()) - clickedAt;
    const rows = await page.getByTestId('inventory-count').innerText();
    const invKeys = await keystrokes(page, 'Search inventory', 'aurora 20:c3');
    await page.goto('about:blank');
    await page.goto(`${started.url}#stores`);
    await renderedAt(page, '[role=treeitem]');
    await treeComplete();
    const [inventoryWarm, inventoryWarmComplete] = await profiled('inventory-warm', async () => {
      const t = await page.evaluate(() => (globalThis as unknown as Win).performance.now());
      const first = await clickUntil(page, '#inventory', '[data-testid=inventory-row]');
      return [first, (await listComplete()) - t] as const;
    });

    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };

    // The first start of a console that has not kept the tree (a new version of the console, or
    // one closed within a second of its sync): the first screen is built from the cache's rows.
    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
    const db = new Database(path.join(dataDir, 'cache.sqlite'));
    db.prepare('DELETE FROM it_prepared').run();
    db.close();
    const restarted = await startBrowserMode(dataDir);
    server = restarted.child;
    await page.goto('about:blank');
    await page.goto(`${restarted.url}#stores`);
    const treeUnprepared = await renderedAt(page, '[role=treeitem]');
    const unpreparedSteps = await firstRenderSteps(page);
    console.log(`tree: ${nodes} nodes; inventory: ${rows}`);
    console.log(`complete (not targets): tree ${Math.round(treeWarmComplete)} ms warm, ${Math.round(treeColdComplete)} ms cold core; camera list ${Math.round(inventoryWarmComplete)} ms warm, ${Math.round(inventoryComplete)} ms first time; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);

    console.log(`cold core first render, ms from navigation: ${coldSteps}`);
    console.log(`cold core, nothing kept: ${unpreparedSteps}`);
    line('it-tree-first-render', treeWarm, 'ms', '500 ms');
    line('it-tree-first-render-cold-core', treeCold, 'ms', '500 ms');
    line('it-tree-first-render-cold-core-nothing-kept', treeUnprepared, 'ms', '500 ms');
    line('it-inventory-first-render', inventoryWarm, 'ms', '500 ms');
    line('it-inventory-first-render-cold-core', inventory, 'ms', '500 ms');
    line('it-tree-keystroke', mean(treeKeys), 'ms', '50 ms');
    line('it-tree-keystroke-max', Math.max(...treeKeys), 'ms', '50 ms');
    line('it-inventory-keystroke', mean(invKeys), 'ms', '50 ms');
    line('it-inventory-keystroke-max', Math.max(...invKeys), 'ms', '50 ms');
    line('it-renderer-heap', heap.usedSize / 1024 / 1024, 'MB', '300 MB');
    await context.close();
  } finally {
    server?.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
