import fs from 'node:fs';
import path from 'node:path';
import { addDays, daysBetween } from '../../src/main/vendors/dates';
import { demoSimulatorUrl, expect, openDemoWorkspace, simulatorFault, syncDemo, test } from './fixtures';

test('sync a week of the Demo workspace, open Reports, see a chart drawn and its numbers, export CSV', async ({ page, app }) => {
  test.setTimeout(300_000);
  await openDemoWorkspace(page, app);
  await syncDemo(page, app, { retailnext: ['locations', 'kpis'], exteros: ['locations', 'kpis'], flow: ['kpis'] });

  await page.goto(`${app.url}#reports`);
  await expect(page.getByRole('option', { name: /Madison Ave Store/ })).toBeAttached();
  await page.getByRole('button', { name: 'Run report' }).click();
  const chart = page.getByTestId('report-chart').first();
  await expect(chart).toHaveAttribute('data-drawn', /\d+/);
  const painted = await chart.locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });
  expect(painted).toBeGreaterThan(1000);

  const traffic = page.locator('section.report-section').filter({ hasText: 'Traffic' }).first();
  await traffic.getByRole('button', { name: 'Numbers' }).click();
  const firstDay = traffic.getByTestId('table-traffic').locator('tbody tr').first();
  // RetailNext traffic in of the first day: a real count, not "no data".
  await expect(firstDay.locator('td').nth(1)).toHaveText(/^\d[\d,]*$/);

  // The legend under the chart tells values with no hover (the latest whole day's, saying so), and a hovered day's on hover.
  const legend = traffic.locator('.u-legend');
  const rnIn = legend.locator('tr', { hasText: 'RetailNext in' }).locator('.u-value');
  await expect(legend.locator('tr').first()).toHaveText(/^Period:?\s*[A-Z][a-z]{2} \d{1,2} \(latest whole day\)$/);
  await expect(rnIn).toHaveText(/^\d[\d,]*$/);
  await traffic.locator('.u-over').scrollIntoViewIfNeeded();
  const over = (await traffic.locator('.u-over').boundingBox())!;
  // 7 days, the axis half a day wider either side: the first day is at 1/14 of the width
  await page.mouse.move(over.x + over.width / 14, over.y + over.height / 2);
  const [, month, day] = ((await firstDay.locator('td').first().textContent()) ?? '').split('-');
  const firstLabel = `${new Date(Date.UTC(2000, Number(month) - 1, 1)).toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })} ${Number(day)}`;
  await expect(legend.locator('tr').first()).toHaveText(new RegExp(`^Period:?\\s*${firstLabel}$`));
  await expect(rnIn).toHaveText((await firstDay.locator('td').nth(1).textContent())!);
  await page.mouse.move(0, 0);
  await expect(legend.locator('tr').first()).toContainText('(latest whole day)');

  const [download] = await Promise.all([page.waitForEvent('download'), traffic.getByRole('button', { name: 'CSV' }).click()]);
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('Period,RetailNext in,RetailNext out,Flow in,Flow out,Previous period,Last year,Validity');
  // One row a day of the range shown: the default is each store's last 7 days by its own calendar, so
  // 8 dates while the Demo's stores straddle midnight (at 05:15Z New York is on the next day, Los Angeles not).
  const range = daysBetween(await page.getByRole('textbox', { name: 'From', exact: true }).inputValue(), await page.getByRole('textbox', { name: 'To', exact: true }).inputValue());
  expect([7, 8]).toContain(range.length);
  expect(csv.split('\r\n').filter(Boolean).slice(1).map((row) => row.split(',')[0])).toEqual(range);
});

