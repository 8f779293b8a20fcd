// Screenshots of the administration views on the Demo workspace, at 1440x900 and 1024x700.
// Usage: npx tsx scripts/screenshot-admin.ts [out-dir]   (after `npx electron-vite build`)
import { chromium, type Page } from 'playwright-core';
import type { StoreTree } from '../src/shared/estate/types';
import { callConsole, startConsole } from '../test/e2e/fixtures';
import { chromiumLaunchOptions } from '../test/support/chromium';

async function main(): Promise<void> {
  const out = process.argv[2] ?? '.tmp/shots';
  const { app, stop } = await startConsole();
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Try the Demo workspace' }).click();
    await page.getByTestId('connection').nth(2).waitFor();
    await page.getByRole('link', { name: 'Stores' }).click();
    await page.getByRole('button', { name: 'Sync all connections now' }).click();
    const store = page.getByRole('treeitem', { name: /Caspar City Plaza/ });
    await store.waitFor({ timeout: 90_000 });
    await page.waitForTimeout(8000);
    const shoot = async (name: string, prepare?: (p: Page) => Promise<void>) => {
      for (const [w, h] of [[1440, 900], [1024, 700]] as const) {
        await page.setViewportSize({ width: w, height: h });
        if (prepare) await prepare(page);
        await page.waitForTimeout(600);
        await page.screenshot({ path: `${out}/${name}-${w}x${h}.png` });
      }
    };
    await store.click();
    await page.getByRole('button', { name: 'Edit store' }).click();
    await page.getByLabel('Occupancy limit').fill('65');
    await shoot('stores-edit');
    await page.getByRole('button', { name: 'Preview' }).click();
    await shoot('stores-edit-preview');
    await page.getByRole('button', { name: 'Confirm and send' }).click();
    await page.getByTestId('change-outcome').waitFor();
    await shoot('stores-edit-done');
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Add sublocation' }).click();
    await page.getByRole('form', { name: 'Add a sublocation' }).getByLabel('Name').fill('Side door');
    await page.getByRole('form', { name: 'Add a sublocation' }).getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('dialog').waitFor();
    await shoot('stores-add-sublocation');

    await page.getByRole('link', { name: 'Correct occupancy' }).click();
    await page.getByLabel('Correction').fill('4');
    await page.getByLabel('Reason').fill('A group came in through the loading dock');
    await shoot('occupancy');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('dialog').waitFor();
    await shoot('occupancy-preview');

    await page.goto(`${app.url}#bulk`);
    await shoot('bulk-empty');
    await page.getByRole('tab', { name: 'Choose in the tree' }).click();
    await page.getByLabel('Search stores').fill('Plaza');
    await page.getByRole('button', { name: /Check the \d+ shown/ }).click();
    await page.getByLabel('New value').fill('80');
    await shoot('bulk-tree');
    await page.getByRole('tab', { name: 'Import a CSV' }).click();
    // A CSV of the demo's stores from the cache, with three bad rows.
    const tree = await callConsole<StoreTree>(page, app, 'estate.tree', { part: 'full' });
    const stores = tree.nodes.filter((n) => n.kind === 'store' && n.storeUuid).map((n) => n.storeUuid!);
    const sub = tree.nodes.find((n) => n.kind === 'entrance')!.id.slice(2);
    const lines = ['site_uuid,occupancy_limit,area', ...stores.map((u, i) => `${u},${50 + i},`), 'ffffffff-1111-4111-8111-111111111111,50,', `${sub},30,`];
    lines.splice(3, 1, `${stores[2]},fifty,1200`);
    await page.getByLabel('CSV file').setInputFiles({ name: 'occupancy_limit.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n')) });
    await page.getByTestId('bulk-counts').waitFor();
    await shoot('bulk-preview');
    await page.getByRole('button', { name: /Confirm and send/ }).click();
    await page.getByText(/\d+ done · 0 failed/).waitFor({ timeout: 30_000 });
    await shoot('bulk-done');
    await page.getByLabel('Rows to show').selectOption('');
    await page.goto(`${app.url}#changes`);
    await shoot('changes');
    await page.goto(`${app.url}#users`);
    await page.getByTestId('user').first().waitFor();
    await shoot('users');
    await page.getByRole('button', { name: 'Create SSO user' }).click();
    const editor = page.getByRole('region', { name: 'Create an SSO user' });
    await editor.getByLabel('Email').fill('jo.new@domain.com');
    await editor.getByLabel('Name').fill('Jo New');
    await editor.getByLabel('User profile').selectOption({ index: 1 });
    await editor.getByLabel('Location profile', { exact: true }).selectOption({ index: 1 });
    await editor.getByRole('button', { name: 'Preview' }).click();
    await editor.getByRole('dialog').getByRole('heading').waitFor();
    await shoot('users-create-preview');
    await page.getByRole('button', { name: 'Confirm and send' }).click();
    await page.getByTestId('change-outcome').waitFor();
    await page.getByRole('button', { name: 'Close' }).click();
    await page.locator('.admin-access').scrollIntoViewIfNeeded();
    await shoot('users-access-audit');
    console.log(`wrote ${out}`);
  } finally {
    await browser.close();
    await stop();
  }
}

void main();
