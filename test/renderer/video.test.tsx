// The core in this test reaches the simulator with fetch; happy-dom would apply a page's same-origin rules to it.
// @vitest-environment-options {"settings": {"fetch": {"disableSameOriginPolicy": true}}}
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExportsView } from '../../src/renderer/src/features/exports/ExportsView';
import { useExports } from '../../src/renderer/src/features/exports/store';
import { LiveView } from '../../src/renderer/src/features/live/LiveView';
import { useLive } from '../../src/renderer/src/features/live/store';
import { useConnections } from '../../src/renderer/src/features/connections/store';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index';
import { startBrowserServer, type BrowserServer } from '../../src/main/shell/browser/server';
import { callOk, startTestCore } from '../support/core';
import { useCoreForRenderer } from '../support/renderer';
import { tempDir } from '../support/temp';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, scale: 'demo', seed: 7 });
});
afterAll(async () => {
  await sim.close();
});
afterEach(() => {
  cleanup();
  useExports.setState({ jobs: [], progress: {}, sources: {}, settings: null, verify: {}, opened: {}, errors: {} });
  useLive.setState({ sessions: [], error: null, notice: null });
  useConnections.setState({ connections: [], loaded: false, loadError: null, tests: {} });
});

async function coreWithConnection() {
  const core = startTestCore();
  const c = sim.credentials.retailnext;
  await callOk(core, 'connections.save', { vendor: 'retailnext', name: 'Video', baseUrl: sim.baseUrls.retailnext, subscription: c.subscription, accessKey: c.accessKey, secretKey: c.secretKey });
  useCoreForRenderer(core);
  return core;
}

describe('Exports view', () => {
  it('shows the range in UTC, starts an export into a typed folder and lists it done with its evidence', async () => {
    await coreWithConnection();
    const folder = tempDir('roc-view-exports-');
    render(<ExportsView />);
    const form = await screen.findByRole('form', { name: 'New export' });
    const channels = (await within(form).findByText(/^Channels/)).closest('fieldset')!;
    const channel = await waitFor(() => {
      const boxes = within(channels as HTMLElement).getAllByRole('checkbox');
      expect(boxes.length).toBeGreaterThan(0);
      return boxes;
      // the store list takes three vendor calls: on a loaded machine more than waitFor's default second
    }, { timeout: 15_000 });
    fireEvent.click(channel[0]!);
    fireEvent.click(within(form).getByRole('button', { name: 'Last 5 min' }));
    expect(screen.getByTestId('utc-range').textContent).toMatch(/UTC: \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z → \d{4}-/);
    expect(screen.getByText(/In the browser, type the folder's full path/)).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('Save into folder'), { target: { value: folder } });
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: 'Start export' })));
    const item = await screen.findByTestId('export-job');
    await waitFor(() => expect(item.getAttribute('data-state')).toBe('done'), { timeout: 20_000 });
    expect(within(item).getByTestId('sha256').textContent).toMatch(/^[0-9a-f]{64}$/);
    await act(async () => fireEvent.click(within(item).getByRole('button', { name: 'Verify' })));
    // verifying re-hashes the file: seconds on a loaded machine
    await waitFor(() => expect(within(item).getByTestId('verify-result').getAttribute('data-matches')).toBe('true'), { timeout: 20_000 });
    await act(async () => fireEvent.click(within(item).getByRole('button', { name: 'Open file' })));
    expect((await within(item).findByTestId('open-result')).textContent).toMatch(/browser.*cannot open/);
  }, 60_000);
});

describe('Live view', () => {
  it('opens a store through the core and lays out a 4-tile grid, each tile saying its state in words; no secret in the page', async () => {
    const core = await coreWithConnection();
    const server: BrowserServer = await startBrowserServer({ core, staticDir: tempDir('roc-static-') });
    try {
      render(<LiveView />);
      const watch = await screen.findByRole<HTMLButtonElement>('button', { name: 'Watch' });
      await waitFor(() => expect(watch.disabled).toBe(false));
      await act(async () => fireEvent.click(watch));
      const tiles = await screen.findAllByTestId('live-tile');
      expect(tiles.length).toBeGreaterThan(0);
      expect(tiles.length).toBeLessThanOrEqual(4);
      for (const t of tiles) expect(['connecting', 'offline', 'playing', 'paused']).toContain(within(t).getByTestId('tile-state').textContent);
      expect(document.body.innerHTML).not.toContain(sim.credentials.retailnext.secretKey);
      fireEvent.change(screen.getByLabelText('Grid'), { target: { value: '1' } });
      await waitFor(() => expect(screen.getAllByTestId('live-tile')).toHaveLength(1));
      const session = useLive.getState().sessions[0]!;
      expect(session.channels[0]!.url).toMatch(/^\/media\/live\//);
    } finally {
      await server.close();
    }
  });
});