test('Exteros at 15 minutes for chosen hours, from the cache with the vendors down: the funnel by quarter, its axis readable', async ({ page, app }) => {
  test.setTimeout(300_000);
  await openDemoWorkspace(page, app);
  await syncDemo(page, app, { retailnext: ['locations', 'kpis'], exteros: ['locations', 'kpis'] });
  // Every vendor down from here on: the report reads the cache only.
  const sim = await demoSimulatorUrl(app);
  await simulatorFault(sim, { kind: 'status5xx', status: 503 });

  // Yesterday, in New York (Madison Ave Store's zone), whatever the hour of the run and the season:
  // today by New York's own calendar (EST or EDT), one day back.
  const day = addDays(new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date()), -1);
  await page.goto(`${app.url}#reports`);
  await expect(page.getByRole('option', { name: /Madison Ave Store/ })).toBeAttached();
  const madison = await page.getByRole('option', { name: /Madison Ave Store/ }).getAttribute('value');
  await page.getByLabel('Stores').selectOption(madison!);
  await page.getByLabel('From', { exact: true }).fill(day);
  await page.getByLabel('To', { exact: true }).fill(day);
  await page.getByLabel('By').selectOption('15min');
  await page.getByLabel('Hours from').selectOption('10');
  await page.getByLabel('Hours to').selectOption('14');
  await page.getByRole('button', { name: 'Run report' }).click();

  const funnel = page.locator('section.report-section').filter({ hasText: 'Exteros funnel, 15 minutes' });
  await expect(funnel.getByTestId('report-chart')).toHaveAttribute('data-drawn', /\d+/);
  await expect(page.getByTestId('quarter-note')).toContainText('RetailNext and Flow count by the hour');
  await expect(page.getByText('Only 10:00 to 14:00 of each day.')).toBeVisible();
  // Exteros synced that day: nothing is flagged missing (Flow, not synced here, counts by the hour and is not part of it).
  await expect(page.getByTestId('data-quality')).toContainText('every store of every source has every past day of this range in the cache');
  // Only the funnel is charted at 15 minutes (the hourly vendors' charts are not drawn empty).
  await expect(page.locator('section.report-section').filter({ hasText: 'Sales and conversion' })).toHaveCount(0);
  await funnel.getByRole('button', { name: 'Numbers' }).click();
  const rows = funnel.getByTestId('table-funnel').locator('tbody tr');
  await expect(rows).toHaveCount(16);
  await expect(rows.first().locator('td').first()).toHaveText(`${day} 10:00`);
  await expect(rows.nth(5).locator('td').first()).toHaveText(`${day} 11:15`);
  await expect(rows.last().locator('td').first()).toHaveText(`${day} 13:45`);
  // Madison Ave is open from 10: real counts in its quarters, not "no data".
  await expect(rows.nth(8).locator('td').nth(1)).toHaveText(/^\d[\d,]*$/);

  const canvas = funnel.getByTestId('report-chart').locator('canvas');
  fs.mkdirSync(path.resolve('test-results', 'screens'), { recursive: true });
  for (const [w, h] of [[1440, 900], [1024, 700]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(400);
    // No axis label cut at the chart's edges (ink on the canvas's outer columns or bottom row).
    const cut = await canvas.evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d')!;
      const inked = (x: number, y: number, cw: number, ch: number) => {
        const px = ctx.getImageData(x, y, cw, ch).data;
        for (let i = 3; i < px.length; i += 4) if (px[i]! > 140 && px[i - 1]! + px[i - 2]! + px[i - 3]! < 300) return true;
        return false;
      };
      return { left: inked(0, 0, 1, c.height), right: inked(c.width - 1, 0, 1, c.height), bottom: inked(0, c.height - 1, c.width, 1) };
    });
    expect(cut).toEqual({ left: false, right: false, bottom: false });
    await page.evaluate(() => document.querySelector('main.content')?.scrollTo(0, 0));
    await page.screenshot({ path: path.resolve('test-results', 'screens', `reports-15min-${w}x${h}.png`) });
    await funnel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.resolve('test-results', 'screens', `reports-15min-funnel-${w}x${h}.png`) });
  }
  await simulatorFault(sim, null);
});
