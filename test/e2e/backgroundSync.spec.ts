import { expect, startConsole, test } from './fixtures';

test('background sync: the Demo workspace syncs itself when started, the Sync view shows each next run, the schedule is edited and kept', async ({ page }) => {
  test.setTimeout(180_000);
  const { app, stop } = await startConsole({ backgroundSync: true });
  try {
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Try the Demo workspace' }).click();
    await expect(page.getByTestId('connection')).toHaveCount(3);
    await page.getByRole('link', { name: 'Sync' }).click();

    // Nobody presses Sync: every dataset of every Demo connection fills by itself.
    const rn = page.getByRole('article', { name: 'Sync Demo RetailNext' });
    for (const name of ['Sync Demo RetailNext', 'Sync Demo Flow', 'Sync Demo Exteros']) {
      await expect(page.getByRole('article', { name }).getByText('never synced')).toHaveCount(0, { timeout: 120_000 });
    }
    const history = page.getByTestId('sync-history');
    await expect(history.getByTestId('sync-run').filter({ hasText: 'Demo RetailNext' }).first()).toHaveAttribute('data-status', 'ok');
    await expect(history.getByText('background').first()).toBeVisible();

    // Each dataset says when it runs next, by its own schedule.
    await expect(rn.getByTestId('dataset-inventory').getByTestId('next-run')).toHaveText(/^in 1[4-7] min$/, { timeout: 60_000 });
    await expect(rn.getByTestId('dataset-kpis').getByTestId('next-run')).toHaveText(/^in (\d+ min|1 h( \d+ min)?)$/);
    await expect(rn.getByTestId('dataset-users').getByTestId('next-run')).toHaveText(/^(in \d+ h( \d+ min)?|in \d+ min|today \d\d:\d\d.*|tomorrow \d\d:\d\d.*)$/);

    // Settings: inventory every 30 minutes, users off; kept across a reload.
    await page.getByText('Background sync', { exact: true }).click();
    await page.getByLabel('Cameras, channels and appliances: minutes between syncs').fill('30');
    await page.getByLabel('Sync Users and profiles in the background').uncheck();
    await page.getByRole('button', { name: 'Save schedule' }).click();
    await expect(rn.getByTestId('dataset-inventory').getByTestId('next-run')).toHaveText(/^in (29|3\d) min$/);
    await expect(rn.getByTestId('dataset-users').getByTestId('next-run')).toHaveText('off');
    await page.reload();
    await page.getByRole('link', { name: 'Sync' }).click();
    await expect(rn.getByTestId('dataset-users').getByTestId('next-run')).toHaveText('off');
    await page.getByText('Background sync', { exact: true }).click();
    await expect(page.getByLabel('Cameras, channels and appliances: minutes between syncs')).toHaveValue('30');
  } finally {
    await stop();
  }
});

test('Sync all: every dataset of every connection at once, by hand, none left out', async ({ page }) => {
  test.setTimeout(120_000);
  // Background sync off from the start: the Demo's own background runs (and the history fill they
  // bring) would rightly leave a connection they hold out of Sync all ("Not started again").
  const { app, stop } = await startConsole();
  try {
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Try the Demo workspace' }).click();
    await expect(page.getByTestId('connection')).toHaveCount(3);
    await page.getByRole('link', { name: 'Sync' }).click();
    const history = page.getByTestId('sync-history');
    await expect(history.getByTestId('sync-run')).toHaveCount(0);
    await page.getByRole('button', { name: 'Sync all' }).click();
    // RetailNext's six datasets, Flow's KPIs, Exteros' locations and KPIs.
    await expect.poll(async () => history.getByTestId('sync-run').count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(9);
    await expect(page.getByText('Not started again')).toHaveCount(0);
    for (const name of ['Sync Demo RetailNext', 'Sync Demo Flow', 'Sync Demo Exteros']) {
      await expect(page.getByRole('article', { name }).getByText('never synced')).toHaveCount(0, { timeout: 60_000 });
    }
  } finally {
    await stop();
  }
});
