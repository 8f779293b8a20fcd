import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openDemoWorkspace, startConsole, test, type ConsoleApp } from './fixtures';

/**
 * The About dialog in browser mode (issue 16, updates): opened from the command palette, it shows the
 * version and says updates are off here, and why; screenshots on the Demo workspace at two sizes.
 */

let session: { app: ConsoleApp; stop(): Promise<void> };
let page: Page;
const outDir = path.resolve('test-results', 'screens');

test.describe.serial('about', () => {
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(120_000);
    session = await startConsole();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await openDemoWorkspace(page, session.app);
    fs.mkdirSync(outDir, { recursive: true });
  });
  test.afterAll(async () => {
    await page?.close();
    await session?.stop();
  });

  test('Ctrl+K, "about": the About dialog says updates are off in browser mode, and why; Esc closes it', async () => {
    await page.goto(`${session.app.url}#connections`);
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: /Go to a store/ }).pressSequentially('about');
    await expect(page.getByRole('option').first()).toContainText('About Retail Ops Console');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'About Retail Ops Console' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByText('browser mode (npm run serve)')).toBeVisible();
    await expect(dialog.getByTestId('updates-line')).toHaveText(/^Updates are off: this is browser mode; update the console where it is installed/);
    await expect(dialog.getByRole('button', { name: 'Restart now' })).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  });

  test('screenshots of the About dialog at 1440x900 and 1024x700', async () => {
    for (const size of [
      { name: '1440x900', width: 1440, height: 900 },
      { name: '1024x700', width: 1024, height: 700 },
    ]) {
      await page.setViewportSize(size);
      await page.goto(`${session.app.url}#connections`);
      await page.keyboard.press('Control+k');
      await page.getByRole('combobox').pressSequentially('about');
      await expect(page.getByRole('option', { selected: true })).toContainText('About Retail Ops Console');
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'About Retail Ops Console' });
      await expect(dialog.getByTestId('updates-line')).toBeVisible();
      await page.screenshot({ path: path.join(outDir, `about-${size.name}.png`) });
      const box = (await dialog.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(size.width);
      expect(box.y + box.height).toBeLessThanOrEqual(size.height);
      await page.keyboard.press('Escape');
    }
  });
});
