import { expect, openDemoWorkspace, syncDemo, test } from './fixtures';

test('each view keeps its state across view switches and reloads: the report and its result, the inventory filter, the store chosen, the last view', async ({ page, app }) => {
  test.setTimeout(300_000);
  await openDemoWorkspace(page, app);
  await syncDemo(page, app, { retailnext: ['locations', 'inventory', 'kpis'] });

  // Reports: a query other than the default, run.
  await page.getByRole('link', { name: 'Reports' }).click();
  await expect(page.getByRole('option', { name: /Madison Ave Store/ })).toBeAttached();
  await page.getByLabel('By').selectOption('week');
  await page.getByLabel('Last year').selectOption('date');
  await page.getByRole('button', { name: 'Run report' }).click();
  const traffic = page.locator('.kpi').filter({ hasText: 'Traffic' }).locator('.kpi-value');
  await expect(traffic).toHaveText(/^\d[\d,]*$/);
  const trafficShown = await traffic.innerText();
  const sources = await page.locator('.report-body > p.small.muted').first().innerText();
  expect(sources).toMatch(/synced/);

  // Away and back: the result is still there, not asked again.
  await page.getByRole('link', { name: 'Stores' }).click();
  await expect(page.getByRole('treeitem').first()).toBeVisible();
  await page.getByRole('link', { name: 'Reports' }).click();
  await expect(page.getByTestId('report')).toBeVisible();
  await expect(traffic).toHaveText(trafficShown);
  await expect(page.getByLabel('By')).toHaveValue('week');
  await expect(page.getByTestId('report-kept')).toHaveCount(0);

  // A reload: the query and the result at once, from before, with the data's age; nothing ran.
  await page.reload();
  await expect(page).toHaveURL(/#reports$/);
  await expect(page.getByTestId('report')).toBeVisible();
  await expect(traffic).toHaveText(trafficShown);
  await expect(page.getByLabel('By')).toHaveValue('week');
  await expect(page.getByLabel('Last year')).toHaveValue('date');
  await expect(page.getByTestId('report-kept')).toContainText('Kept from the run at');
  await expect(page.locator('.report-body > p.small.muted').first()).toContainText('synced');
  // The note, seen at both sizes (test-results/screens/).
  for (const [width, height] of [[1440, 900], [1024, 700]] as const) {
    await page.setViewportSize({ width, height });
    const note = page.getByTestId('report-kept');
    const box = (await note.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    await page.screenshot({ path: `test-results/screens/reports-kept-${width}x${height}.png` });
  }
  // Running it again replaces the kept result and its note.
  await page.getByTestId('report-kept').getByRole('button', { name: 'run it again' }).click();
  await expect(page.getByTestId('report-kept')).toHaveCount(0);
  await expect(traffic).toHaveText(trafficShown);

  // Inventory: a search and a column filter stay across a reload.
  await page.getByRole('link', { name: 'Inventory' }).click();
  const count = page.getByTestId('inventory-count');
  await expect(count).toHaveText(/^\d+ of/);
  await page.getByLabel('Search inventory').fill('entrance');
  await expect(count).toHaveText(/^\d+ of/);
  const filtered = await count.innerText();
  await page.reload();
  await expect(page.getByLabel('Search inventory')).toHaveValue('entrance');
  await expect(count).toHaveText(filtered);

  // Stores: the store chosen, and its panel, come back after a reload.
  await page.getByRole('link', { name: 'Stores' }).click();
  const store = page.getByRole('treeitem', { name: /Madison Ave Store/ }).first();
  await store.click();
  await expect(page.getByRole('region', { name: /^Store Madison Ave Store/ })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('region', { name: /^Store Madison Ave Store/ })).toBeVisible();

  // The console opened without a view in its address goes back to the last one.
  await page.goto(app.url);
  await expect(page).toHaveURL(/#stores$/);
  await expect(page.getByRole('heading', { name: 'Stores', level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: /^Store Madison Ave Store/ })).toBeVisible();
});
