// The core in this test reaches the simulator with fetch; happy-dom would apply a page's same-origin rules to it.
// @vitest-environment-options {"settings": {"fetch": {"disableSameOriginPolicy": true}}}
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionView } from '../../src/shared/connections/types';
import type { ScheduleSettings } from '../../src/shared/sync/schedule';
import type { SyncStatus } from '../../src/shared/sync/types';
import { useConnections } from '../../src/renderer/src/features/connections/store';
import { OfflineNotice, SyncBadge, SyncView } from '../../src/renderer/src/features/sync';
import { provisionalRange, useSync } from '../../src/renderer/src/features/sync/store';
import { DataAge } from '../../src/renderer/src/ui/DataAge';
import { OfflineBanner } from '../../src/renderer/src/ui/OfflineBanner';
import { useConnectivity } from '../../src/renderer/src/ui/connectivity';
import { startSimulator } from '../../src/simulator';
import { callOk, startTestCore } from '../support/core';
import { useCoreForRenderer } from '../support/renderer';

afterEach(() => {
  cleanup();
  useConnections.setState({ connections: [], loaded: false, loadError: null, tests: {} });
  useSync.setState({ status: null, runs: [], progress: {}, loaded: false, error: null, startErrors: {}, range: provisionalRange(), rangeChosen: false, checking: false });
  useConnectivity.setState({ unreachable: null, browserOffline: false, back: false, hidden: null });
});

function card(name: string): HTMLElement {
  return screen.getByRole('article', { name: `Sync ${name}` });
}

describe('DataAge', () => {
  it('says how old data is, amber once stale, and "never synced" for nothing', () => {
    const threeHours = new Date(Date.now() - 3 * 3_600_000 - 60_000).toISOString();
    const twoDays = new Date(Date.now() - 49 * 3_600_000).toISOString();
    render(
      <>
        <DataAge fetchedAt={threeHours} />
        <DataAge fetchedAt={twoDays} />
        <DataAge fetchedAt={null} />
      </>,
    );
    const [fresh, old, never] = screen.getAllByTestId('data-age');
    expect(fresh!.textContent).toBe('updated 3 h ago');
    expect(fresh!.dataset.stale).toBe('false');
    expect(old!.textContent).toBe('updated 2 days ago');
    expect(old!.className).toContain('stale');
    expect(never!.textContent).toBe('never synced');
  });
});

describe('OfflineBanner', () => {
  it('several connections down for different reasons: names each with its own reason, not only the last one reported', () => {
    const names: Record<string, string> = { rn: 'Demo RetailNext', flow: 'Demo Flow' };
    act(() => {
      useConnectivity.getState().reportFailure('flow', { code: 'offline', message: 'The connection to Flow dropped before the answer was complete.' });
      useConnectivity.getState().reportFailure('rn', { code: 'offline', message: 'RetailNext cannot be reached. Check the network connection and the address (127.0.0.1).' });
    });
    render(<OfflineBanner onRefresh={() => {}} nameOf={(id) => names[id]} />);
    const banner = screen.getByTestId('offline-banner');
    expect(banner.textContent).toContain('2 connections cannot be reached.');
    const lines = within(banner).getAllByRole('listitem').map((li) => li.textContent);
    expect(lines).toEqual(['Demo Flow: The connection to Flow dropped before the answer was complete.', 'Demo RetailNext: RetailNext cannot be reached. Check the network connection and the address (127.0.0.1).']);

    // One back: the other's reason alone, in the one sentence.
    act(() => useConnectivity.getState().reportReachable('rn'));
    expect(within(screen.getByTestId('offline-banner')).queryAllByRole('listitem')).toHaveLength(0);
    expect(screen.getByTestId('offline-banner').textContent).toMatch(/Demo Flow cannot be reached\..*: The connection to Flow dropped before the answer was complete\./);
    expect(screen.getByTestId('offline-banner').textContent).not.toContain('RetailNext');
  });

  it('connections failing for the same cause (the words differ only in the vendor\'s name) share one line naming them; another cause keeps its own', () => {
    const names: Record<string, string> = { rn: 'Demo RetailNext', flow: 'Demo Flow', ex: 'Demo Exteros' };
    const vendors: Record<string, string> = { rn: 'RetailNext', flow: 'Flow', ex: 'Exteros' };
    const dropped = (v: string) => ({ code: 'offline' as const, message: `The connection to ${v} dropped before the answer was complete.` });
    act(() => {
      for (const id of ['rn', 'flow', 'ex']) useConnectivity.getState().reportFailure(id, dropped(vendors[id]!));
    });
    render(<OfflineBanner onRefresh={() => {}} nameOf={(id) => names[id]} vendorOf={(id) => vendors[id]} />);
    // all three alike: one sentence, no list
    expect(within(screen.getByTestId('offline-banner')).queryAllByRole('listitem')).toHaveLength(0);
    expect(screen.getByTestId('offline-banner').textContent).toMatch(
      /^Demo RetailNext, Demo Flow and Demo Exteros cannot be reached\. Views show the data from the cache \(unreachable since .*\): The connection to each of them dropped before the answer was complete\./,
    );

    // Exteros now fails for another cause: two lines, the two alike on one.
    act(() => useConnectivity.getState().reportFailure('ex', { code: 'offline', message: 'Exteros cannot be reached. Check the network connection and the address (127.0.0.1).' }));
    expect(screen.getByTestId('offline-banner').textContent).toContain('3 connections cannot be reached.');
    expect(within(screen.getByTestId('offline-banner')).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Demo RetailNext and Demo Flow: The connection to each of them dropped before the answer was complete.',
      'Demo Exteros: Exteros cannot be reached. Check the network connection and the address (127.0.0.1).',
    ]);

    // Only Exteros left: its one sentence does not say "cannot be reached" twice.
    act(() => {
      useConnectivity.getState().reportReachable('rn');
      useConnectivity.getState().reportReachable('flow');
    });
    expect(screen.getByTestId('offline-banner').textContent).toMatch(/^Demo Exteros cannot be reached\. Views show .*\): Check the network connection and the address \(127\.0\.0\.1\)\./);
  });
});

