import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { callConsole, expect, openDemoWorkspace, startConsole, test, type ConsoleApp } from './fixtures';

/**
 * Keyboard first (issue 16 item 6), in Chromium on the Demo workspace after one sync: the command
 * palette (Ctrl+K) to a store and to a camera, the view shortcuts of the one table, the store tree by
 * arrow keys, the shortcuts dialog; screenshots of the palette and the dialog at two sizes.
 */

let session: { app: ConsoleApp; stop(): Promise<void> };
let page: Page;
const outDir = path.resolve('test-results', 'screens');

test.describe.serial('keyboard first', () => {
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000);
    session = await startConsole();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await openDemoWorkspace(page, session.app);
    await callConsole(page, session.app, 'sync.all', {});
    await expect
      .poll(async () => (await callConsole<{ running: unknown[] }>(page, session.app, 'sync.status', {})).running.length, { timeout: 150_000, intervals: [1000] })
      .toBe(0);
    fs.mkdirSync(outDir, { recursive: true });
  });
  test.afterAll(async () => {
    await page?.close();
    await session?.stop();
  });

  test('Ctrl+K, a store name, Enter: the store panel opens; Esc gives the focus back', async () => {
    await page.goto(`${session.app.url}#connections`);
    const addButton = page.getByRole('button', { name: 'Add connection' });
    await addButton.focus();
    await page.keyboard.press('Control+k');
    const input = page.getByRole('combobox', { name: /Go to a store/ });
    await expect(input).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Command palette' })).toHaveCount(0);
    await expect(addButton).toBeFocused();

    await page.keyboard.press('Control+k');
    await input.pressSequentially('madison av');
    const results = page.getByRole('listbox', { name: 'Results' });
    await expect(results.getByRole('option').first()).toContainText('Madison Ave Store');
    await expect(results.getByText('Stores', { exact: true })).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#stores$/);
    const panel = page.getByRole('region', { name: 'Store Madison Ave Store' });
    await expect(panel).toBeVisible();
    await expect(panel.getByTestId('store-device').first()).toBeVisible();
    // The tree shows the store chosen, selected and holding the tree's tab stop.
    const row = page.getByRole('treeitem', { selected: true });
    await expect(row).toContainText('Madison Ave Store');
    await expect(row).toHaveAttribute('tabindex', '0');
  });

  test('Ctrl+K to a camera by its name and store: its inventory record opens', async () => {
    const names = await callConsole<{ stores: string[]; cameras: [string, string, number][] }>(page, session.app, 'inventory.cameraNames', {});
    const [mac, name, store] = names.cameras.find(([, n, s]) => s >= 0 && names.stores[s] === 'Madison Ave Store' && /Camera|Aurora/.test(n))!;
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox').pressSequentially(`${name} madison`);
    const option = page.getByRole('option').filter({ hasText: mac }).first();
    await expect(option).toBeVisible();
    expect(names.stores[store]).toBe('Madison Ave Store');
    // Down to the camera with the arrows, then Enter.
    for (let i = 0; i < 30 && (await option.getAttribute('aria-selected')) !== 'true'; i++) await page.keyboard.press('ArrowDown');
    await expect(option).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`#inventory/camera/${encodeURIComponent(mac)}$`));
    await expect(page.getByTestId('device-detail')).toContainText(mac);
  });

  test('view shortcuts from the one table: Ctrl+digit and g then a letter, not while typing', async () => {
    await page.goto(`${session.app.url}#connections`);
    await expect(page.getByRole('heading', { name: 'Connections' })).toBeVisible();
    await page.locator('body').click({ position: { x: 900, y: 600 } });
    await page.keyboard.press('Control+2');
    await expect(page).toHaveURL(/#stores$/);
    await expect(page.getByRole('heading', { name: 'Stores', level: 1 })).toBeVisible();
    await page.keyboard.press('g');
    await page.keyboard.press('a');
    await expect(page).toHaveURL(/#alerts$/);
    await page.keyboard.press('Control+Shift+O');
    await expect(page).toHaveURL(/#board$/);
    // In the store search field, "g" and "i" are letters typed.
    await page.keyboard.press('g');
    await page.keyboard.press('s');
    await expect(page).toHaveURL(/#stores$/);
    const search = page.getByLabel('Search stores');
    await search.focus();
    await page.keyboard.press('g');
    await page.keyboard.press('i');
    await expect(search).toHaveValue('gi');
    await expect(page).toHaveURL(/#stores$/);
    await search.fill('');
  });

  test('the store tree by keys: Tab in, arrows, → opens a region, Home, End, Enter opens the panel', async () => {
    await page.goto(`${session.app.url}#stores`);
    const tree = page.getByRole('tree', { name: 'Stores' });
    const first = tree.getByRole('treeitem').first();
    await expect(first).toBeVisible();
    await page.getByLabel('Search stores').focus();
    await page.keyboard.press('Tab');
    const focused = tree.locator('[role="treeitem"]:focus');
    await expect(focused).toHaveCount(1);
    await page.keyboard.press('Home');
    await expect(focused).toHaveAttribute('aria-level', '1');
    const region = (await focused.getAttribute('data-node-id'))!;
    // ← collapses the open region, → opens it again, → again enters its first store.
    await page.keyboard.press('ArrowLeft');
    await expect(focused).toHaveAttribute('aria-expanded', 'false');
    await page.keyboard.press('ArrowRight');
    await expect(focused).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('ArrowRight');
    await expect(focused).toHaveAttribute('aria-level', '2');
    await page.keyboard.press('ArrowDown');
    const storeName = (await focused.locator('.it-node-name').innerText()).trim();
    await expect(focused).toHaveAttribute('data-kind', 'store');
    await page.keyboard.press('ArrowLeft');
    await expect(focused).toHaveAttribute('data-node-id', region);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await expect(focused.locator('.it-node-name')).toHaveText(storeName);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: `Store ${storeName}` })).toBeVisible();
    // End: the last row, scrolled into view with the focus on it.
    await page.keyboard.press('End');
    await expect(focused).toHaveCount(1);
    await expect(focused).toBeInViewport();
    await expect(focused).toHaveAttribute('tabindex', '0');
    const last = await tree.getByRole('treeitem').last().getAttribute('data-node-id');
    await expect(focused).toHaveAttribute('data-node-id', last!);
  });

  test('the shortcuts dialog: ? and Ctrl+/ and from the palette; it lists the table', async () => {
    await page.goto(`${session.app.url}#stores`);
    await expect(page.getByRole('heading', { name: 'Stores', level: 1 })).toBeVisible();
    await page.locator('body').click({ position: { x: 900, y: 20 } });
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toBeVisible();
    for (const label of ['Connections', 'Stores', 'Change log', 'Occupancy board']) await expect(dialog.getByRole('cell', { name: label, exact: true })).toBeVisible();
    await expect(dialog.getByText('Open the store panel')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await page.keyboard.press('Control+/');
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox').pressSequentially('shortcuts');
    await expect(page.getByRole('option', { selected: true })).toContainText('Keyboard shortcuts');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
  });

  test('actions from the palette: Add connection opens the form, Sync all starts every connection', async () => {
    await page.goto(`${session.app.url}#stores`);
    await expect(page.getByRole('heading', { name: 'Stores', level: 1 })).toBeVisible();
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox').pressSequentially('add conn');
    await expect(page.getByRole('option').first()).toContainText('Add connection');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#connections$/);
    await expect(page.getByRole('form', { name: 'Add connection' })).toBeVisible();
    await page.getByRole('button', { name: 'Cancel' }).click();

    const newestRun = async () => Math.max(0, ...(await callConsole<{ id: number }[]>(page, session.app, 'sync.runs', {})).map((r) => r.id));
    const before = await newestRun();
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox').pressSequentially('sync all');
    await expect(page.getByRole('option', { selected: true })).toContainText('Sync all');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#sync$/);
    await expect.poll(newestRun, { timeout: 30_000 }).toBeGreaterThan(before);
    await expect
      .poll(async () => (await callConsole<{ running: unknown[] }>(page, session.app, 'sync.status', {})).running.length, { timeout: 150_000, intervals: [1000] })
      .toBe(0);
  });

  test('screenshots of the palette and the shortcuts dialog at 1440x900 and 1024x700', async () => {
    for (const size of [
      { name: '1440x900', width: 1440, height: 900 },
      { name: '1024x700', width: 1024, height: 700 },
    ]) {
      await page.setViewportSize(size);
      await page.goto(`${session.app.url}#stores`);
      await expect(page.getByRole('treeitem').first()).toBeVisible();
      await page.keyboard.press('Control+k');
      await expect(page.getByRole('combobox')).toBeFocused();
      await page.screenshot({ path: path.join(outDir, `palette-${size.name}.png`) });
      // The sidebar's "Go to… Ctrl+K" hint stays in sight beside the open palette.
      const hint = (await page.locator('.sidebar-palette kbd').boundingBox())!;
      const palette = (await page.getByRole('dialog', { name: 'Command palette' }).boundingBox())!;
      expect(hint.x + hint.width).toBeLessThanOrEqual(palette.x);
      await page.getByRole('combobox').pressSequentially('register');
      await expect(page.getByRole('listbox').getByText('Cameras', { exact: true })).toBeVisible();
      await page.screenshot({ path: path.join(outDir, `palette-cameras-${size.name}.png`) });
      // More cameras than a group shows: the head says how many, and to type more.
      await page.getByRole('combobox').fill('camera');
      await expect(page.getByRole('listbox').getByText(/^20 of \d+\+?: type more to narrow$/).first()).toBeVisible();
      await expect(page.getByRole('option')).not.toHaveCount(0);
      expect(await page.getByRole('option').count()).toBeLessThanOrEqual(4 * 20);
      const boxes = await page.getByRole('option').evaluateAll((els) => els.map((e) => ({ right: e.getBoundingClientRect().right })));
      for (const b of boxes) expect(b.right).toBeLessThanOrEqual(size.width);
      await page.keyboard.press('Escape');
      await page.keyboard.press('?');
      const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await expect(dialog).toBeVisible();
      await page.screenshot({ path: path.join(outDir, `shortcuts-${size.name}.png`) });
      const box = (await dialog.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(size.width);
      expect(box.y + box.height).toBeLessThanOrEqual(size.height);
      await page.keyboard.press('Escape');
    }
  });
});
