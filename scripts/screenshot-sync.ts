// Screenshots of the Sync view with background sync on the Demo workspace, at 1440x900 and 1024x700.
// Usage: npx tsx scripts/screenshot-sync.ts [out-dir]   (after `npx electron-vite build`)
import { chromium } from 'playwright-core';
import { startConsole } from '../test/e2e/fixtures';
import { chromiumLaunchOptions } from '../test/support/chromium';

async function main(): Promise<void> {
  const out = process.argv[2] ?? '.tmp/shots';
  const { app, stop } = await startConsole({ backgroundSync: true });
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Try the Demo workspace' }).click();
    await page.getByTestId('connection').nth(2).waitFor();
    await page.getByRole('link', { name: 'Sync' }).click();
    await page.getByRole('article', { name: 'Sync Demo RetailNext' }).getByText('never synced').first().waitFor({ state: 'detached', timeout: 120_000 });
    await page.getByRole('button', { name: 'Cancel' }).first().waitFor({ state: 'detached', timeout: 120_000 });
    await page.waitForTimeout(1500);
    for (const open of [false, true]) {
      if (open) await page.getByText('Background sync', { exact: true }).click();
      for (const [w, h] of [[1440, 900], [1024, 700]] as const) {
        await page.setViewportSize({ width: w, height: h });
        await page.waitForTimeout(400);
        await page.screenshot({ path: `${out}/sync${open ? '-settings' : ''}-${w}x${h}.png`, fullPage: open });
      }
    }
  } finally {
    await browser.close();
    await stop();
  }
}

void main();