describe('SyncView on a real core with the Demo workspace', () => {
  it('syncs a connection: progress, then done with row counts, the dataset says what it holds and how old, history shows the run', async () => {
    const core = startTestCore();
    await callOk(core, 'demo.start', {});
    useCoreForRenderer(core);
    render(
      <>
        <SyncBadge />
        <SyncView />
      </>,
    );
    const flow = await screen.findByRole('article', { name: 'Sync Demo Flow' });
    expect(within(flow).getByTestId('dataset-kpis').textContent).toContain('nothing cached');
    expect(within(flow).getByTestId('dataset-kpis').textContent).toContain('never synced');

    await act(async () => fireEvent.click(within(flow).getByRole('button', { name: 'Sync' })));
    // While it runs the card offers Cancel; at the end, Sync again.
    await waitFor(() => expect(screen.getAllByTestId('sync-run').some((r) => r.dataset.status === 'ok')).toBe(true), { timeout: 15_000 });
    const run = screen.getAllByTestId('sync-run').find((r) => r.dataset.status === 'ok')!;
    expect(run.textContent).toContain('Demo Flow');
    expect(run.textContent).toContain('Hourly KPIs');
    // started at, written as every view writes a time (the locale's "12/6/2026, 7:05:59 AM" was not)
    expect(within(run).getAllByRole('cell')[0]!.textContent).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const rows = Number(within(run).getAllByRole('cell')[4]!.textContent!.replace(/,/g, ''));
    expect(rows).toBeGreaterThan(0);
    await waitFor(() => expect(within(card('Demo Flow')).getByTestId('dataset-kpis').textContent).toMatch(/[\d,]+ store-days, \d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}/));
    expect(within(card('Demo Flow')).getByTestId('dataset-kpis').textContent).toContain('updated just now');
    // Sync again once idle: the Demo's own background runs (its history fill, after the Demo's first syncs) may still hold Demo Flow a moment.
    await waitFor(() => expect(within(card('Demo Flow')).getByRole('button', { name: 'Sync' })).toBeTruthy(), { timeout: 15_000 });
  });

  it('an older read of the status answering after a newer one does not bring back a finished run (the latest read wins)', async () => {
    // A Flow connection to the simulator, not the Demo: nothing but this test's own run syncs it.
    const sim = await startSimulator({ seed: 7, scale: 'demo' });
    try {
      const core = startTestCore();
      const flow = sim.credentials.flow;
      await callOk(core, 'connections.save', { vendor: 'flow', name: 'Flow sim', baseUrl: sim.baseUrls.flow, storeCodes: flow.storeCodes.slice(0, 3), language: 'en', apiKey: flow.apiKey });
      // The read Sync's click makes (the run just started) is held on its way back until the read its
      // finished run brings has answered: the order a busy core or a slow transport can give them.
      let holdNext = false;
      const held: Array<{ result: unknown; release: () => void }> = [];
      useCoreForRenderer(core, {
        beforeAnswer: (name, result) => {
          if (name !== 'sync.status' || !holdNext) return;
          holdNext = false;
          return new Promise<void>((release) => held.push({ result, release }));
        },
      });
      render(<SyncView />);
      const item = await screen.findByRole('article', { name: 'Sync Flow sim' });
      holdNext = true;
      await act(async () => fireEvent.click(within(item).getByRole('button', { name: 'Sync' })));
      await waitFor(() => expect(held).toHaveLength(1));
      expect((held[0]!.result as { ok: true; value: SyncStatus }).value.running.map((r) => r.dataset)).toContain('kpis'); // read while the run ran
      await waitFor(() => expect(within(card('Flow sim')).getByTestId('dataset-kpis').textContent).toContain('updated just now'), { timeout: 15_000 });
      expect(within(card('Flow sim')).getByRole('button', { name: 'Sync' })).toBeTruthy();
      // The older answer arrives last: the card still says the run is over.
      await act(async () => {
        held[0]!.release();
        await new Promise((resolve) => setTimeout(resolve, 50));
      });
      expect(within(card('Flow sim')).getByRole('button', { name: 'Sync' })).toBeTruthy();
      expect(within(card('Flow sim')).getByTestId('dataset-kpis').textContent).not.toContain('waiting…');
    } finally {
      await sim.close();
    }
  });

  it('background sync settings: an edit not saved yet survives the reload each finished sync brings, and Save keeps it', async () => {
    const core = startTestCore();
    await callOk(core, 'demo.start', {});
    useCoreForRenderer(core);
    render(<SyncView />);
    const minutes = await screen.findByLabelText('Cameras, channels and appliances: minutes between syncs');
    const users = screen.getByLabelText('Sync Users and profiles in the background');
    const saveButton = screen.getByRole('button', { name: 'Save schedule' });
    expect((minutes as HTMLInputElement).value).not.toBe('30');
    fireEvent.change(minutes, { target: { value: '30' } });
    fireEvent.click(users);
    // What every finished sync does: the view reloads status, runs and schedule (a new object, the same settings).
    await act(async () => useSync.getState().load());
    expect((minutes as HTMLInputElement).value).toBe('30');
    expect((users as HTMLInputElement).checked).toBe(false);
    expect((saveButton as HTMLButtonElement).disabled).toBe(false);

    await act(async () => fireEvent.click(saveButton));
    await waitFor(() => expect((saveButton as HTMLButtonElement).disabled).toBe(true));
    const saved = await callOk<{ settings: ScheduleSettings }>(core, 'sync.schedule', {});
    expect(saved.settings.datasets.inventory).toMatchObject({ enabled: true, rule: { kind: 'every', minutes: 30 } });
    expect(saved.settings.datasets.users.enabled).toBe(false);
    // Saved: the form follows the saved settings again.
    await act(async () => useSync.getState().load());
    expect((minutes as HTMLInputElement).value).toBe('30');
  });

  it('a vendor that cannot be reached: the failure in words, the offline notice naming it (hidden once asked), and "Refresh now" once the network is back', async () => {
    const core = startTestCore();
    const gone = await callOk<ConnectionView>(core, 'connections.save', { vendor: 'exteros', name: 'Exteros gone', apiKey: 'k', baseUrl: 'http://127.0.0.1:9' });
    useCoreForRenderer(core);
    render(
      <>
        <SyncBadge recheckMs={60_000} />
        <OfflineNotice />
        <SyncView />
      </>,
    );
    const item = await screen.findByRole('article', { name: 'Sync Exteros gone' });
    await act(async () => fireEvent.click(within(item).getByRole('button', { name: 'Sync' })));
    await waitFor(() => expect(screen.getAllByTestId('sync-run').some((r) => r.dataset.status === 'failed')).toBe(true), { timeout: 20_000 });
    const failed = screen.getAllByTestId('sync-run').find((r) => r.dataset.status === 'failed')!;
    expect(failed.querySelector('.run-error')!.getAttribute('data-code')).toBe('offline');
    expect(failed.textContent).toMatch(/Exteros/);
    // The card's datasets follow sync.status, read again once the run has finished: a moment after the run's own line.
    await waitFor(() => expect(within(card('Exteros gone')).getByTestId('dataset-locations').textContent).toMatch(/Failed: .*Exteros/));

    const banner = await screen.findByTestId('offline-banner');
    // It names the one connection that is down, not "the vendors".
    expect(banner.textContent).toContain('Exteros gone cannot be reached.');
    expect(useConnectivity.getState().unreachable?.connectionIds).toEqual([gone.id]);
    // Checking again while it is still down keeps the banner as it is.
    await act(async () => fireEvent.click(within(banner).getByRole('button', { name: 'Check again' })));
    expect(screen.getByTestId('offline-banner').textContent).toContain('cannot be reached');

    // Said once: hidden, it stays hidden for this outage; the sidebar's dot still says it.
    await act(async () => fireEvent.click(within(screen.getByTestId('offline-banner')).getByRole('button', { name: 'Hide' })));
    expect(screen.queryByTestId('offline-banner')).toBeNull();
    expect(screen.getByLabelText('offline')).toBeTruthy();
    const again = useConnectivity.getState().unreachable!.errors[gone.id]!;
    act(() => useConnectivity.getState().reportFailure(gone.id, again));
    expect(screen.queryByTestId('offline-banner')).toBeNull();
    // A new outage (after the vendors came back) is said again.
    act(() => useConnectivity.getState().reportReachable(gone.id));
    act(() => useConnectivity.getState().reportFailure(gone.id, again));
    expect(screen.getByTestId('offline-banner').textContent).toContain('Exteros gone cannot be reached.');

    // The browser reports the network back: the banner offers a refresh.
    await act(async () => void window.dispatchEvent(new Event('online')));
    expect(within(screen.getByTestId('offline-banner')).getByRole('button', { name: 'Refresh now' })).toBeTruthy();
  });
});
