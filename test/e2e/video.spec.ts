import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { ConnectionView } from '../../src/shared/connections/types';
import type { ExportJobView, VideoSources } from '../../src/shared/exports/types';
import { demoCredentials } from '../../src/simulator/credentials';
import { callConsole, demoSimulatorUrl as simulatorUrl, expect, openDemoWorkspace, simulatorFault as fault, syncDemo, test } from './fixtures';

/** Mean and spread of brightness of the tile's current frame, drawn into a canvas (not a screenshot). */
function frameStats(page: Page, index: number) {
  return page.evaluate((i) => {
    const video = document.querySelectorAll<HTMLVideoElement>('[data-testid="live-tile"] video')[i]!;
    const canvas = document.createElement('canvas');
    canvas.width = 160;
    canvas.height = 90;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(video, 0, 0, 160, 90);
    const px = ctx.getImageData(0, 0, 160, 90).data;
    const lum: number[] = [];
    for (let p = 0; p < px.length; p += 4) lum.push(0.299 * px[p]! + 0.587 * px[p + 1]! + 0.114 * px[p + 2]!);
    const mean = lum.reduce((a, b) => a + b, 0) / lum.length;
    const spread = Math.sqrt(lum.reduce((a, b) => a + (b - mean) ** 2, 0) / lum.length);
    return { mean, spread, lum, time: video.currentTime };
  }, index);
}

test('live wall: a tile shows moving pixels, a killed stream says "stalled" and recovers, a refused token says "auth failed"', async ({ page, app }) => {
  test.setTimeout(90_000);
  await openDemoWorkspace(page, app);
  const sim = await simulatorUrl(app);
  // Every HTTP request the page makes for media: live video must come over its socket to the core instead.
  const mediaRequests: string[] = [];
  page.on('request', (r) => new URL(r.url()).pathname.startsWith('/media/') && mediaRequests.push(r.url()));
  await page.goto(`${app.url}#live`);
  await page.getByLabel('Layout').selectOption('1');
  await page.getByTestId('camera-tree-store').first().click();
  const tile = page.getByTestId('live-tile').first();
  const state = tile.getByTestId('tile-state');
  await expect(state).toHaveAttribute('data-state', 'playing', { timeout: 20_000 });

  // 'playing' can come before the first decoded frame is painted on a loaded machine: wait for a
  // picture (a flat frame never passes), then check that it moves.
  let a = await frameStats(page, 0);
  await expect.poll(async () => (a = await frameStats(page, 0)).spread, { timeout: 15_000 }).toBeGreaterThan(10);
  await page.waitForTimeout(1500);
  const b = await frameStats(page, 0);
  expect(b.time).toBeGreaterThan(a.time);
  const changed = a.lum.filter((v, i) => Math.abs(v - b.lum[i]!) > 8).length / a.lum.length;
  expect(changed).toBeGreaterThan(0.005); // the picture moves
  // It played with no playlist or segment asked of the server over HTTP: none passed the shell.
  expect(mediaRequests).toEqual([]);

  // kill the encoder: the playlist freezes, hls.js says nothing; the watchdog says "stalled"
  await fault(sim, { id: 'stall', vendor: 'retailnext', endpoint: 'hls.playlist', kind: 'stallLive' });
  await expect(state).toHaveAttribute('data-state', 'stalled', { timeout: 25_000 });
  await fault(sim, null);
  await expect(state).toHaveAttribute('data-state', 'playing', { timeout: 30_000 });

  // the vendor keeps refusing the token: one fresh token in the core, then the tile says so
  await fault(sim, { id: 'refuse', vendor: 'retailnext', endpoint: 'hls.playlist', kind: 'status5xx', status: 401 });
  await tile.getByRole('button', { name: 'Reload' }).click({ force: true });
  await expect(state).toHaveAttribute('data-state', 'auth failed', { timeout: 15_000 });
  await fault(sim, null);
});

