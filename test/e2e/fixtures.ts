import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { browserShellFlags } from '../../src/main/shell/browser/shellFlags';
import type { ConnectionView, Vendor } from '../../src/shared/connections/types';
import type { SyncDataset, SyncRunView } from '../../src/shared/sync/types';

export interface ConsoleApp {
  /** The address browser mode printed, with its per-run token. */
  url: string;
  dataDir: string;
  /** Everything the server process wrote to stdout and stderr. */
  output(): string;
  /** The browser-mode server's process id (the shell; the core runs in a child of it). */
  serverPid: number;
}

/**
 * Starts browser mode as a user would (`serve`'s own entry point), on a fresh data folder that is
 * removed afterwards, or on the one given (kept). Background sync stays off unless asked for: its runs
 * would land in the middle of what a spec counts and waits for.
 */
export async function startConsole(options: { dataDir?: string; backgroundSync?: boolean } = {}): Promise<{ app: ConsoleApp; stop(): Promise<void>; kill(): Promise<void> }> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'roc-e2e-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [...browserShellFlags, '--import', 'tsx', path.resolve('src/main/shell/browser/cli.ts'), '--port', '0', '--data-dir', dataDir, '--static-dir', path.resolve('out/renderer'), ...(options.backgroundSync ? [] : ['--no-background-sync'])],
    { stdio: ['ignore', 'pipe', 'pipe'], env: process.env },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${output}`)), 90_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`browser mode exited (${code}):\n${output}`)));
  });
  return {
    app: { url, dataDir, output: () => output, serverPid: child.pid! },
    /** kill -9: the process ends at once, as in a crash or a power cut. */
    async kill() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) {
        if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
        return;
      }
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ app: ConsoleApp }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
  app: async ({}, use) => {
    const { app, stop } = await startConsole();
    await use(app);
    await stop();
  },
});

/** Opens the console and starts the Demo workspace from its empty state, as a new user would. */
export async function openDemoWorkspace(page: Page, app: ConsoleApp): Promise<void> {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Try the Demo workspace' }).click();
  await expect(page.getByTestId('connection')).toHaveCount(3);
}

/** The Demo workspace's simulator address, from the console's own log. */
export async function demoSimulatorUrl(app: ConsoleApp): Promise<string> {
  const log = path.join(app.dataDir, 'logs', 'core.log');
  for (let i = 0; i < 100; i++) {
    const m = fs.existsSync(log) ? /simulator started.*?(http:\/\/127\.0\.0\.1:\d+)/.exec(fs.readFileSync(log, 'utf8')) : null;
    if (m) return m[1]!;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the demo simulator address is not in the log');
}

/**
 * Demo stores with an occupancy limit, in three time zones: Madison Ave Store (New York), Chicago Loop
 * and San Jose Store (Los Angeles). The Demo's stores are all in the Americas, and on some hours
 * (a Sunday around 15:00 UTC) none of them is open.
 */
const storesOpenInTests = ['9c1f2a64-0b7e-11ea-8d71-c0003468a1b2', 'e235aee4-cf7a-11e5-973e-8000a847d47a', 'dace69f6-b307-11e9-819d-0000698cf233'];

/**
 * Makes a few Demo stores open now, by their own clocks (from three hours ago to five hours on), so a
 * test of what an open store shows (a reading, a curve) holds at any hour. Call it before the first
 * sync of store hours.
 */
export async function openDemoStoresNow(app: ConsoleApp): Promise<void> {
  const sim = await demoSimulatorUrl(app);
  for (const store_uuid of storesOpenInTests) {
    const res = await fetch(`${sim}/__sim/open-now`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ store_uuid }) });
    expect(res.status, await res.text()).toBe(200);
  }
}

/** Switches the simulator's faults over its HTTP control (null clears them all). */
export async function simulatorFault(sim: string, rule: Record<string, unknown> | null): Promise<void> {
  const res = rule
    ? await fetch(`${sim}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rule) })
    : await fetch(`${sim}/__sim/faults`, { method: 'DELETE' });
  expect(res.ok).toBe(true);
}

/** Calls the console's contract over the page's own socket: test setup that is not what the test is about. */
export async function callConsole<T = unknown>(page: Page, app: ConsoleApp, call: string, input: unknown): Promise<T> {
  const result = await page.evaluate(
    async ({ url, call, input }) => {
      const u = new URL(url);
      const ws = new WebSocket(`ws://${u.host}/api?token=${encodeURIComponent(u.searchParams.get('token') ?? '')}`);
      await new Promise((r, j) => {
        ws.onopen = r;
        ws.onerror = j;
      });
      const answer = await new Promise<unknown>((r) => {
        ws.onmessage = (e) => {
          const m = JSON.parse(String(e.data)) as { id?: number; result?: unknown };
          if (m.id === 1) r(m.result);
        };
        ws.send(JSON.stringify({ id: 1, call, input }));
      });
      ws.close();
      return answer as { ok: boolean; value?: unknown; error?: unknown };
    },
    { url: app.url, call, input },
  );
  if (!result.ok) throw new Error(`${call} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/**
 * Syncs the datasets named for each vendor's Demo connection (a vendor not named is not synced) and
 * waits for those runs, by id, to end; returns them as they ended.
 */
export async function syncDemo(page: Page, app: ConsoleApp, datasets: Partial<Record<Vendor, SyncDataset[]>>): Promise<SyncRunView[]> {
  const ids: number[] = [];
  for (const c of await callConsole<ConnectionView[]>(page, app, 'connections.list', {})) {
    const wanted = datasets[c.vendor];
    if (wanted) ids.push(...(await callConsole<{ runIds: number[] }>(page, app, 'sync.start', { connectionId: c.id, datasets: wanted })).runIds);
  }
  let ended: SyncRunView[] = [];
  await expect
    .poll(
      async () => {
        const runs = await callConsole<SyncRunView[]>(page, app, 'sync.runs', { limit: 500 });
        ended = runs.filter((r) => ids.includes(r.id) && r.status !== 'running');
        return ended.length;
      },
      { timeout: 240_000, intervals: [500] },
    )
    .toBe(ids.length);
  return ended;
}

export { expect };
