import fs from 'node:fs';
import { expect, openDemoWorkspace, test } from './fixtures';

test('IT staff: find a store, see its devices, a quiet camera flagged with the reason, its alert, the inventory CSV', async ({ page, app }) => {
  test.setTimeout(90_000);
  await openDemoWorkspace(page, app);

  // The cache is empty: the Stores view offers to fill it.
  await page.getByRole('link', { name: 'Stores' }).click();
  await page.getByRole('button', { name: 'Sync all connections now' }).click();
  await expect(page.getByRole('treeitem', { name: /Caspar City Plaza/ })).toBeVisible({ timeout: 45_000 });
  await expect(page.getByTestId('data-age').first()).toContainText('fetched');

  // A camera that went quiet, flagged by the audit with the reason in words.
  await page.getByRole('link', { name: 'Audit' }).click();
  await page.getByLabel('Rule').selectOption('quiet');
  const finding = page.getByTestId('finding').first();
  await expect(finding).toContainText(/Not heard from for \d+ days/);
  const cameraName = (await finding.locator('.it-finding-subject').innerText()).trim();
  const storeName = (await finding.getByRole('button').last().innerText()).trim();

  // The finding opens in a detail panel with its own address, which a reload reopens; its device
  // link opens the device's detail panel in Inventory.
  await finding.locator('.it-finding-reason').click();
  await expect(page).toHaveURL(/#audit\/quiet%3Acamera%3A/);
  const findingDetail = page.getByTestId('finding-detail');
  await expect(findingDetail.getByTestId('finding-since')).toContainText('Not heard from since');
  await expect(findingDetail.getByTestId('finding-advice')).toContainText('power and network');
  await page.reload();
  await expect(findingDetail.getByRole('heading', { name: 'Device not heard from' })).toBeVisible();
  await expect(findingDetail).toContainText(storeName);
  await findingDetail.getByRole('link', { name: `${cameraName} in Inventory` }).click();
  await expect(page).toHaveURL(/#inventory\/camera\//);
  await expect(page.getByTestId('device-detail').getByRole('heading', { name: cameraName })).toBeVisible();
  await expect(page.getByLabel('Search inventory')).toHaveValue('');

  // Find its store by typing, and see its devices.
  await page.getByRole('link', { name: 'Stores' }).click();
  const search = page.getByLabel('Search stores');
  for (const ch of storeName.slice(0, 8)) await search.press(ch === ' ' ? 'Space' : ch);
  const storeItem = page.getByRole('treeitem', { name: new RegExp(storeName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).first();
  await storeItem.click();
  const panel = page.getByRole('region', { name: `Store ${storeName}` });
  await expect(panel.getByTestId('store-device').first()).toBeVisible();
  const deviceRow = panel.getByTestId('store-device').filter({ hasText: cameraName }).first();
  await expect(deviceRow).toContainText(/\d+ open alerts?\b/);
  const mac = (await deviceRow.locator('.mono').innerText()).trim();

  // Open the alert it raised, then its inventory record.
  await panel.locator('.it-alert-list button', { hasText: mac }).first().click();
  const alert = page.locator('.it-alert.focused');
  await expect(alert).toContainText(mac);
  await expect(alert).toContainText('critical');
  // The type in words, under column headers; the camera's own "last heard" beside the alert.
  await expect(alert).toContainText('Connection down');
  await expect(page.getByRole('table', { name: 'Alerts' }).getByRole('columnheader', { name: 'Device last heard' })).toBeVisible();
  await expect(alert.getByTestId('alert-last-heard')).toContainText(/ago|never|just now/);

  // Acknowledged from its row (in this console: RetailNext's API has none), still so when the list is read again.
  await alert.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(alert).toContainText('Acknowledged');
  const uuid = (await alert.getAttribute('data-uuid'))!;
  await page.getByRole('link', { name: 'Sync' }).click();
  await page.goto(`${app.url}#alerts/${uuid}`);
  await expect(page.locator(`[data-testid="alert"][data-uuid="${uuid}"]`)).toContainText('Acknowledged');

  // Its device opens in a detail panel: store, channels, alerts, last heard.
  await page.locator(`[data-testid="alert"][data-uuid="${uuid}"]`).getByRole('link', { name: 'Device' }).click();
  await expect(page.getByRole('heading', { name: 'Inventory' })).toBeVisible();
  const detail = page.getByTestId('device-detail');
  await expect(detail).toContainText(mac);
  await expect(detail).toContainText(storeName);
  await expect(detail.getByTestId('device-alerts')).toContainText('Connection down');
  // counted as "1 open" / "1 open of 3", never "1 open of 1"
  await expect(detail.getByRole('heading', { name: /^Alerts \(/ })).toHaveText(/^Alerts \(\d+ open( of \d+)?\)$/);
  await expect(detail.getByRole('heading', { name: /^Alerts \(/ })).not.toHaveText(/\b(\d+) open of \1\)/);
  await expect(detail.getByTestId('device-last-heard')).not.toBeEmpty();
  await expect(page.locator('[data-testid="inventory-row"][data-selected="true"]')).toContainText(mac);
  await detail.getByRole('button', { name: 'Close the device detail' }).click();
  await expect(detail).toHaveCount(0);

  // The store's whole inventory, exported as CSV: the file has the rows shown.
  // The store chosen in the tree still scopes the inventory.
  await page.getByLabel('Search inventory').fill('');
  await expect(page.getByText(`Scope: ${storeName}`)).toBeVisible();
  // The count is rewritten while the list reloads: wait for a number before reading it.
  await expect(page.getByTestId('inventory-count')).toHaveText(/^\d+ of/);
  const shown = Number(/^(\d+) of/.exec(await page.getByTestId('inventory-count').innerText())![1]);
  expect(shown).toBeGreaterThan(0);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^inventory-cameras-.*\.csv$/);
  const lines = fs.readFileSync((await download.path())!, 'utf8').trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/^Store,Name,Device type,Vendor,Model,MAC address/);
  expect(lines).toHaveLength(shown + 1);
  expect(lines.slice(1).every((l) => l.startsWith(storeName.includes(',') ? `"${storeName}"` : storeName))).toBe(true);
  expect(lines.some((l) => l.includes(mac))).toBe(true);

  // The audit is scoped to the same store, and offers the way back to every store there too.
  await page.getByRole('link', { name: 'Audit' }).click();
  const auditScope = page.getByText(/^Scope:/);
  await expect(auditScope).toHaveText(`Scope: ${storeName} All stores`);
  const findingsShown = async () => Number(/^([\d,]+) of/.exec(await page.getByText(/^[\d,]+ of [\d,]+ findings?$/).innerText())![1]!.replace(/,/g, ''));
  const inStore = await findingsShown();
  await auditScope.getByRole('button', { name: 'All stores' }).click();
  await expect(auditScope).toHaveText('Scope: All stores');
  await expect.poll(findingsShown).toBeGreaterThan(inStore);
});
