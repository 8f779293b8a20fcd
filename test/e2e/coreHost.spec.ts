import fs from 'node:fs';
import path from 'node:path';
import { expect, openDemoWorkspace, test } from './fixtures';

/** Linux: the child processes of `parent` whose command line mentions `name` (from /proc). */
function childProcesses(parent: number, name: string): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent && fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(name)) found.push(Number(entry));
    } catch {
      // ended meanwhile
    }
  }
  return found;
}

// The core in its own process (issue 17): when it dies, the window says so, the shell starts it again
// and the console answers as before, with what it saved. Browser mode's server is the shell here.
test('the core process killed: the window says so, the shell starts it again, and the console answers as before', async ({ page, app }) => {
  test.skip(process.platform !== 'linux', 'finds the core process through /proc');
  test.setTimeout(120_000);
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Add connection' }).click();
  await page.getByLabel('Vendor').selectOption('exteros');
  await page.getByLabel('Name').fill('Before the crash');
  await page.getByLabel('API key').fill('crash-test-key');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('connection')).toContainText('Before the crash');

  const cores = childProcesses(app.serverPid, 'coreProcess');
  expect(cores).toHaveLength(1);
  process.kill(cores[0]!, 'SIGKILL');

  const banner = page.getByTestId('core-status');
  await expect(banner).toContainText("The console's core stopped or the connection to it was lost");
  await expect(banner).toHaveAttribute('data-state', 'running', { timeout: 60_000 });
  await expect(banner).toContainText('The console is running again.');

  // A new core process, and the server that started it still the same one.
  const restarted = childProcesses(app.serverPid, 'coreProcess');
  expect(restarted).toHaveLength(1);
  expect(restarted[0]).not.toBe(cores[0]);
  // It answers: a second connection saved through it, the first one still there (the cache and keychain kept it).
  await page.getByRole('button', { name: 'Add connection' }).click();
  await page.getByLabel('Vendor').selectOption('exteros');
  await page.getByLabel('Name').fill('After the crash');
  await page.getByLabel('API key').fill('crash-test-key-2');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('connection')).toHaveCount(2);
  await expect(page.getByTestId('connection').filter({ hasText: 'Before the crash' })).toHaveCount(1);
  await page.reload();
  await expect(page.getByTestId('connection')).toHaveCount(2);

  // The shell logged the death in words; no key is in its log.
  const shellLog = fs.readFileSync(path.join(app.dataDir, 'logs', 'shell.log'), 'utf8');
  expect(shellLog).toContain('the core process stopped unexpectedly; starting it again');
  expect(shellLog).not.toContain('crash-test-key');
});

// The views after the core comes back (issue 17): what a view shows by the core's events is read
// again (those events were lost with the core), and a read the restart cut is made again by itself.
test('the core process killed: the Exports list on screen is read again once it runs, and a view opened meanwhile loads by itself', async ({ page, app }) => {
  test.skip(process.platform !== 'linux', 'finds the core process through /proc');
  test.setTimeout(180_000);
  const sent: string[] = [];
  page.on('websocket', (ws) => ws.on('framesent', (f) => void (typeof f.payload === 'string' && sent.push(f.payload))));
  const asked = (call: string) => sent.filter((p) => p.includes(`"call":"${call}"`)).length;
  const banner = page.getByTestId('core-status');
  const killCore = async () => {
    const cores = childProcesses(app.serverPid, 'coreProcess');
    expect(cores).toHaveLength(1);
    process.kill(cores[0]!, 'SIGKILL');
    await expect(banner).toContainText("The console's core stopped or the connection to it was lost");
  };
  await page.goto(`${app.url}#exports`);
  await expect(page.getByRole('heading', { name: 'Exports', level: 1 })).toBeVisible();
  await expect.poll(() => asked('exports.list')).toBe(1);

  await killCore();
  await expect(banner).toHaveAttribute('data-state', 'running', { timeout: 60_000 });
  await expect.poll(() => asked('exports.list'), { timeout: 30_000 }).toBe(2);

  // While the core is away again, the change log is opened: its read fails with the loss (or waits), and it loads by itself.
  await killCore();
  await page.evaluate(() => void (window.location.hash = '#changes'));
  await expect(banner).toHaveAttribute('data-state', 'running', { timeout: 60_000 });
  await expect(page.getByTestId('change-counts')).toContainText('0 changes', { timeout: 30_000 });
  await expect(page.getByTestId('waiting-for-core')).toHaveCount(0);
  await expect(page.locator('[role=alert]:not([data-testid=core-status])')).toHaveCount(0);
});

// Live's tiles play through sessions the core holds (stream tokens, playlists): a core that died took
// them with it, so once it runs again the wall opens its stores again and the tile plays.
test('the core process killed with a live tile playing: once it runs again the tile opens its store again and plays', async ({ page, app }) => {
  test.skip(process.platform !== 'linux', 'finds the core process through /proc');
  test.setTimeout(180_000);
  const sent: string[] = [];
  page.on('websocket', (ws) => ws.on('framesent', (f) => void (typeof f.payload === 'string' && sent.push(f.payload))));
  const opened = () => sent.filter((p) => p.includes('"call":"live.open"')).length;
  await openDemoWorkspace(page, app);
  await page.goto(`${app.url}#live`);
  await page.getByLabel('Layout').selectOption('1');
  await page.getByTestId('camera-tree-store').first().click();
  const state = page.getByTestId('live-tile').first().getByTestId('tile-state');
  await expect(state).toHaveAttribute('data-state', 'playing', { timeout: 30_000 });
  expect(opened()).toBe(1);

  const cores = childProcesses(app.serverPid, 'coreProcess');
  expect(cores).toHaveLength(1);
  process.kill(cores[0]!, 'SIGKILL');
  const banner = page.getByTestId('core-status');
  await expect(banner).toContainText("The console's core stopped or the connection to it was lost");
  await expect(banner).toHaveAttribute('data-state', 'running', { timeout: 60_000 });

  // The store is opened again (a new session of the new core), and the tile plays from it.
  await expect.poll(opened, { timeout: 30_000 }).toBe(2);
  await expect(state).toHaveAttribute('data-state', 'playing', { timeout: 45_000 });
  const video = () => page.evaluate(() => document.querySelector<HTMLVideoElement>('[data-testid="live-tile"] video')!.currentTime);
  const at = await video();
  await expect.poll(video, { timeout: 20_000 }).toBeGreaterThan(at);
});
