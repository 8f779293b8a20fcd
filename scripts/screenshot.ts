// Takes the README's screenshot: browser mode on a fresh data folder, the Demo workspace, one view.
// Usage: npx tsx scripts/screenshot.ts [view-hash] [out.png]   (after `npx electron-vite build`)
import { chromium } from 'playwright-core';
import { startConsole } from '../test/e2e/fixtures';
import { chromiumLaunchOptions } from '../test/support/chromium';

async function main(): Promise<void> {
  const [view = 'connections', out = 'docs/screenshot.png'] = process.argv.slice(2);
  const { app, stop } = await startConsole();
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 820 } });
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Try the Demo workspace' }).click();
    await page.getByTestId('connection').nth(2).waitFor();
    if (view === 'stores') {
      // Fill the cache as a new user would, then open a store.
      await page.getByRole('link', { name: 'Stores' }).click();
      await page.getByRole('button', { name: 'Sync all connections now' }).click();
      const store = page.getByRole('treeitem', { name: /Caspar City Plaza/ });
      await store.waitFor({ timeout: 60_000 });
      await store.click();
      await page.waitForTimeout(1500);
    } else if (view !== 'connections') {
      await page.goto(`${app.url}#${view}`);
      await page.waitForTimeout(3000);
    }
    await page.screenshot({ path: out });
    console.log(`wrote ${out}`);
  } finally {
    await browser.close();
    await stop();
  }
}

void main();
