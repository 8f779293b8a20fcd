import { _electron as electron, expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The same journey as connections.spec.ts, in the desktop shell. It needs an Electron binary and a
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
});
