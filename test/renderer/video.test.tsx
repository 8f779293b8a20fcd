// The core in this test reaches the simulator with fetch; happy-dom would apply a page's same-origin rules to it.
// @vitest-environment-options {"settings": {"fetch": {"disableSameOriginPolicy": true}}}
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useExports } from '../../src/renderer/src/features/exports/store';
import { LiveView } from '../../src/renderer/src/features/live/LiveView';
import { useLive } from '../../src/renderer/src/features/live/store';
import { useConnections } from '../../src/renderer/src/features/connections/store';
import { startBrowserServer, type BrowserServer } from '../../src/main/shell/browser/server';
import { callOk, startTestCore } from '../support/core';
import { useCoreForRenderer } from '../support/renderer';
import { tempDir } from '../support/temp';
import { videoRig } from '../support/videoRig';

const { sim, coreWithConnection } = videoRig();
afterEach(() => {
  cleanup();
  useExports.setState({ jobs: [], progress: {}, sources: {}, settings: null, verify: {}, opened: {}, errors: {} });
  useLive.setState({ cameras: [], layout: 4, page: 0, sessions: {}, storeErrors: {}, error: null, notice: null, wallName: null, walls: null, wallsError: null });
  useConnections.setState({ connections: [], loaded: false, loadError: null, tests: {} });
});