test('live wall: camera tree → add → plays; pages past the grid stop the hidden tiles; the wall is kept across a view switch and a reload; a named wall reopens after a reload', async ({ page, app }) => {
  test.setTimeout(90_000);
  await openDemoWorkspace(page, app);
  await page.goto(`${app.url}#live`);
  await page.getByLabel('Layout').selectOption('4');
  // search the tree, open a store's cameras with the keyboard, add one camera with Enter
  const store = page.getByTestId('camera-tree-store').first();
  const storeName = (await store.getAttribute('aria-label'))!;
  await page.getByLabel('Search cameras').fill(storeName);
  await page.getByTestId('camera-tree-store').first().focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const tiles = page.getByTestId('live-tile');
  await expect(tiles).toHaveCount(1);
  await expect(tiles.first().getByTestId('tile-name')).toHaveText(new RegExp(`^${storeName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · `));
  await expect(tiles.first().getByTestId('tile-state')).toHaveAttribute('data-state', 'playing', { timeout: 30_000 });

  // the whole store, then a second one: past 4 tiles the wall has pages
  await page.getByLabel('Search cameras').fill('');
  await page.getByTestId('camera-tree-store').nth(0).click();
  await page.getByTestId('camera-tree-store').nth(1).click();
  const onWall = await page.evaluate(() => (JSON.parse(localStorage.getItem('roc.view.live')!) as { state: { cameras: unknown[] } }).state.cameras.length);
  expect(onWall).toBeGreaterThan(8);
  const pages = Math.ceil(onWall / 4);
  await expect(page.getByTestId('live-page')).toHaveText(`Page 1 of ${pages}`);
  await expect(page.getByTestId('live-notice')).toContainText('go to the next page');
  await expect(tiles).toHaveCount(4);
  const firstPage = await tiles.evaluateAll((ts) => ts.map((t) => t.getAttribute('data-channel')));
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page.getByTestId('live-page')).toHaveText(`Page 2 of ${pages}`);
  await expect(tiles).toHaveCount(4);
  // only the page shown has players: the page before has no video element left
  expect(await page.locator('video').count()).toBe(4);
  const secondPage = await tiles.evaluateAll((ts) => ts.map((t) => t.getAttribute('data-channel')));
  expect(secondPage.filter((c) => firstPage.includes(c))).toEqual([]);
  await expect(tiles.first().getByTestId('tile-state')).toHaveAttribute('data-state', 'playing', { timeout: 30_000 });

  // another view and back: the same wall, the same page
  await page.goto(`${app.url}#stores`);
  await page.goto(`${app.url}#live`);
  await expect(page.getByTestId('live-page')).toHaveText(`Page 2 of ${pages}`);
  expect(await tiles.evaluateAll((ts) => ts.map((t) => t.getAttribute('data-channel')))).toEqual(secondPage);

  // a reload: still there, and playing again
  await page.reload();
  await expect(page.getByTestId('live-page')).toHaveText(`Page 2 of ${pages}`, { timeout: 15_000 });
  expect(await tiles.evaluateAll((ts) => ts.map((t) => t.getAttribute('data-channel')))).toEqual(secondPage);
  await expect(tiles.first().getByTestId('tile-state')).toHaveAttribute('data-state', 'playing', { timeout: 30_000 });

  // a named wall: saved, the wall cleared, a reload, opened again from the list
  await page.getByLabel('Wall name').fill('Night shift');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('saved-wall')).toHaveCount(1);
  await page.getByRole('button', { name: 'Clear wall' }).click();
  await expect(tiles).toHaveCount(0);
  await page.reload();
  await page.getByRole('button', { name: 'Open the saved wall Night shift' }).click();
  await expect(page.getByTestId('live-page')).toHaveText(`Page 1 of ${pages}`);
  await expect(page.getByTestId('live-playing')).toHaveText(new RegExp(`^Wall "Night shift" · Playing: .* · ${onWall} cameras on the wall$`));
  await expect(tiles).toHaveCount(4);
  expect(await tiles.evaluateAll((ts) => ts.map((t) => t.getAttribute('data-channel')))).toEqual(firstPage);
  await expect(tiles.first().getByTestId('tile-state')).toHaveAttribute('data-state', 'playing', { timeout: 30_000 });
});

