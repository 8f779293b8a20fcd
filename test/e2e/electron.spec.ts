import { _electron as electron, expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The same journey as connections.spec.ts, in the desktop shell, its core's utility process killed and started again, and its menu, About (updates line) and tray. It needs an Electron binary and a
// display, which cannot be had on every machine (none can be downloaded on our CI machines).
const unavailable = execFileSync(process.execPath, ['scripts/electron-available.mjs'], { encoding: 'utf8' }).trim();

test.describe('desktop shell (Electron)', () => {
  test.skip(unavailable !== '', `Electron cannot run here: ${unavailable}`);

  test('opens the console window and lists a saved connection after a restart', async () => {
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'roc-electron-'));
    const launch = () => electron.launch({ args: ['.', `--user-data-dir=${userData}`, '--no-background-sync'] });
    let app = await launch();
    let page = await app.firstWindow();
    await page.getByRole('button', { name: 'Add connection' }).click();
    await page.getByLabel('Vendor').selectOption('exteros');
    await page.getByLabel('Name').fill('Desktop Exteros');
    await page.getByLabel('API key').fill('desktop-secret');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('connection')).toContainText('Desktop Exteros');
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    await app.close();

    app = await launch();
    page = await app.firstWindow();
    await expect(page.getByTestId('connection')).toContainText('Desktop Exteros');
    expect(await page.content()).not.toContain('desktop-secret');
    await app.close();
  });

  // The core in Electron's utility process (issue 17): killed, the window says so, main starts it again,
  // and the console answers with what it saved. The same case as coreHost.spec.ts in browser mode.
  test('the core utility process killed: the window says so, main starts it again, the console answers as before', async () => {
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'roc-electron-'));
    const app = await electron.launch({ args: ['.', `--user-data-dir=${userData}`, '--no-background-sync'] });
    const page = await app.firstWindow();
    await page.getByRole('button', { name: 'Add connection' }).click();
    await page.getByLabel('Vendor').selectOption('exteros');
    await page.getByLabel('Name').fill('Before the crash');
    await page.getByLabel('API key').fill('desktop-crash-key');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('connection')).toContainText('Before the crash');

    const corePids = () => app.evaluate(({ app: electronApp }) => electronApp.getAppMetrics().filter((m) => m.type === 'Utility' && m.name === 'Retail Ops Console core').map((m) => m.pid));
    const before = await corePids();
    expect(before).toHaveLength(1);
    process.kill(before[0]!, 'SIGKILL');

    const banner = page.getByTestId('core-status');
    await expect(banner).toContainText("The console's core stopped or the connection to it was lost");
    await expect(banner).toHaveAttribute('data-state', 'running', { timeout: 60_000 });
    await expect.poll(corePids).toHaveLength(1);
    expect((await corePids())[0]).not.toBe(before[0]);

    await page.getByRole('button', { name: 'Add connection' }).click();
    await page.getByLabel('Vendor').selectOption('exteros');
    await page.getByLabel('Name').fill('After the crash');
    await page.getByLabel('API key').fill('desktop-crash-key-2');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('connection')).toHaveCount(2);
    await expect(page.getByTestId('connection').filter({ hasText: 'Before the crash' })).toHaveCount(1);
    const shellLog = fs.readFileSync(path.join(userData, 'logs', 'shell.log'), 'utf8');
    expect(shellLog).toContain('the core process stopped unexpectedly; starting it again');
    expect(shellLog).not.toContain('desktop-crash-key');
    await app.close();
  });

  // Live video over the window's own port to the core (issue 17): a tile plays, and the page asked
  // the app scheme for no playlist or segment, so none passed through Electron main.
  test('a live tile plays over the window\'s port: no /media request reaches the main process', async () => {
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'roc-electron-'));
    const app = await electron.launch({ args: ['.', `--user-data-dir=${userData}`, '--no-background-sync'] });
    const page = await app.firstWindow();
    const mediaRequests: string[] = [];
    page.on('request', (r) => new URL(r.url()).pathname.startsWith('/media/') && mediaRequests.push(r.url()));
    await page.getByRole('button', { name: 'Try the Demo workspace' }).click();
    await expect(page.getByTestId('connection')).toHaveCount(3);
    await page.evaluate(() => void (window.location.hash = '#live'));
    await page.getByLabel('Layout').selectOption('1');
    await page.getByTestId('camera-tree-store').first().click();
    await expect(page.getByTestId('tile-state').first()).toHaveAttribute('data-state', 'playing', { timeout: 30_000 });
    await expect.poll(() => page.locator('[data-testid="live-tile"] video').first().evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 20_000 }).toBeGreaterThan(1);
    expect(mediaRequests).toEqual([]);
    await app.close();
  });

  test("Help's About shows the updates line; closing the last window keeps the console in the tray", async () => {
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'roc-electron-'));
    const app = await electron.launch({ args: ['.', `--user-data-dir=${userData}`, '--no-background-sync'] });
    const page = await app.firstWindow();
    await expect(page.getByRole('button', { name: 'Add connection' })).toBeVisible();
    // The native menu's Help > About asks the window for its own About dialog.
    await app.evaluate(({ Menu }) => {
      const help = Menu.getApplicationMenu()!.items.find((i) => i.role === 'help')!;
      help.submenu!.items.find((i) => i.label === 'About Retail Ops Console')!.click();
    });
    const about = page.getByRole('dialog', { name: 'About Retail Ops Console' });
    await expect(about.getByText('the desktop app')).toBeVisible();
    // A build run from the repository is not an installed app: updates are off, and the line says why.
    await expect(about.getByTestId('updates-line')).toHaveText(/^Updates are off: this is a development build/);
    await page.keyboard.press('Escape');

    // The tray holds the console after its last window closes (the first time, with a notice).
    const trayFailed = () => {
      const log = path.join(userData, 'logs', 'shell.log');
      return fs.existsSync(log) && /"tray: /.test(fs.readFileSync(log, 'utf8'));
    };
    await page.close();
    if (trayFailed()) {
      await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length).catch(() => -1)).toBe(-1);
      return;
    }
    await expect.poll(() => fs.existsSync(path.join(userData, 'tray-notice-shown'))).toBe(true);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(0);
    await app.close();
  });
});