describe('Live view', () => {
  it('with no connection yet: says why there are no cameras and links to Connections, instead of an empty list', async () => {
    const core = startTestCore();
    useCoreForRenderer(core);
    render(<LiveView />);
    const why = await screen.findByTestId('live-no-connection');
    expect(why.textContent).toMatch(/Live plays the cameras of a RetailNext connection, and there is none\. Add one in Connections/);
    expect(within(why).getByRole('link', { name: 'Connections' }).getAttribute('href')).toBe('#connections');
    expect(screen.queryByRole('tree', { name: 'Cameras' })).toBeNull();
    expect(screen.getByTestId('live-playing').textContent).toBe('The wall is empty.');
    await core.close();
  });

  it('with only Flow or Exteros connections: says live video comes from RetailNext connections, names them, links to Connections', async () => {
    const core = startTestCore();
    await callOk(core, 'connections.save', { vendor: 'flow', name: 'Store traffic', apiKey: 'k', baseUrl: 'http://127.0.0.1:9', storeCodes: ['S1'] });
    await callOk(core, 'connections.save', { vendor: 'exteros', name: 'Screens', apiKey: 'k', baseUrl: 'http://127.0.0.1:9' });
    useCoreForRenderer(core);
    render(<LiveView />);
    const why = await screen.findByTestId('live-no-connection');
    expect(why.textContent).toMatch(/live video comes from RetailNext connections, and this workspace has only (Store traffic \(Flow\) and Screens \(Exteros\)|Screens \(Exteros\) and Store traffic \(Flow\)), which give no video\. Add a RetailNext connection in Connections/);
    expect(within(why).getByRole('link', { name: 'Connections' }).getAttribute('href')).toBe('#connections');
    expect(screen.queryByRole('tree', { name: 'Cameras' })).toBeNull();
    await core.close();
  });

  it('while the connections and then the camera list are read: a line says so, not an empty camera tree', async () => {
    await coreWithConnection();
    render(<LiveView />);
    // first render: the connections are not known yet
    expect(screen.getByTestId('camera-side-reading').textContent).toBe('Reading the connections…');
    expect(screen.queryByRole('tree', { name: 'Cameras' })).toBeNull();
    await waitFor(() => expect(useConnections.getState().loaded).toBe(true));
    // then, until a camera list has come, the connection's list is being read (and said so)
    if (!screen.queryByRole('tree', { name: 'Cameras' })) expect(screen.getByText(/^Reading the cameras of /)).toBeTruthy();
    await waitFor(() => expect(screen.getAllByTestId('camera-tree-store').length).toBeGreaterThan(0), { timeout: 15_000 });
    expect(screen.queryByTestId('camera-side-reading')).toBeNull();
  });

  async function openLive() {
    const { core } = await coreWithConnection();
    const server: BrowserServer = await startBrowserServer({ core, staticDir: tempDir('roc-static-') });
    render(<LiveView />);
    // the camera list takes three vendor calls: on a loaded machine more than waitFor's default second
    await waitFor(() => expect(screen.getAllByTestId('camera-tree-store').length).toBeGreaterThan(3), { timeout: 15_000 });
    return server;
  }
  /** The first store of the tree with more cameras than `n`, its row and its camera count. */
  function storeWithMoreThan(n: number) {
    for (const row of screen.getAllByTestId('camera-tree-store')) {
      const count = Number(/(\d+) cam/.exec(row.textContent ?? '')?.[1] ?? 0);
      if (count > n) return { row, count, name: row.getAttribute('aria-label')! };
    }
    throw new Error(`no store with more than ${n} cameras`);
  }

  it('the camera tree adds a whole store by click: tiles named "Store · Camera", pages past the grid, a word when the grid is full; no secret in the page', async () => {
    const server = await openLive();
    try {
      const a = storeWithMoreThan(4);
      await act(async () => fireEvent.click(a.row));
      const tiles = await screen.findAllByTestId('live-tile');
      expect(tiles).toHaveLength(4); // 2x2 by default
      const names = screen.getAllByTestId('tile-name').map((e) => e.textContent);
      for (const n of names) expect(n).toMatch(new RegExp(`^${a.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · .+`));
      expect(new Set(names).size).toBe(names.length);
      for (const t of tiles) expect(t.getAttribute('title')).toMatch(/ · .+\nChannel /);
      const pages = Math.ceil(a.count / 4);
      expect(screen.getByTestId('live-page').textContent).toBe(`Page 1 of ${pages}`);
      expect(screen.getByTestId('live-notice').textContent).toMatch(new RegExp(`^This page is now full: ${a.count - 4} cameras? of .+ went to pages? 2.* of ${pages}: go to the next page, or choose the`));
      expect(screen.getByTestId('live-playing').textContent).toBe(`Playing: ${a.name} (4) · ${a.count} cameras on the wall`);

      // the next page shows the rest; the tiles of page 1 are gone (nothing hidden keeps streaming)
      fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
      expect(screen.getByTestId('live-page').textContent).toBe(`Page 2 of ${pages}`);
      expect(screen.getAllByTestId('live-tile')).toHaveLength(Math.min(4, a.count - 4));
      await waitFor(() => expect(Object.keys(useLive.getState().sessions)).toHaveLength(1));

      // one tile per page; the grid is full: another store goes to new pages and the notice says so
      fireEvent.change(screen.getByLabelText('Layout'), { target: { value: '1' } });
      expect(screen.getAllByTestId('live-tile')).toHaveLength(1);
      const rows = screen.getAllByTestId('camera-tree-store');
      const b = rows.find((r) => r !== a.row)!;
      const bName = b.getAttribute('aria-label')!;
      await act(async () => fireEvent.click(b));
      expect(screen.getByTestId('live-notice').textContent).toMatch(new RegExp(`^The grid is full \\(1 of 1 tiles\\), so \\d+ cameras? of ${bName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} went to page`));
      expect(screen.getAllByTestId('live-tile')).toHaveLength(1);

      // the same store again: nothing added, and why
      await act(async () => fireEvent.click(a.row));
      expect(screen.getByTestId('live-notice').textContent).toBe(`Nothing added: all ${a.count} cameras of ${a.name} are already on the wall (page 1 of ${useLive.getState().cameras.length}).`);
      expect(document.body.innerHTML).not.toContain(sim().credentials.retailnext.secretKey);
      const session = Object.values(useLive.getState().sessions)[0]!;
      expect(session.channels[0]!.url).toMatch(/^\/media\/live\//);
    } finally {
      await server.close();
    }
  }, 30_000);

  it('the tree is searchable and works from the keyboard: arrows move, Right lists a store\'s cameras, Enter adds one', async () => {
    const server = await openLive();
    try {
      const a = storeWithMoreThan(1);
      const search = screen.getByLabelText('Search cameras');
      fireEvent.change(search, { target: { value: a.name } });
      await waitFor(() => expect(screen.getAllByTestId('camera-tree-store')[0]!.getAttribute('aria-label')).toBe(a.name));
      const row = screen.getAllByTestId('camera-tree-store')[0]!;
      row.focus();
      fireEvent.keyDown(row, { key: 'ArrowRight' });
      const cams = await screen.findAllByTestId('camera-tree-camera');
      expect(cams.length).toBe(a.count);
      fireEvent.keyDown(screen.getAllByTestId('camera-tree-store')[0]!, { key: 'ArrowDown' });
      expect(document.activeElement).toBe(screen.getAllByTestId('camera-tree-camera')[0]);
      await act(async () => fireEvent.keyDown(document.activeElement!, { key: 'Enter' }));
      expect(useLive.getState().cameras).toHaveLength(1);
      expect(screen.getAllByTestId('tile-name')[0]!.textContent).toBe(screen.getAllByTestId('camera-tree-camera')[0]!.getAttribute('aria-label'));
      expect(screen.getAllByTestId('camera-tree-camera')[0]!.textContent).toContain('on wall · p1');

      fireEvent.change(search, { target: { value: 'zzqx nothing' } });
      expect(await screen.findByText('No store or camera matches this search.')).toBeTruthy();
    } finally {
      await server.close();
    }
  }, 30_000);

  it('saves the wall under a name, refuses a taken name with a way to replace it, reopens it from the list and deletes it after a second click', async () => {
    const server = await openLive();
    try {
      const a = storeWithMoreThan(1);
      await act(async () => fireEvent.click(a.row));
      const name = screen.getByLabelText('Wall name');
      fireEvent.change(name, { target: { value: 'Front of store' } });
      await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
      await waitFor(() => expect(screen.getAllByTestId('saved-wall').map((w) => w.textContent)).toEqual(['Front of storeshown✕']));
      expect(screen.getByTestId('live-playing').textContent).toMatch(/^Wall "Front of store" · Playing: /);

      // the same name in other case: refused in words, with Replace
      fireEvent.change(screen.getByLabelText('Layout'), { target: { value: '1' } });
      expect(screen.getByTestId('live-playing').textContent).toMatch(/^Wall "Front of store" \(changed since saved\)/);
      fireEvent.change(name, { target: { value: 'FRONT OF STORE' } });
      await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
      expect((await screen.findByRole('alert')).textContent).toContain('A wall named "Front of store" is already saved. Choose another name, or replace it.');
      await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Replace "FRONT OF STORE"' })));
      await waitFor(() => expect(screen.getAllByTestId('saved-wall').map((w) => w.textContent)).toEqual(['FRONT OF STOREshown✕']));

      // cleared, then opened again from the list: the same cameras and layout
      const saved = useLive.getState().cameras.map((c) => c.channelUuid);
      await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Clear wall' })));
      expect(screen.queryAllByTestId('live-tile')).toHaveLength(0);
      await act(async () => fireEvent.click(within(screen.getAllByTestId('saved-wall')[0]!).getByRole('button', { name: 'Open the saved wall FRONT OF STORE' })));
      expect(useLive.getState().cameras.map((c) => c.channelUuid)).toEqual(saved);
      expect(useLive.getState().layout).toBe(1);
      expect(screen.getAllByTestId('live-tile')).toHaveLength(1);
      expect(screen.getByTestId('live-notice').textContent).toMatch(/^Opened the wall "FRONT OF STORE": \d+ cameras/);

      // delete asks once more
      fireEvent.click(screen.getByRole('button', { name: 'Delete the saved wall FRONT OF STORE' }));
      await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Delete' })));
      expect(await screen.findByText('No saved walls yet: build a wall, name it, and Save.')).toBeTruthy();
      expect(useLive.getState().cameras).toHaveLength(saved.length); // the wall shown stays
    } finally {
      await server.close();
    }
  }, 30_000);
});
