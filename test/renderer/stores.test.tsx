import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AlertsView } from '../../src/renderer/src/features/alerts/AlertsView';
import { useAlerts } from '../../src/renderer/src/features/alerts/store';
import { AuditView } from '../../src/renderer/src/features/audit/AuditView';
import { useAudit } from '../../src/renderer/src/features/audit/store';
import { InventoryView } from '../../src/renderer/src/features/inventory/InventoryView';
import { useInventory } from '../../src/renderer/src/features/inventory/store';
import { CountBadges } from '../../src/renderer/src/features/stores/StoreTreeList';
import { StoresView } from '../../src/renderer/src/features/stores/StoresView';
import { useEstate } from '../../src/renderer/src/features/stores/store';
import fs from 'node:fs';
import { createCore, type Core } from '../../src/main/compose';
import { KeytarSecretStore } from '../../src/main/secrets/keytarStore';
import { demoCacheFolder } from '../estate/helpers/demoCache';
import { useCoreForRenderer } from '../support/renderer';

// One real core over a cache filled by a real Demo sync, shared by the views below (no mocks).
let dataDir: string;
let core: Core;
beforeAll(() => {
  dataDir = demoCacheFolder({ flow: [], exteros: ['locations'], retailnext: ['locations', 'store_hours', 'inventory', 'health_alerts'] });
  core = createCore({ dataDir, secrets: new KeytarSecretStore('Retail Ops Console it dom test'), shell: 'browser', version: '0.0.0-test', log: { log: () => undefined } });
  useCoreForRenderer(core);
}, 120_000);
afterAll(async () => {
  await core?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});
afterEach(() => {
  cleanup();
  useEstate.setState({ tree: null, selected: null, panel: null, error: null });
  useInventory.setState({ tables: {}, search: '', filters: {}, sort: null, kind: 'cameras' });
});

