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
