import fs from 'node:fs';
import path from 'node:path';
import { demoCredentials } from '../../src/simulator/credentials';
import type { ConnectionView } from '../../src/shared/connections/types';
import type { BoardRefresh } from '../../src/shared/occupancyBoard/types';
import type { SyncRunView } from '../../src/shared/sync/types';
import { callConsole, demoSimulatorUrl, expect, openDemoStoresNow, openDemoWorkspace, test } from './fixtures';

const outDir = path.resolve('test-results', 'screens');

test('occupancy board: a store pushed over its limit is highlighted at the top and notifies once over several refreshes', async ({ page, app, context }) => {
  test.setTimeout(150_000);
  await context.grantPermissions(['notifications']);
  // Count the page's notifications while still showing them (Chromium's own Notification is called through).
  await page.addInitScript(() => {
    const Real = window.Notification;
    const shown: string[] = [];
    (window as unknown as { shownNotifications: string[] }).shownNotifications = shown;
    class Counted extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push(`${title}: ${options?.body ?? ''}`);
      }
    }
    window.Notification = Counted as typeof Notification;
  });
  await openDemoWorkspace(page, app);
  await openDemoStoresNow(app);
  const [rn] = (await callConsole<ConnectionView[]>(page, app, 'connections.list', {})).filter((c) => c.vendor === 'retailnext');
  const { runIds } = await callConsole<{ runIds: number[] }>(page, app, 'sync.start', { connectionId: rn!.id, datasets: ['locations'] });
  await expect
    .poll(async () => (await callConsole<SyncRunView[]>(page, app, 'sync.runs', { connectionId: rn!.id })).find((r) => r.id === runIds[0])?.status, { timeout: 60_000 })
    .toBe('ok');

  await page.getByRole('link', { name: 'Occupancy board' }).click();
  await expect(page.getByTestId('board-row').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('board-status')).toContainText(/Read at .* stores with a limit/);
  await expect(page.getByText(/Refreshed every minute while this board is shown/)).toBeVisible();

  // The Demo runs on the real clock; openDemoStoresNow made three of its stores open at this hour.
  const board = await callConsole<BoardRefresh>(page, app, 'occupancyBoard.refresh', {});
  const target = board.readings.find((r) => r.occupancy !== null && r.limit !== null && r.limit >= 20 && r.occupancy < r.limit * 0.5);
  expect(target, 'an open store under half its limit').toBeDefined();
  const sim = await demoSimulatorUrl(app);
  const c = demoCredentials.retailnext;
  // Five times its limit: a Demo store with a limit of 10 can stand at 160% by itself, and the pushed store must top the board.
  const res = await fetch(`${sim}/retailnext/${c.subscription}/v1/occupancy/adjust`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${c.accessKey}:${c.secretKey}`).toString('base64')}` },
    body: JSON.stringify({ store_uuid: target!.storeUuid, adjustment_count: target!.limit! * 5 }),
  });
  expect(res.status, await res.text()).toBe(200);

  const refresh = page.getByRole('button', { name: 'Refresh now' });
  for (let i = 0; i < 3; i++) {
    await expect(refresh).toBeEnabled({ timeout: 30_000 });
    await refresh.click();
    await expect(refresh).toBeEnabled({ timeout: 30_000 });
  }
  const top = page.getByTestId('board-row').first();
  await expect(top).toContainText(target!.name);
  await expect(top).toHaveClass(/board-over/);
  await expect(page.getByTestId('board-passed')).toContainText(`${target!.name} passed its limit`);
  // Once per store over the refreshes (a Demo store with a small limit may pass it by itself too: it is listed once as well).
  const passedNames = (await page.getByTestId('board-passed').locator('li').allTextContents()).map((t) => /: (.*) passed its limit/.exec(t)?.[1]);
  expect(passedNames.filter((n) => n === target!.name)).toHaveLength(1);
  expect(new Set(passedNames).size).toBe(passedNames.length);
  const shown = await page.evaluate(() => (window as unknown as { shownNotifications: string[] }).shownNotifications);
  const aboutTarget = shown.filter((s) => s.includes(target!.name));
  expect(aboutTarget).toHaveLength(1);
  expect(aboutTarget[0]!.startsWith(`Store over its occupancy limit: ${target!.name}: `)).toBe(true);
  expect(aboutTarget[0]!.endsWith(` people, limit ${target!.limit}`)).toBe(true);
  // the link to the occupancy correction of that store
  await expect(top.getByRole('link', { name: 'Correct occupancy' })).toHaveAttribute('href', `#occupancy/${target!.storeUuid}`);

  fs.mkdirSync(outDir, { recursive: true });
  for (const [w, h] of [[1440, 900], [1024, 700]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(outDir, `board-over-limit-${w}x${h}.png`) });
    // Every note on the board is read whole (none clamped), at the small laptop size too.
    const clamped = await page.locator('.board-note').evaluateAll((notes) => notes.filter((n) => n.scrollHeight > n.clientHeight + 1).map((n) => `${n.clientWidth}px: ${n.textContent}`));
    expect(clamped, `notes cut at ${w}x${h}`).toEqual([]);
  }
  // Times read as everywhere in the console: 24-hour, no AM/PM (shared/time/format).
  await expect(page.getByTestId('board-status')).toContainText(/Read at \d{2}:\d{2}:\d{2} · /);
  await expect(page.getByTestId('board-status')).not.toContainText(/\b(AM|PM)\b/);
  await expect(top).toContainText(/store time \d{2}:\d{2}/);
  await expect(top).not.toContainText(/\b(AM|PM)\b/);
});