describe('IT views', () => {
  it('Stores: search as you type narrows the tree; choosing a store shows its panel and devices', async () => {
    render(<StoresView />);
    await screen.findByRole('treeitem', { name: /Caspar City Plaza/ });
    fireEvent.change(screen.getByLabelText('Search stores'), { target: { value: 'madison' } });
    await waitFor(() => expect(screen.queryByRole('treeitem', { name: /Caspar City Plaza/ })).toBeNull());
    const item = screen.getByRole('treeitem', { name: /Madison Ave Store/ });
    // The match's region stays visible as its ancestor.
    expect(screen.getByRole('treeitem', { name: /East Coast/ })).toBeTruthy();
    await act(async () => fireEvent.click(item));
    const panel = await screen.findByRole('region', { name: 'Store Madison Ave Store' });
    expect(panel.textContent).toContain('America/New_York');
    expect(within(panel).getAllByTestId('store-device').length).toBeGreaterThan(3);
  });

  it('Inventory: search, sort and the column chooser work on the cached cameras', async () => {
    render(<InventoryView />);
    const count = await screen.findByTestId('inventory-count');
    await waitFor(() => expect(count.textContent).toMatch(/^200 of 200 cameras/));
    fireEvent.change(screen.getByLabelText('Search inventory'), { target: { value: 'aurora' } });
    await waitFor(() => expect(count.textContent).not.toMatch(/^200 of/));
    const rows = screen.getAllByTestId('inventory-row');
    expect(rows.every((r) => /aurora/i.test(r.textContent ?? ''))).toBe(true);
    fireEvent.change(screen.getByLabelText('Filter Vendor'), { target: { value: 'nobody-makes-this' } });
    await waitFor(() => expect(count.textContent).toMatch(/^0 of 200/));
    fireEvent.change(screen.getByLabelText('Filter Vendor'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Search inventory'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: /^Name/ }));
    await waitFor(() => expect(screen.getByRole('columnheader', { name: /^Name/ }).getAttribute('aria-sort')).toBe('ascending'));
    const names = screen.getAllByTestId('inventory-row').map((r) => (r.querySelectorAll('[role=cell]')[1]!.textContent ?? '').toLowerCase());
    expect(names).toEqual([...names].sort());
  });

  it('Inventory: the column chooser adds a column, kept for next time', async () => {
    render(<InventoryView />);
    await screen.findAllByTestId('inventory-row');
    expect(screen.queryByRole('columnheader', { name: /Serial number/ })).toBeNull();
    fireEvent.click(within(screen.getByRole('group', { name: 'Columns to show' })).getByLabelText('Serial number'));
    expect(screen.getByRole('columnheader', { name: /Serial number/ })).toBeTruthy();
    expect(JSON.parse(localStorage.getItem('roc.inventory.columns') ?? '{}').cameras).toContain('serial_number');
  });

  it('Audit: a quiet camera is listed with its reason; switching the rule off in the settings removes it', async () => {
    render(<AuditView />);
    fireEvent.change(await screen.findByLabelText('Rule'), { target: { value: 'quiet' } });
    const finding = (await screen.findAllByTestId('finding', {}, { timeout: 10_000 }))[0]!;
    expect(finding.textContent).toMatch(/Not heard from for \d+ days/);
    const rule = screen.getByRole('checkbox', { name: /Device not heard from/ });
    fireEvent.click(rule);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save and re-run the audit' })));
    await waitFor(() => expect(screen.queryAllByTestId('finding')).toHaveLength(0));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Back to defaults' })));
    await waitFor(() => expect(screen.queryAllByTestId('finding').length).toBeGreaterThan(0));
  });

  it('Audit: a finding opens in a detail panel at #audit/<id> (what, device, store, since, what to do, links), reopened by address', async () => {
    window.location.hash = '';
    const { unmount } = render(<AuditView />);
    fireEvent.change(await screen.findByLabelText('Rule'), { target: { value: 'quiet' } });
    const row = (await screen.findAllByTestId('finding', {}, { timeout: 10_000 }))[0]!;
    await act(async () => fireEvent.click(row.querySelector('.it-finding-reason')!));
    expect(decodeURIComponent(window.location.hash)).toMatch(/^#audit\/quiet:camera:/);
    const id = decodeURIComponent(window.location.hash.slice('#audit/'.length));
    const panel = await screen.findByTestId('finding-detail');
    expect(within(panel).getByRole('heading', { name: 'Device not heard from' })).toBeTruthy();
    expect(within(panel).getByTestId('finding-reason').textContent).toMatch(/Not heard from for \d+ days/);
    expect(within(panel).getByTestId('finding-since').textContent).toMatch(/^Not heard from since .+ ago\)$/);
    expect(within(panel).getByTestId('finding-advice').textContent).toMatch(/power and network/);
    // The device link opens its detail panel in Inventory, not a search for its MAC.
    const mac = id.split(':').slice(2).join(':');
    const device = within(panel).getByRole('link', { name: /in Inventory$/ });
    expect(device.getAttribute('href')).toBe(`#inventory/camera/${encodeURIComponent(mac)}`);
    // The camera's open alert is linked (its "haven't heard" alert).
    await waitFor(() => expect(within(panel).getAllByRole('link', { name: /^Open alert: / }).length).toBeGreaterThan(0));
    // A reload: the view opens with the address alone, and shows the same finding, its row marked.
    const reason = within(panel).getByTestId('finding-reason').textContent;
    unmount();
    useAudit.setState({ filter: { rules: ['quiet'] } });
    render(<AuditView />);
    const again = await screen.findByTestId('finding-detail', {}, { timeout: 10_000 });
    expect(within(again).getByTestId('finding-reason').textContent).toBe(reason);
    await waitFor(() => expect(screen.getAllByTestId('finding').filter((r) => r.getAttribute('data-selected') === 'true')).toHaveLength(1));
    // A finding that is gone says so in words.
    await act(async () => {
      window.location.hash = '#audit/quiet:camera:no-such-device';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect((await screen.findByTestId('finding-gone')).textContent).toMatch(/not in the audit any more/);
    window.location.hash = '';
  });

  it('Audit: a search that matches nothing says so in a sentence', async () => {
    render(<AuditView />);
    await screen.findAllByTestId('finding', {}, { timeout: 10_000 });
    fireEvent.change(screen.getByLabelText('Search findings'), { target: { value: 'zzqx nothing' } });
    expect((await screen.findByTestId('audit-no-match')).textContent).toBe('No finding matches “zzqx nothing”. Clear the search or the filters.');
    useAudit.setState({ filter: {} });
  });

  it('Alerts: open alerts grouped by store, filters by type, each with its device record when known', async () => {
    render(<AlertsView />);
    const open = Number(core.context.db.prepare('SELECT count(*) AS n FROM cached_health_alerts WHERE resolved = 0').pluck().get());
    const total = Number(core.context.db.prepare('SELECT count(*) AS n FROM cached_health_alerts').pluck().get());
    // The list is virtualised: it holds every open alert, and renders those on its screenful (the Demo's open
    // alerts and their stores' headings outgrow one at some hours of the day).
    await screen.findByText(`${open} of ${total} alerts`);
    expect(screen.getByRole('table', { name: 'Alerts' }).getAttribute('aria-rowcount')).toBe(String(open + 1));
    const alerts = screen.getAllByTestId('alert');
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.length).toBeLessThanOrEqual(open);
    expect(alerts.some((a) => a.classList.contains('resolved'))).toBe(false);
    expect(document.querySelectorAll('.it-group').length).toBeGreaterThan(1);
    await act(async () => fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'appliancedown' } }));
    await waitFor(() => expect(screen.queryAllByTestId('alert').every((a) => /appliance/i.test(a.textContent ?? ''))).toBe(true));
    useAlerts.setState({ filter: { status: 'open' } });
  });
});

describe('count badges', () => {
  it('say "1 alert" and "1 finding", "2 alerts" and "2 findings"', () => {
    const { container, rerender } = render(<CountBadges counts={{ devices: 3, openAlerts: 1, findings: 1 }} />);
    expect(container.textContent).toBe('3 dev1 alert1 finding');
    rerender(<CountBadges counts={{ devices: 0, openAlerts: 2, findings: 2 }} />);
    expect(container.textContent).toBe('2 alerts2 findings');
  });
});