test('offline: the live wall\'s camera tree and the export form list the cameras of the last sync and say how old they are; RetailNext is asked again once online', async ({ page, app }) => {
  test.setTimeout(90_000);
  await openDemoWorkspace(page, app);
  const sim = await simulatorUrl(app);
  const runs = await syncDemo(page, app, { retailnext: ['locations', 'inventory'] });
  expect(runs.map((r) => r.status)).toEqual(['ok', 'ok']);
  const rn = (await callConsole<ConnectionView[]>(page, app, 'connections.list', {})).find((c) => c.vendor === 'retailnext')!;
  const cached = (await callConsole<VideoSources>(page, app, 'inventory.videoSources', { connectionId: rn.id })).stores.filter((s) => s.appliances.some((a) => a.channels.length > 0));
  expect(cached.length).toBeGreaterThan(1);

  // RetailNext goes away before the Live view ever asked it for cameras: every request drops.
  await fault(sim, { id: 'down', vendor: '*', kind: 'resetMidBody', bytes: 0 });
  await page.goto(`${app.url}#live`);
  const tree = page.getByRole('tree', { name: 'Cameras' });
  await expect(tree.getByTestId('camera-tree-store')).toHaveCount(cached.length);
  await expect(tree.getByRole('treeitem', { name: cached[0]!.name, exact: true })).toBeVisible();
  await expect(page.getByText(`${cached.length} stores with cameras`)).toBeVisible();
  const age = page.getByTestId('camera-list-age');
  await expect(age).toContainText('Camera list from the last sync, just now');
  await expect(age).toContainText('Not refreshed:');
  await expect(page.getByRole('alert')).toHaveCount(0);
  // A store's cameras open from the cache too.
  await tree.getByRole('treeitem', { name: cached[0]!.name, exact: true }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(tree.getByTestId('camera-tree-camera').first()).toBeVisible();

  // The export form lists the same cached stores and cameras, with the list's age.
  await page.goto(`${app.url}#exports`);
  const form = page.getByRole('form', { name: 'New export' });
  await expect(form.getByLabel('Store').locator('option')).toHaveCount(cached.length);
  await expect(page.getByTestId('cameras-legend')).toHaveText(/^Cameras to export: 0 of [1-9]\d* chosen$/);
  await expect(form.getByTestId('camera-list-age')).toContainText('Camera list from the last sync, just now');
  await expect(form.getByTestId('camera-list-age')).toContainText('Not refreshed:');

  // Back online: the view asks RetailNext and says so.
  await fault(sim, null);
  await page.goto(`${app.url}#live`);
  await page.reload();
  await expect(age).toContainText('Camera list read from RetailNext just now');
  await expect(age).not.toContainText('Not refreshed');
  await expect(tree.getByTestId('camera-tree-store')).toHaveCount(cached.length);
  await page.goto(`${app.url}#exports`);
  await expect(form.getByTestId('camera-list-age')).toContainText('Camera list read from RetailNext just now');
  await expect(form.getByTestId('camera-list-age')).not.toContainText('Not refreshed');
});

test('live wall: "Export last N min" previews the export of that camera\'s last N minutes, starts it once confirmed, and the Change log keeps it', async ({ page, app }) => {
  test.setTimeout(90_000);
  await openDemoWorkspace(page, app);
  await page.goto(`${app.url}#live`);
  await page.getByLabel('Layout').selectOption('1');
  const store = page.getByTestId('camera-tree-store').first();
  const storeName = (await store.getAttribute('aria-label')) ?? (await store.innerText()).split('\n')[0]!.trim();
  await store.click();
  const tile = page.getByTestId('live-tile').first();
  const tileName = (await tile.getByTestId('tile-name').innerText()).trim(); // "store · camera"
  expect(tileName.startsWith(`${storeName} · `)).toBe(true);
  const cameraName = tileName.slice(storeName.length + 3);
  await page.getByLabel('Export last').fill('2');
  await tile.getByRole('button', { name: 'Export last 2 min' }).click({ force: true });

  // a write to RetailNext: previewed in words (store, camera, the last 2 minutes in store time), nothing sent yet
  const start = page.getByRole('dialog', { name: 'Start this export at RetailNext?' });
  await expect(start.locator('dt')).toHaveText(['Store', 'Camera', 'Time range', 'Format', 'Saved into']);
  await expect(start.locator('dd').nth(0)).toHaveText(storeName);
  await expect(start.locator('dd').nth(1)).toHaveText(cameraName);
  const range = (await start.locator('dd').nth(2).innerText()).trim();
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}):(\d{2})–(\d{2}):(\d{2}):(\d{2}) \(store time, [\w/+-]+\)$/.exec(range);
  expect(m, range).not.toBeNull();
  const seconds = (h: string, mi: string, se: string) => Number(h) * 3600 + Number(mi) * 60 + Number(se);
  expect((seconds(m![5]!, m![6]!, m![7]!) - seconds(m![2]!, m![3]!, m![4]!) + 86_400) % 86_400).toBe(120);
  expect(await callConsole<unknown[]>(page, app, 'exports.list', {})).toEqual([]);
  for (const size of [{ width: 1440, height: 900 }, { width: 1024, height: 700 }]) {
    await page.setViewportSize(size);
    await start.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join('test-results', 'screens', `live-export-confirm-${size.width}x${size.height}.png`) });
  }
  const summary = (await start.locator('.export-confirm-summary strong').textContent())!.trim();
  expect(summary).toBe(`${storeName} · ${cameraName}, ${range.replace(/ \(store time, .*\)$/, '')}`);

  // confirmed once: sent once, one export in the list, the button gone
  await start.getByRole('button', { name: 'Confirm and start' }).click();
  await expect(start.getByTestId('export-write-outcome')).toContainText('Kept in the Change log');
  await expect(start.getByRole('button', { name: 'Confirm and start' })).toHaveCount(0);
  const jobs = await callConsole<ExportJobView[]>(page, app, 'exports.list', {});
  expect(jobs).toHaveLength(1);
  expect(Date.parse(jobs[0]!.request.end) - Date.parse(jobs[0]!.request.start)).toBe(120_000);
  expect(jobs[0]!.request.channels.map((c) => c.name)).toEqual([cameraName]);
  await start.getByRole('button', { name: 'Close' }).click();
  await expect(start).toHaveCount(0);

  await page.goto(`${app.url}#changes`);
  const started = page.getByRole('table', { name: 'Change log' }).getByTestId('change').filter({ hasText: 'Export started' });
  await expect(started).toHaveCount(1);
  await expect(started.filter({ hasText: summary })).toHaveAttribute('data-status', 'done');

  // the file lands where the export's folder says (a machine with a Downloads folder keeps nothing of the test)
  await expect.poll(async () => (await callConsole<ExportJobView[]>(page, app, 'exports.list', {}))[0]!.state, { timeout: 45_000 }).toBe('done');
  const done = (await callConsole<ExportJobView[]>(page, app, 'exports.list', {}))[0]!;
  expect(fs.existsSync(done.filePath!)).toBe(true);
  if (!done.filePath!.startsWith(app.dataDir)) fs.rmSync(done.filePath!, { force: true });
});

