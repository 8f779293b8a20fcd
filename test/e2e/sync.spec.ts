import { demoSimulatorUrl as simulatorUrl, expect, openDemoWorkspace, simulatorFault as fault, test } from './fixtures';

test('Sync view: sync a Demo connection with progress, see rows and history; vendors unreachable: the failure in words, the old data stays, refresh once back', async ({ page, app }) => {
  await openDemoWorkspace(page, app);
  const sim = await simulatorUrl(app);
  await page.getByRole('link', { name: 'Sync' }).click();
  await expect(page.getByRole('heading', { name: 'Sync' })).toBeVisible();

  const flow = page.getByRole('article', { name: 'Sync Demo Flow' });
  const kpis = flow.getByTestId('dataset-kpis');
  await expect(kpis).toContainText('nothing cached');
  await expect(kpis).toContainText('never synced');

  // Slow answers so the progress can be seen.
  await fault(sim, { id: 'slow', vendor: 'flow', kind: 'latency', ms: 400 });
  await flow.getByRole('button', { name: 'Sync' }).click();
  await expect(flow.getByTestId('sync-progress')).toBeVisible();
  await expect(flow.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await expect(flow.getByRole('button', { name: 'Sync' })).toBeVisible({ timeout: 30_000 });
  await fault(sim, null);

  const history = page.getByTestId('sync-history');
  const done = history.getByTestId('sync-run').filter({ hasText: 'Demo Flow' }).first();
  await expect(done).toHaveAttribute('data-status', 'ok');
  await expect(done).toContainText('Hourly KPIs');
  const rows = Number(((await done.getByRole('cell').nth(4).textContent()) ?? '').replace(/,/g, ''));
  expect(rows).toBeGreaterThan(0);
  await expect(kpis).toContainText(/[\d,]+ store-days/);
  await expect(kpis).toContainText('updated just now');
  const held = (await kpis.getByRole('cell').nth(0).textContent()) ?? '';

  // The vendors go away: every connection drops mid-answer.
  await fault(sim, { id: 'down', vendor: '*', kind: 'resetMidBody', bytes: 0 });
  await flow.getByRole('button', { name: 'Sync' }).click();
  const failed = history.getByTestId('sync-run').filter({ hasText: 'Demo Flow' }).first();
  await expect(failed).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
  await expect(failed).toContainText('Failed');
  await expect(failed.locator('.run-error')).toHaveAttribute('data-code', 'offline');
  await expect(failed.locator('.run-error')).toContainText(/Flow/);
  await expect(kpis).toContainText(/Failed: .*Flow/);
  // The previous data stays.
  await expect(kpis.getByRole('cell').nth(0)).toHaveText(held);
  const banner = page.getByTestId('offline-banner');
  await expect(banner).toContainText('Demo Flow cannot be reached');
  // In the flow of the page: it pushes the view down and covers neither its title nor a control.
  for (const target of [page.getByRole('heading', { name: 'Sync' }), flow.getByRole('button', { name: 'Sync' })]) {
    const box = (await target.boundingBox())!;
    const covered = await page.evaluate(([x, y]) => Boolean(document.elementFromPoint(x!, y!)?.closest('[data-testid="offline-banner"]')), [box.x + box.width / 2, box.y + box.height / 2]);
    expect(covered, 'the offline notice covers the page').toBe(false);
  }

  // The network is back: check, then refresh.
  await fault(sim, null);
  await banner.getByRole('button', { name: 'Check again' }).click();
  await banner.getByRole('button', { name: 'Refresh now' }).click();
  await expect(history.getByTestId('sync-run').filter({ hasText: 'Demo Flow' }).first()).toHaveAttribute('data-status', 'ok', { timeout: 30_000 });
  await expect(banner).toHaveCount(0);
});
