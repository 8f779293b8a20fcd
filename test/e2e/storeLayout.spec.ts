import fs from 'node:fs';
import type { Page } from '@playwright/test';
import type { ConnectionView } from '../../src/shared/connections/types';
import type { SyncRunView } from '../../src/shared/sync/types';
import { callConsole, demoSimulatorUrl, expect, openDemoWorkspace, simulatorFault, test, type ConsoleApp } from './fixtures';

const shots = '.tmp/screenshots';

/** The Demo workspace with its RetailNext locations in the cache (what the store layout reads). */
async function demoWithLocations(page: Page, app: ConsoleApp): Promise<ConnectionView> {
  await openDemoWorkspace(page, app);
  const rn = (await callConsole<ConnectionView[]>(page, app, 'connections.list', {})).find((c) => c.vendor === 'retailnext')!;
  const { runIds } = await callConsole<{ runIds: number[] }>(page, app, 'sync.start', { connectionId: rn.id, datasets: ['locations'] });
  await expect
    .poll(async () => (await callConsole<SyncRunView[]>(page, app, 'sync.runs', { connectionId: rn.id })).find((r) => r.id === runIds[0])?.status, { timeout: 45_000 })
    .toBe('ok');
  return rn;
}

async function screenshots(page: Page, name: string): Promise<void> {
  fs.mkdirSync(shots, { recursive: true });
  for (const [w, h] of [[1440, 900], [1024, 700]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(300); // the canvas redraws on resize
    await page.screenshot({ path: `${shots}/${name}-${w}x${h}.png` });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

async function openStore(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name: 'Stores' }).click();
  await page.getByLabel('Search stores').fill(name);
  await page.getByRole('treeitem', { name: new RegExp(name) }).first().click();
  await page.getByRole('region', { name: `Store ${name}` }).getByRole('link', { name: 'Floorplan and zone flows' }).click();
}

test('floorplan: a store\'s floors drawn to scale with their zones; hover and select; bad outlines noted; opens offline', async ({ page, app }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await demoWithLocations(page, app);
  await openStore(page, 'San Jose Store');

  await expect(page.getByRole('heading', { name: 'Floorplan: San Jose Store' })).toBeVisible();
  const canvas = page.getByTestId('floorplan-canvas');
  await expect(canvas).toBeVisible();
  const tabs = page.getByRole('tab');
  expect(await tabs.count()).toBeGreaterThanOrEqual(2);
  const zones = Number(await canvas.getAttribute('data-zones'));
  expect(zones).toBeGreaterThanOrEqual(18);
  await expect(page.getByTestId('floorplan-zone')).toHaveCount(zones);
  // the canvas has pixels of zones on it, not a blank box
  const inked = await canvas.evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4 * 16) if (d[i]! < 235) n++;
    return n;
  });
  expect(inked).toBeGreaterThan(500);

  // move across the plan: over a zone, its name in a tooltip (aisles between zones have none)
  const box = (await canvas.boundingBox())!;
  let named = '';
  for (let i = 0; i < 120 && !named; i++) {
    await page.mouse.move(box.x + (box.width * ((i % 30) + 1)) / 31, box.y + box.height * (0.3 + 0.1 * Math.floor(i / 30)));
    const tip = page.getByRole('tooltip');
    if (await tip.isVisible()) named = await tip.locator('strong').innerText();
  }
  expect(named).not.toBe('');
  await expect(page.getByTestId('floorplan-zone').filter({ hasText: named }).first()).toHaveClass(/hovered/);
  await page.getByTestId('floorplan-zone').filter({ hasText: 'Checkout' }).click();
  await expect(page.getByRole('region', { name: 'Zone Checkout' })).toContainText('m²');
  await screenshots(page, 'floorplan');

  // another floor
  await tabs.nth(1).click();
  await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('floorplan-zone').filter({ hasText: 'Escalator' })).toHaveCount(1);

  // a mezzanine drawn badly in the vendor's tool: listed with notes, never a blank page
  await openStore(page, 'Stanford Shopping Center');
  await page.getByRole('tab', { name: /Mezzanine/ }).click();
  await expect(page.getByLabel('Notes on this floorplan')).toContainText('1 of 4 zones cannot be drawn');
  await expect(page.getByTestId('floorplan-zone').filter({ hasText: 'Terrace Door' })).toContainText('Only 2 points');
  await expect(page.getByTestId('floorplan-zone').filter({ hasText: 'Seating' })).toContainText('crosses itself');
  await expect(page.getByTestId('floorplan-canvas')).toHaveAttribute('data-zones', '3');
  await screenshots(page, 'floorplan-notes');

  // RetailNext unreachable: the cached floorplan still opens, and fetching again says why not
  const sim = await demoSimulatorUrl(app);
  await simulatorFault(sim, { vendor: 'retailnext', kind: 'status5xx', status: 503 });
  try {
    await page.reload();
    await expect(page.getByTestId('floorplan-canvas')).toBeVisible();
    await expect(page.getByTestId('data-age')).toContainText('fetched');
    await page.getByRole('button', { name: 'Fetch again' }).click();
    await expect(page.getByRole('alert')).toContainText('Not fetched again');
    await expect(page.getByTestId('floorplan-canvas')).toBeVisible();
  } finally {
    await simulatorFault(sim, null);
  }
});