test('export: an interrupted download resumes byte-identical; the hash matches the sidecar; a changed file fails Verify', async ({ page, app }) => {
  test.setTimeout(90_000);
  await openDemoWorkspace(page, app);
  const sim = await simulatorUrl(app);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'roc-e2e-exports-'));
  try {
    await page.goto(`${app.url}#exports`);
    const form = page.getByRole('form', { name: 'New export' });
    await expect(page.getByTestId('cameras-legend')).toHaveText(/^Cameras to export: 0 of [1-9]\d* chosen$/, { timeout: 20_000 });
    const camera = form.locator('fieldset').first().locator('label.check').first();
    const cameraName = (await camera.locator('.export-camera-name').evaluate((e) => e.firstChild?.textContent ?? '')).trim();
    const storeName = (await form.getByLabel('Store').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? '')).trim();
    await camera.getByRole('checkbox').check();
    await expect(page.getByTestId('cameras-legend')).toHaveText(/^Cameras to export: 1 of \d+ chosen$/);
    await form.getByRole('button', { name: 'Last 5 min' }).click();
    await expect(page.getByTestId('utc-range')).toContainText(/UTC: \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/);
    await form.getByLabel('Save into folder').fill(folder);
    // the connection drops after 1 MB of the file, once
    await fault(sim, { id: 'drop', vendor: 'retailnext', endpoint: 'video.export.download', kind: 'resetMidBody', bytes: 1_000_000, count: 1 });
    // a write to RetailNext: previewed (what it creates, in words), then confirmed once
    await form.getByRole('button', { name: 'Preview export…' }).click();
    const start = form.getByRole('dialog', { name: 'Start this export at RetailNext?' });
    await expect(start).toContainText(`${storeName} · ${cameraName}, `);
    await expect(start.locator('dt')).toHaveText(['Store', 'Camera', 'Time range', 'Format', 'Saved into']);
    await expect(start.locator('dd').last()).toHaveText(folder);
    const summary = (await start.locator('.export-confirm-summary strong').textContent())!.trim();
    expect(summary).toMatch(/, \d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?–/);
    expect(await page.getByTestId('export-job').count()).toBe(0); // nothing sent yet
    for (const size of [{ width: 1440, height: 900 }, { width: 1024, height: 700 }]) {
      await page.setViewportSize(size);
      await start.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join('test-results', 'screens', `exports-start-confirm-${size.width}x${size.height}.png`) });
    }
    await start.getByRole('button', { name: 'Confirm and start' }).click();
    await expect(start.getByTestId('export-write-outcome')).toContainText('Kept in the Change log');
    await expect(start.getByRole('button', { name: 'Confirm and start' })).toHaveCount(0);
    await start.getByRole('button', { name: 'Close' }).click();

    const job = page.getByTestId('export-job').first();
    await expect(job).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
    const rules = (await (await fetch(`${sim}/__sim/faults`)).json()) as { rules: unknown[] };
    expect(rules.rules).toEqual([]); // the drop happened

    const file = (await job.getByTestId('evidence').locator('dd').first().textContent())!.trim();
    expect(path.dirname(file)).toBe(folder);
    // "Store - Camera - start in the store's time" (a MAC tail only when the store has two of that name)
    const stem = path.basename(file);
    expect(stem.startsWith(`${storeName} - ${cameraName}`)).toBe(true);
    expect(stem).toMatch(/ - \d{4}-\d{2}-\d{2} \d{2}\.\d{2}\.\d{2}\.mp4$/);
    expect(stem).not.toMatch(/[+:]/);
    const sha = (await job.getByTestId('sha256').textContent())!.trim();
    const bytes = fs.readFileSync(file);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha);
    const sidecar = JSON.parse(fs.readFileSync(`${file}.evidence.json`, 'utf8')) as { sha256: string; size: number };
    expect(sidecar).toMatchObject({ sha256: sha, size: bytes.length });

    // byte-identical to the vendor's file, fetched directly
    const exportId = /export ([0-9a-f-]{36})/.exec((await job.textContent()) ?? '')![1]!;
    const c = demoCredentials.retailnext;
    const auth = 'Basic ' + Buffer.from(`${c.accessKey}:${c.secretKey}`).toString('base64');
    const status = await fetch(`${sim}/retailnext/${c.subscription}/v1/video/export/task/${exportId}`, { headers: { authorization: auth }, redirect: 'manual' });
    const reference = Buffer.from(await (await fetch(new URL(status.headers.get('location')!, sim))).arrayBuffer());
    expect(reference.length).toBeGreaterThan(1_000_000);
    expect(Buffer.compare(bytes, reference)).toBe(0);

    // the clip plays in the export's detail, from the console's own origin, and seeks (HTTP Range)
    await job.getByRole('button', { name: 'Preview' }).click();
    const video = job.getByTestId('export-preview').locator('video');
    await expect(video).toHaveAttribute('src', /^\/media\/clips\/[A-Za-z0-9_-]+\/clip\.mp4$/);
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    const duration = await video.evaluate((v: HTMLVideoElement) => v.duration);
    expect(duration).toBeGreaterThan(60); // "Last 5 min"
    await video.evaluate((v: HTMLVideoElement) => {
      v.muted = true;
      v.currentTime = v.duration / 2;
      return v.play();
    });
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 20_000 }).toBeGreaterThan(duration / 2 + 0.5);
    const src = (await video.getAttribute('src'))!;
    const ranged = await page.evaluate(async (u) => {
      const r = await fetch(u, { headers: { Range: 'bytes=100-199' } });
      return { status: r.status, range: r.headers.get('content-range'), length: (await r.arrayBuffer()).byteLength };
    }, src);
    expect(ranged).toEqual({ status: 206, range: `bytes 100-199/${bytes.length}`, length: 100 });
    const slice = await page.evaluate(async (u) => Array.from(new Uint8Array(await (await fetch(u, { headers: { Range: 'bytes=100-199' } })).arrayBuffer())), src);
    expect(Buffer.compare(Buffer.from(slice), bytes.subarray(100, 200))).toBe(0);
    for (const size of [{ width: 1440, height: 900 }, { width: 1024, height: 700 }]) {
      await page.setViewportSize(size);
      await video.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join('test-results', 'screens', `exports-preview-${size.width}x${size.height}.png`) });
    }
    await job.getByRole('button', { name: 'Close preview' }).click();
    await expect(job.getByTestId('export-preview')).toHaveCount(0);

    await job.getByRole('button', { name: 'Verify' }).click();
    await expect(job.getByTestId('verify-result')).toHaveAttribute('data-matches', 'true');
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.from('tampered'), 0, 8, 4096);
    fs.closeSync(fd);
    await job.getByRole('button', { name: 'Verify' }).click();
    await expect(job.getByTestId('verify-result')).toHaveAttribute('data-matches', 'false');
    await expect(job.getByTestId('verify-result')).toContainText('changed');

    // browser mode cannot open files: it says so and shows the path
    await job.getByRole('button', { name: 'Show in folder' }).click();
    await expect(job.getByTestId('open-result')).toContainText(file);

    // Delete at RetailNext: the last button, apart; a confirmation says what goes and what stays
    const buttons = await job.locator('.export-actions button').allTextContents();
    expect(buttons.at(-1)).toBe('Delete at RetailNext…');
    expect(buttons.indexOf('Verify')).toBeLessThan(buttons.length - 1);
    await job.getByRole('button', { name: 'Delete at RetailNext…' }).click();
    const confirm = job.getByRole('dialog', { name: 'Delete this export at RetailNext?' });
    await expect(confirm).toContainText(`The export task ${exportId} is deleted`);
    await expect(confirm).toContainText('The downloaded file stays');
    await expect(confirm).toContainText(file);
    for (const size of [{ width: 1440, height: 900 }, { width: 1024, height: 700 }]) {
      await page.setViewportSize(size);
      await confirm.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join('test-results', 'screens', `exports-delete-confirm-${size.width}x${size.height}.png`) });
    }
    await confirm.getByRole('button', { name: 'Keep it' }).click();
    await expect(confirm).toHaveCount(0);
    expect((await fetch(`${sim}/retailnext/${c.subscription}/v1/video/export/task/${exportId}`, { headers: { authorization: auth }, redirect: 'manual' })).status).toBe(302);
    await job.getByRole('button', { name: 'Delete at RetailNext…' }).click();
    await confirm.getByRole('button', { name: 'Confirm and delete' }).click();
    await expect(job.getByTestId('deleted-remote')).toContainText('the file on this computer stays');
    await confirm.getByRole('button', { name: 'Close' }).click();
    await expect(job.getByRole('button', { name: 'Delete at RetailNext…' })).toHaveCount(0);
    expect((await fetch(`${sim}/retailnext/${c.subscription}/v1/video/export/task/${exportId}`, { headers: { authorization: auth }, redirect: 'manual' })).status).toBe(404);
    expect(fs.existsSync(file)).toBe(true);
    await expect(job).toHaveAttribute('data-state', 'done');

    // both writes are in the change log, in words, done
    await page.goto(`${app.url}#changes`);
    const rows = page.getByRole('table', { name: 'Change log' }).getByTestId('change');
    await expect(rows.filter({ hasText: 'Export deleted' }).filter({ hasText: summary })).toHaveAttribute('data-status', 'done');
    const started = rows.filter({ hasText: 'Export started' }).filter({ hasText: summary });
    await expect(started).toHaveAttribute('data-status', 'done');
    await expect(started).toContainText(`RetailNext made the export (task ${exportId})`);
    for (const size of [{ width: 1440, height: 900 }, { width: 1024, height: 700 }]) {
      await page.setViewportSize(size);
      await page.screenshot({ path: path.join('test-results', 'screens', `changes-exports-${size.width}x${size.height}.png`) });
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
