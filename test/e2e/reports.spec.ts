import fs from 'node:fs';
import { expect, openDemoWorkspace, test } from './fixtures';

/** Calls the core over browser mode's WebSocket, as the page's own client does. */
const callInPage = `(async ({ name, input }) => {
  const token = new URLSearchParams(location.search).get('token');
  const ws = new WebSocket('ws://' + location.host + '/api?token=' + encodeURIComponent(token));
  await new Promise((r, j) => { ws.onopen = r; ws.onerror = j; });
  const result = await new Promise((r) => { ws.onmessage = (e) => { const m = JSON.parse(e.data); if (m.id === 1) r(m.result); }; ws.send(JSON.stringify({ id: 1, call: name, input })); });
  ws.close();
  return result;
})`;

test('sync a week of the Demo workspace, open Reports, see a chart drawn and its numbers, export CSV', async ({ page, app }) => {
  test.setTimeout(300_000);
  await openDemoWorkspace(page, app);
  const call = async (name: string, input: unknown) => {
    const r = (await page.evaluate(`${callInPage}(${JSON.stringify({ name, input })})`)) as { ok: boolean; value?: unknown; error?: unknown };
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    return r.value;
  };
  const connections = (await call('connections.list', {})) as Array<{ id: string; vendor: string }>;
  for (const c of connections) await call('sync.start', { connectionId: c.id, datasets: c.vendor === 'retailnext' ? ['locations', 'kpis'] : c.vendor === 'exteros' ? ['locations', 'kpis'] : ['kpis'] });
  await expect.poll(async () => ((await call('sync.status', {})) as { running: unknown[] }).running.length, { timeout: 240_000 }).toBe(0);

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

  const [download] = await Promise.all([page.waitForEvent('download'), traffic.getByRole('button', { name: 'CSV' }).click()]);
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('Period,RetailNext in,RetailNext out,Flow in,Flow out,Previous period,Last year,Validity');
  expect(csv.split('\r\n').filter(Boolean)).toHaveLength(8);
});
