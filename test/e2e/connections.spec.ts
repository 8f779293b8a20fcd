import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';

const secret = 'e2e-secret-4b1d7c0ffee';

test('add a connection, see it listed, reload, still there, remove it; the secret appears nowhere', async ({ page, app }) => {
  page.on('dialog', (d) => void d.accept());
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: 'Connections' })).toBeVisible();

  await page.getByRole('button', { name: 'Add connection' }).click();
  await page.getByLabel('Vendor').selectOption('exteros');
  await page.getByLabel('Name').fill('Exteros HQ');
  await page.getByLabel('API key').fill(secret);
  await page.getByRole('button', { name: 'Save' }).click();

  const item = page.getByTestId('connection').filter({ hasText: 'Exteros HQ' });
  await expect(item).toBeVisible();
  await expect(item).toContainText('secret saved in keychain');

  await page.reload();
  await expect(item).toBeVisible();

  // The secret is in none of: the DOM, web storage, the SQLite cache, the logs.
  expect(await page.content()).not.toContain(secret);
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(storage).not.toContain(secret);
  const db = new Database(path.join(app.dataDir, 'cache.sqlite'), { readonly: true });
  const dump = JSON.stringify(db.prepare('SELECT * FROM connections').all());
  db.close();
  expect(dump).toContain('Exteros HQ');
  expect(dump).not.toContain(secret);
  for (const file of fs.readdirSync(app.dataDir, { recursive: true }) as string[]) {
    const full = path.join(app.dataDir, file);
    if (fs.statSync(full).isFile()) expect(fs.readFileSync(full).toString('latin1'), file).not.toContain(secret);
  }
  expect(app.output()).not.toContain(secret);

  await item.getByRole('button', { name: 'Remove' }).click();
  await expect(item).toHaveCount(0);
  await page.reload();
  await expect(page.getByText('No connections yet')).toBeVisible();
});

test('the Demo workspace in one click: three labelled connections that test green', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Try the Demo workspace' }).click();
  await expect(page.getByTestId('connection')).toHaveCount(3);
  await expect(page.getByRole('note')).toContainText('Demo workspace');
  for (const item of await page.getByTestId('connection').all()) {
    await expect(item).toContainText('Demo data');
    await item.getByRole('button', { name: 'Test connection' }).click();
    await expect(item.getByRole('status')).toContainText('Connected');
  }
});

test('a wrong key says so in words', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Add connection' }).click();
  await page.getByLabel('Vendor').selectOption('exteros');
  await page.getByLabel('Name').fill('Nowhere');
  await page.getByLabel('API key').fill('k');
  await page.getByLabel(/Address override/).fill('http://127.0.0.1:9');
  await page.getByRole('button', { name: 'Save' }).click();
  const item = page.getByTestId('connection').filter({ hasText: 'Nowhere' });
  await item.getByRole('button', { name: 'Test connection' }).click();
  await expect(item.getByRole('alert')).toHaveAttribute('data-code', 'offline');
});

test('browser mode: the tab keeps its token across a reload without ?token=; a tab opened without it says what to open', async ({ page, app, context }) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Try the Demo workspace' }).click();
  await expect(page.getByTestId('connection')).toHaveCount(3);
  const origin = new URL(app.url).origin;
  // The cookie the server set is not the token (every server on 127.0.0.1 receives it).
  const token = new URL(app.url).searchParams.get('token')!;
  for (const c of await context.cookies(origin)) expect(c.value).not.toContain(token);

  await page.goto(`${origin}/`);
  await expect(page.getByTestId('connection')).toHaveCount(3);

  const other = await context.newPage();
  await other.goto(`${origin}/?token=`);
  await expect(other.getByRole('alert').first()).toContainText('Open the address printed by "npm run serve"');
  await other.close();
});