test('zone measures colour the plan with a legend; zone flows as a matrix whose totals equal the API\'s, top flows and arrows; CSV; cached for offline', async ({ page, app }) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const rn = await demoWithLocations(page, app);
  await openStore(page, 'San Jose Store');
  const canvas = page.getByTestId('floorplan-canvas');
  await expect(canvas).toBeVisible();
  const zones = Number(await canvas.getAttribute('data-zones'));

  // measures: the plan coloured by visitors into each zone, the legend says what and when, with the scale
  await page.getByRole('radio', { name: 'Measures' }).click();
  const legend = page.getByTestId('measure-legend');
  await expect(legend).toContainText('Visitors into each zone', { timeout: 30_000 });
  const from = await page.getByLabel('From', { exact: true }).inputValue();
  const to = await page.getByLabel('To', { exact: true }).inputValue();
  expect(to >= from).toBe(true);
  await expect(legend).toContainText('store hours (America/Los_Angeles)');
  await expect(legend).toContainText('fetched');
  await expect(page.getByLabel(/Colour scale from 0 to [\d,]+/)).toBeVisible();
  // every zone has its figure in the list, and the list sorts by it
  const list = page.getByRole('table', { name: 'Zones' });
  await list.getByRole('button', { name: /Visitors/ }).click();
  const figures = (await page.getByTestId('floorplan-zone').locator('td.num').allInnerTexts()).filter((_, i) => i % 2 === 1).map((t) => Number(t.replace(/,/g, '')));
  expect(figures).toHaveLength(zones);
  expect(figures.every((v) => v > 0)).toBe(true);
  expect(figures).toEqual([...figures].sort((a, b) => b - a));
  // the plan has more than one colour on it: zones coloured by their figure, not one flat fill
  const colours = await canvas.evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<string>();
    for (let i = 0; i < d.length; i += 4 * 97) if (d[i]! < 235) seen.add(`${d[i]! >> 3},${d[i + 1]! >> 3},${d[i + 2]! >> 3}`);
    return seen.size;
  });
  expect(colours).toBeGreaterThan(8);
  await screenshots(page, 'floorplan-measures');
  await page.getByLabel('Colour by').selectOption('average_dwell_time');
  await expect(legend).toContainText('Average dwell in each zone');
  await expect(page.getByLabel(/Colour scale from 0 to \d+ (s|min)/)).toBeVisible();

  // flows: matrix of every zone, its total equal to the vendor's own answer
  await page.getByRole('radio', { name: 'Flows' }).click();
  const matrix = page.getByTestId('transition-matrix');
  await expect(matrix).toBeVisible({ timeout: 30_000 });
  await expect(matrix).toHaveAttribute('data-zones', String(zones));
  const plans = await callConsole<{ floorplans: Array<{ id: string; zones: Array<{ locationId: string }> }> }>(page, app, 'storeLayout.floorplans', { storeUuid: 'dace69f6-b307-11e9-819d-0000698cf233' });
  const sim = await demoSimulatorUrl(app);
  const api = (await (
    await fetch(`${sim}/retailnext/demo/v1/zone_transitions`, {
      method: 'POST',
      headers: { Authorization: 'Basic ' + Buffer.from('DEMO-ACCESS-KEY:demo-secret-key').toString('base64'), 'Content-Type': 'application/json' },
      body: JSON.stringify({ locations: plans.floorplans[0]!.zones.map((z) => z.locationId), date_ranges: [{ start: from, finish: to }], metrics: ['all'], transitions: 'direct_only', dwells: 'dwells_only', time_ranges: [{ type: 'store_hours' }] }),
    })
  ).json()) as { metrics: Array<{ data: Array<{ transitions: Array<{ value: number }> }> }> };
  const apiTotal = api.metrics[0]!.data[0]!.transitions.reduce((s, t) => s + t.value, 0);
  expect(apiTotal).toBeGreaterThan(0);
  await expect(page.getByTestId('transitions-total')).toHaveText(apiTotal.toLocaleString('en-US'));
  await expect(page.getByTestId('top-flow')).toHaveCount(10);
  await expect(page.getByText(/the 15 largest flows between zones, width by count/)).toBeVisible();
  // arrows on the plan: the flows mode draws in the arrows' orange
  const orange = await canvas.evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4 * 7) if (d[i]! > 200 && d[i + 1]! < 140 && d[i + 2]! < 100) n++;
    return n;
  });
  expect(orange).toBeGreaterThan(200);
  // hover a cell: from, to and its count
  await matrix.scrollIntoViewIfNeeded();
  const mbox = (await matrix.boundingBox())!;
  await page.mouse.move(mbox.x + mbox.width * 0.4, mbox.y + Math.min(mbox.height * 0.4, 300));
  await expect(page.getByRole('tooltip')).toContainText('→');
  // sortable: by name, the CSV follows the order shown and ends with the totals
  await page.getByLabel('Order by').selectOption('name');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = fs.readFileSync((await (await download).path())!, 'utf8').split('\r\n');
  expect(csv[0]).toMatch(/^from \\ to,/);
  const names = csv[0]!.split(',').slice(1, -1);
  expect(names).toHaveLength(zones);
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' })));
  expect(csv[zones + 1]!.split(',').at(-1)).toBe(String(apiTotal));
  await page.mouse.move(0, 0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshots(page, 'floorplan-flows');
  await page.getByTestId('transition-matrix').scrollIntoViewIfNeeded();
  await screenshots(page, 'floorplan-matrix');

  // another option is another answer; the first stays cached and opens with RetailNext down
  await page.getByLabel('Who').selectOption('customer');
  await expect(page.getByTestId('transitions-total')).not.toHaveText(apiTotal.toLocaleString('en-US'), { timeout: 30_000 });
  await page.getByLabel('Who').selectOption('all');
  await simulatorFault(sim, { vendor: 'retailnext', kind: 'status5xx', status: 503 });
  try {
    await page.reload();
    await page.getByRole('radio', { name: 'Flows' }).click();
    await expect(page.getByTestId('transitions-total')).toHaveText(apiTotal.toLocaleString('en-US'), { timeout: 30_000 });
    await page.getByRole('radio', { name: 'Measures' }).click();
    await expect(page.getByTestId('measure-legend')).toContainText('Visitors into each zone', { timeout: 30_000 });
  } finally {
    await simulatorFault(sim, null);
  }
  expect(rn.vendor).toBe('retailnext');
});
