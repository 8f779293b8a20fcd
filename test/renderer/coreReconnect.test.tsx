import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreHost, forkCoreProcess, type CoreProcess } from '../../src/main/host/coreHost';
import { startBrowserServer, type BrowserServer } from '../../src/main/shell/browser/server';
import { api, bridgeClient, setApiClient, socketClient } from '../../src/renderer/src/api/client';
import type { DesktopBridge } from '../../src/preload/api';
import { CoreStatusBanner } from '../../src/renderer/src/ui/CoreStatusBanner';
import { ErrorMessage } from '../../src/renderer/src/ui/ErrorMessage';
import { StoresView } from '../../src/renderer/src/features/stores/StoresView';
import { useEstate } from '../../src/renderer/src/features/stores/store';
import type { StoreTree } from '../../src/shared/estate/types';
import { coreRestartingMessage, type CoreStatus } from '../../src/shared/app/contract';
import { tempDir } from '../support/temp';
import { AuditView } from '../../src/renderer/src/features/audit/AuditView';
import { useAudit } from '../../src/renderer/src/features/audit/store';
import { ChangesView } from '../../src/renderer/src/features/admin/ChangesView';
import { UsersView } from '../../src/renderer/src/features/admin/UsersView';
import { OccupancyBoardView } from '../../src/renderer/src/features/occupancyBoard/OccupancyBoardView';
import { SavedWalls } from '../../src/renderer/src/features/live/SavedWalls';
import { ExportsView } from '../../src/renderer/src/features/exports/ExportsView';
import { LiveView } from '../../src/renderer/src/features/live/LiveView';
import { useLive } from '../../src/renderer/src/features/live/store';
import type { LiveSession } from '../../src/shared/live/types';
import { BulkView } from '../../src/renderer/src/features/admin/BulkView';
import { useBulk } from '../../src/renderer/src/features/admin/store';
import { useConnections } from '../../src/renderer/src/features/connections/store';
import type { BulkCounts, BulkSummary } from '../../src/shared/admin/types';
import type { ConnectionView } from '../../src/shared/connections/types';
import type { ReactElement } from 'react';

// Browser mode for real: the server's guard here, the core in its own process (child_process.fork)
// serving the page's socket, and the renderer's own client over happy-dom's WebSocket.
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  cleanup();
  for (const close of closers.splice(0).reverse()) await close();
});

async function serve(): Promise<{ host: CoreHost; server: BrowserServer; spawned: CoreProcess[] }> {
  const spawned: CoreProcess[] = [];
  const host = new CoreHost({
    start: { dataDir: tempDir('roc-reconnect-'), shell: 'browser', version: '0.0.0-reconnect-test', keychainService: 'Retail Ops Console reconnect test', shellServices: [], mediaBasePath: '/media' },
    log: { log: () => undefined },
    restartDelayMs: 50,
    spawn: (s) => {
      const proc = forkCoreProcess(s);
      spawned.push(proc);
      return proc;
    },
  });
  closers.push(() => host.close());
  const server = await startBrowserServer({ core: host, log: { log: () => undefined }, staticDir: tempDir('roc-reconnect-static-') });
  closers.push(() => server.close());
  await host.ready();
  // The page is one of the server's own (its Origin is checked).
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`http://127.0.0.1:${server.port}/`);
  return { host, server, spawned };
}

/** A vendor that accepts connections and never answers: a connection test against it waits. */
async function silentVendor(): Promise<string> {
  const silent = net.createServer(() => undefined);
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise<void>((r) => silent.close(() => r())));
  return `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
}

describe("browser mode's client when the core stops", () => {
  it('fails the pending call in words, shows the banner, reconnects once the core runs again, and events flow again', async () => {
    const { host, server, spawned } = await serve();
    setApiClient(socketClient(`ws://127.0.0.1:${server.port}/api?token=${server.token}`));
    render(<CoreStatusBanner />);
    const changed: number[] = [];
    api.subscribe('connections.changed', (p) => changed.push(p.connections.length));
    expect(await api.call('app.info', {})).toMatchObject({ ok: true, value: { shell: 'browser' } });
    const saved = await api.call('connections.save', { vendor: 'flow', name: 'Silent', baseUrl: await silentVendor(), storeCodes: ['S1'], apiKey: 'not-a-real-key' });
    if (!saved.ok) throw new Error(saved.error.message);
    await waitFor(() => expect(changed).toEqual([1]));

    const cut = api.call('connections.test', { id: saved.value.id });
    await act(async () => spawned[0]!.kill());
    expect(await cut).toEqual({ ok: false, error: { code: 'offline', message: "The console's core stopped or the connection to it was lost. Try again in a moment." } });
    const banner = await screen.findByTestId('core-status');
    expect(banner.getAttribute('data-state')).toBe('restarting');
    expect(banner.textContent).toMatch(/^The console's core stopped or the connection to it was lost; reconnecting\. What was on screen stays/);

    await waitFor(() => expect(screen.getByTestId('core-status').getAttribute('data-state')).toBe('running'));
    expect(screen.getByTestId('core-status').textContent).toBe('The console is running again.');
    expect(host.restarts).toBe(1);
    expect(await api.call('app.info', {})).toMatchObject({ ok: true });
    // The subscription made before the crash hears the new core's events.
    expect(await api.call('connections.save', { vendor: 'flow', name: 'Second', baseUrl: 'http://127.0.0.1:9', storeCodes: ['S2'], apiKey: 'not-a-real-key' })).toMatchObject({ ok: true });
    await waitFor(() => expect(changed).toEqual([1, 2]));
  }, 120_000);

  it('when the server itself is gone, the banner and the calls say so in words', async () => {
    const { host, server } = await serve();
    setApiClient(socketClient(`ws://127.0.0.1:${server.port}/api?token=${server.token}`, { serverGoneAfterMs: 0 }));
    render(<CoreStatusBanner />);
    expect(await api.call('app.info', {})).toMatchObject({ ok: true });
    await act(async () => {
      await server.close();
      await host.close();
    });
    const gone = 'The console cannot reach its local server. Restart "npm run serve" and open the address it prints.';
    await waitFor(() => expect(screen.getByTestId('core-status').textContent).toMatch(new RegExp(`^${gone.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)));
    expect(await api.call('app.info', {})).toEqual({ ok: false, error: { code: 'offline', message: gone } });
  }, 120_000);
});

/** A WebSocket server standing in for the core: `answer` decides what (if anything) it says to each call. */
async function fakeCore(answer: (call: { id: number; call: string }, send: (value: unknown) => void) => void, port = 0): Promise<{ address: string; calls: string[]; close(): Promise<void> }> {
  const { WebSocketServer } = await import('ws');
  const server = new WebSocketServer({ host: '127.0.0.1', port });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const calls: string[] = [];
  server.on('connection', (ws) => {
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id: number; call: string };
      calls.push(message.call);
      answer(message, (value) => ws.send(JSON.stringify({ id: message.id, result: { ok: true, value } })));
    });
  });
  const close = () =>
    new Promise<void>((r) => {
      for (const c of server.clients) c.terminate();
      server.close(() => r());
    });
  closers.push(close);
  return { address: `ws://127.0.0.1:${(server.address() as net.AddressInfo).port}/api`, calls, close };
}

describe("browser mode's client when an answer does not come", () => {
  it('a socket that never answers: the call fails in words once the core has been silent and does not answer a check either, and the banner says so', async () => {
    const core = await fakeCore(() => undefined);
    setApiClient(socketClient(core.address, { quietMs: 50, probeMs: 50 }));
    render(<CoreStatusBanner />);
    const result = await api.call('estate.tree', {} as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'timeout' } });
    expect(result.ok ? '' : result.error.message).toMatch(/^The console's core has not answered for \d+ s, not even a check that it is running, so the request was given up\. Try again/);
    // it asked the core whether it runs before giving up
    expect(core.calls).toEqual(['estate.tree', 'app.info']);
    await waitFor(() => expect(screen.getByTestId('core-status').textContent).toMatch(/reconnecting/));
  });

  it('a socket that never opens (the server takes the connection, never completes the handshake): a call made meanwhile fails in words after the same silence', async () => {
    const held = new Set<net.Socket>();
    const silent = net.createServer((c) => void held.add(c));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise<void>((r) => (held.forEach((c) => c.destroy()), silent.close(() => r()))));
    const address = `ws://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
    setApiClient(socketClient(`${address}/api`, { quietMs: 50, probeMs: 50 }));
    const result = await api.call('estate.tree', {} as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'timeout' } });
    expect(result.ok ? '' : result.error.message).toMatch(/^The console's core has not answered for \d+ s, not even a check that it is running, so the request was given up\. Try again; if this goes on, restart "npm run serve"\.$/);
    // the next call tries a new socket, and is given up the same way
    expect(await api.call('app.info', {})).toMatchObject({ ok: false, error: { code: 'timeout' } });
  });

  it('a long call on a core that answers its checks: the call waits for its answer, however long the silence before it', async () => {
    const core = await fakeCore((call, send) => {
      if (call.call === 'app.info') send({ version: 'test' });
      // the long call answers after several rounds of silence and checks
      else setTimeout(() => send({ done: true }), 400);
    });
    setApiClient(socketClient(core.address, { quietMs: 30, probeMs: 60 }));
    expect(await api.call('estate.tree', {} as never)).toEqual({ ok: true, value: { done: true } });
    expect(core.calls.filter((c) => c === 'app.info').length).toBeGreaterThan(0);
  });

  it('once the server is said to be gone, reconnecting slows to every 30 s instead of every 5 s forever', async () => {
    const core = await fakeCore((_call, send) => send({}));
    const delays: number[] = [];
    const attempts: Array<() => void> = [];
    setApiClient(socketClient(core.address, { serverGoneAfterMs: 200, scheduleRetry: (attempt, ms) => (delays.push(ms), attempts.push(attempt)) }));
    render(<CoreStatusBanner />);
    expect(await api.call('app.info', {})).toMatchObject({ ok: true });
    await act(() => core.close());
    await waitFor(() => expect(delays).toHaveLength(1));
    // Before the server is said to be gone the delays grow from 250 ms; after, each is 30 s.
    const gone = /cannot reach its local server/;
    while (!gone.test(screen.queryByTestId('core-status')?.textContent ?? '')) {
      const before = delays.length;
      await new Promise((r) => setTimeout(r, 50));
      await act(async () => attempts.at(-1)!());
      await waitFor(() => expect(delays.length).toBe(before + 1));
    }
    expect(delays[0]).toBe(250);
    expect(delays.at(-1)).toBe(30_000);
    expect(delays.slice(0, -1).every((ms) => ms <= 5_000)).toBe(true);
  });

  it('once the server is said to be gone, "Try again" tries it at once: says it still does not answer, then that the console runs again', async () => {
    const core = await fakeCore((_call, send) => send({}));
    // the tab's own retries are held back: what connects again is the button
    const delays: number[] = [];
    setApiClient(socketClient(core.address, { serverGoneAfterMs: 0, scheduleRetry: (_attempt, ms) => void delays.push(ms) }));
    render(<CoreStatusBanner />);
    expect(await api.call('app.info', {})).toMatchObject({ ok: true });
    await act(() => core.close());
    const button = await screen.findByRole('button', { name: 'Try again' });
    expect(screen.getByTestId('core-status').textContent).toMatch(/cannot reach its local server/);

    // still gone: it says so, with the time it tried
    await act(async () => fireEvent.click(button));
    await waitFor(() => expect(screen.getByTestId('core-retry-result').textContent).toMatch(/^ Tried again at \d{2}:\d{2}:\d{2}: the local server still does not answer\. This tab also tries by itself every 30 s\.$/));
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();

    // back on the same address: one click connects, the banner says the console runs again
    const again = await fakeCore((_call, send) => send({ back: true }), Number(new URL(core.address).port));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Try again' })));
    await waitFor(() => expect(screen.getByTestId('core-status').textContent).toBe('The console is running again.'));
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(await api.call('app.info', {})).toEqual({ ok: true, value: { back: true } });
    expect(again.calls).toEqual(['app.info']);
    // none of the tab's own retries ran
    expect(delays.every((ms) => ms === 30_000)).toBe(true);
  });
});

describe('a view whose call was cut by the same loss the banner tells', () => {
  it("while the banner says the server is gone, the Stores view does not stand its own \"core stopped\" error beside it; once the server is back it reads its tree again", async () => {
    // The first core takes the tree's call and never answers it: the call is cut when the server goes.
    const first = await fakeCore(() => undefined);
    const attempts: Array<() => void> = [];
    setApiClient(socketClient(first.address, { serverGoneAfterMs: 200, scheduleRetry: (attempt) => void attempts.push(attempt) }));
    useEstate.setState({ tree: null, error: null, loading: false, selected: null, panel: null, panelError: null });
    render(<><CoreStatusBanner /><StoresView /></>);
    await waitFor(() => expect(first.calls).toEqual(['estate.tree']));
    await act(() => first.close());
    // cut while reconnecting: the banner says so, the view points to it instead of a failure of its own
    await waitFor(() => expect(screen.getByTestId('core-status').textContent).toMatch(/reconnecting/));
    await waitFor(() => expect(screen.getByTestId('waiting-for-core').textContent).toMatch(/^Not loaded: the console's core cannot be reached \(see the message above\)\. This loads again by itself once it is back\.$/));
    // the tab keeps trying until the server is said to be gone: the view still says no more than that
    while (!/cannot reach its local server/.test(screen.getByTestId('core-status').textContent ?? '')) {
      const before = attempts.length;
      await new Promise((r) => setTimeout(r, 50));
      await act(async () => attempts.at(-1)!());
      await waitFor(() => expect(attempts.length).toBe(before + 1));
    }
    expect(screen.queryAllByRole('alert').map((a) => a.getAttribute('data-testid'))).toEqual(['core-status']);
    expect(document.body.textContent).not.toMatch(/Try again in a moment/);
    expect(useEstate.getState().error?.message).toBe("The console's core stopped or the connection to it was lost. Try again in a moment.");

    // back on the same address: the view reads its tree again by itself, and the failure is gone
    const tree: StoreTree = { nodes: [], links: [], ages: [], version: 'back' };
    const again = await fakeCore((call, send) => send(call.call === 'estate.tree' ? tree : []), Number(new URL(first.address).port));
    await act(async () => attempts.at(-1)!());
    await waitFor(() => expect(screen.getByTestId('core-status').textContent).toBe('The console is running again.'));
    await waitFor(() => expect(useEstate.getState().tree?.version).toBe('back'));
    // its first part, then the whole tree
    await waitFor(() => expect(again.calls.filter((c) => c === 'estate.tree')).toHaveLength(2));
    await waitFor(() => expect(useEstate.getState().loading).toBe(false));
    expect(useEstate.getState().error).toBeNull();
    expect(screen.queryByTestId('waiting-for-core')).toBeNull();
    expect(screen.queryAllByRole('alert').map((a) => a.getAttribute('data-testid'))).toEqual(['core-status']);
  });

  it('the desktop window: a call the restarting core never answered waits for it beside the banner, and the view reads again once the core runs', async () => {
    const statusListeners = new Set<(s: CoreStatus) => void>();
    const push = (s: CoreStatus) => statusListeners.forEach((l) => l(s));
    const asked: Array<(r: unknown) => void> = [];
    const bridge = {
      calls: new Proxy({}, { get: (_t, name: string) => () => new Promise((resolve) => void (name === 'estate.tree' ? asked.push(resolve) : resolve({ ok: true, value: [] }))) }),
      cancel: () => undefined,
      subscribe: (name: string, listener: (s: CoreStatus) => void) => {
        if (name !== 'app.coreStatus') return () => undefined;
        statusListeners.add(listener);
        return () => statusListeners.delete(listener);
      },
    } as unknown as DesktopBridge;
    setApiClient(bridgeClient(bridge));
    useEstate.setState({ tree: null, error: null, loading: false, selected: null, panel: null, panelError: null });
    render(<><CoreStatusBanner /><StoresView /></>);
    await waitFor(() => expect(asked).toHaveLength(1));
    // the preload: the status first, then the calls the old core never answered fail
    await act(async () => {
      push({ state: 'restarting', message: coreRestartingMessage });
      asked[0]!({ ok: false, error: { code: 'internal', message: coreRestartingMessage } });
    });
    await waitFor(() => expect(screen.getByTestId('waiting-for-core').textContent).toMatch(/^Not loaded: the console's core cannot be reached/));
    expect(screen.queryAllByRole('alert').map((a) => a.getAttribute('data-testid'))).toEqual(['core-status']);
    await act(async () => push({ state: 'running', message: 'The console is running again.' }));
    await waitFor(() => expect(asked).toHaveLength(2));
    await act(async () => asked[1]!({ ok: true, value: { nodes: [], links: [], ages: [], version: 'again' } satisfies StoreTree }));
    await waitFor(() => expect(useEstate.getState().tree?.version).toBe('again'));
    // then the full tree
    await waitFor(() => expect(asked).toHaveLength(3));
    await act(async () => asked[2]!({ ok: true, value: { nodes: [], links: [], ages: [], version: 'again, whole' } satisfies StoreTree }));
    await waitFor(() => expect(useEstate.getState().tree?.version).toBe('again, whole'));
    expect(useEstate.getState().error).toBeNull();
    expect(screen.queryByTestId('waiting-for-core')).toBeNull();
  });

  it('a failure of the call itself, or one the core has not come back from, stands as it is', () => {
    render(<ErrorMessage error={{ code: 'invalid_input', message: 'The first day comes after the last day.' }} onBack={() => { throw new Error('not a loss: never read again'); }} />);
    expect(screen.getByRole('alert').textContent).toBe('The first day comes after the last day.');
  });
});

describe('the other views once the core is back', () => {
  /** The desktop window's bridge: `held` calls wait for the test; the rest get an empty answer of their shape. */
  function restartingBridge(held: string, answers: Record<string, unknown> = {}) {
    const statusListeners = new Set<(s: CoreStatus) => void>();
    const asked: Array<(r: unknown) => void> = [];
    const calls: string[] = [];
    const empty: Record<string, unknown> = {
      'estate.tree': { nodes: [], links: [], ages: [], version: 'v' },
      'admin.changes.list': { changes: [], total: 0, counts: {} },
      'admin.users.list': { users: [], profiles: [], locationProfiles: [], fetchedAt: null },
      'admin.access.report': { findings: [], settings: {}, seenSince: {} },
      'occupancyBoard.refresh': { readings: [], readAt: new Date(0).toISOString(), errors: [] },
      'exports.settings': { folder: '/tmp', keepDays: 30 },
      'app.info': { shell: 'desktop' },
      ...answers,
    };
    const bridge = {
      calls: new Proxy({}, { get: (_t, name: string) => () => (calls.push(name), new Promise((resolve) => void (name === held ? asked.push(resolve) : resolve({ ok: true, value: name in empty ? empty[name] : [] })))) }),
      cancel: () => undefined,
      subscribe: (name: string, listener: (s: CoreStatus) => void) => {
        if (name !== 'app.coreStatus') return () => undefined;
        statusListeners.add(listener);
        return () => statusListeners.delete(listener);
      },
    } as unknown as DesktopBridge;
    const push = (status: CoreStatus) => statusListeners.forEach((l) => l(status));
    return { bridge, asked, calls, push };
  }

  // A read that failed because the core restarted is made again by itself once it runs (never a write).
  const failedReads: Array<[string, () => ReactElement, string]> = [
    ['Audit', () => <AuditView />, 'audit.report'],
    ['Change log', () => <ChangesView />, 'admin.changes.list'],
    ['Users', () => <UsersView />, 'admin.users.list'],
    ['Occupancy board', () => <OccupancyBoardView />, 'occupancyBoard.refresh'],
    ['Saved walls (Live)', () => <SavedWalls />, 'live.walls.list'],
  ];
  for (const [view, element, read] of failedReads) {
    it(`${view}: its read cut by the restart waits beside the banner, and is made again once the core runs`, async () => {
      useAudit.setState({ report: null, error: null, loading: false });
      const { bridge, asked, calls, push } = restartingBridge(read);
      setApiClient(bridgeClient(bridge));
      render(<><CoreStatusBanner />{element()}</>);
      await waitFor(() => expect(asked).toHaveLength(1));
      await act(async () => {
        push({ state: 'restarting', message: coreRestartingMessage });
        asked[0]!({ ok: false, error: { code: 'internal', message: coreRestartingMessage } });
      });
      await waitFor(() => expect(screen.getByTestId('waiting-for-core').textContent).toMatch(/^Not loaded: the console's core cannot be reached/));
      const before = calls.length;
      await act(async () => push({ state: 'running', message: 'The console is running again.' }));
      await waitFor(() => expect(asked).toHaveLength(2));
      // only reads were made again
      expect(calls.slice(before).every((c) => !/save|retry|delete|confirm|start|discard/i.test(c))).toBe(true);
    });
  }

  it('Live: the wall\'s store sessions, which the stopped core held, are opened again once it runs, and the tiles get the new ones', async () => {
    const camera = { connectionId: 'c1', storeUuid: 's1', storeName: 'Store 1', channelUuid: 'ch1', channelName: 'Door', applianceId: 'a1' };
    useLive.setState({ cameras: [camera], layout: 4, page: 0, sessions: {}, storeErrors: {}, error: null, notice: null });
    const { bridge, asked, calls, push } = restartingBridge('live.open');
    setApiClient(bridgeClient(bridge));
    const session = (id: string): LiveSession => ({ sessionId: id, connectionId: 'c1', storeUuid: 's1', storeName: 'Store 1', timeZone: 'UTC', openedAt: new Date(0).toISOString(), channels: [{ uuid: 'ch1', name: 'Door', applianceId: 'a1', url: `/media/live/${id}/ch1.m3u8` }] });
    render(<><CoreStatusBanner /><LiveView /></>);
    await waitFor(() => expect(asked).toHaveLength(1));
    await act(async () => asked[0]!({ ok: true, value: session('before-the-crash') }));
    await waitFor(() => expect(useLive.getState().sessions['c1|s1']?.sessionId).toBe('before-the-crash'));
    await act(async () => push({ state: 'restarting', message: coreRestartingMessage }));
    expect(asked).toHaveLength(1);
    await act(async () => push({ state: 'running', message: 'The console is running again.' }));
    await waitFor(() => expect(asked).toHaveLength(2));
    await act(async () => asked[1]!({ ok: true, value: session('after-the-crash') }));
    await waitFor(() => expect(useLive.getState().sessions['c1|s1']?.sessionId).toBe('after-the-crash'));
    // the old session is let go of (a new core does not know it: harmless), and nothing but reads and that close was asked
    expect(calls).toContain('live.close');
    expect(calls.every((c) => !/save|retry|delete|confirm|start|discard/i.test(c))).toBe(true);
    expect(screen.getAllByTestId('live-tile')).toHaveLength(1);
  });

  /** A confirmed bulk run of 10 rows: `done` sent, the rest on their way while `running`. */
  const bulkRun = (done: number, running: boolean): BulkSummary => {
    const counts: BulkCounts = { rows: 10, change: 10, no_change: 0, unknown_location: 0, invalid: 0, pending: running ? 10 - done : 0, sending: 0, done, failed: 0, unknown: running ? 0 : 10 - done, not_sent: 0 };
    return { id: 7, connectionId: 'rn1', connectionName: 'RetailNext', source: 'csv', label: 'limits.csv', fields: ['occupancy_limit'], state: 'confirmed', running, cancelling: false, createdAt: new Date(0).toISOString(), confirmedAt: new Date(0).toISOString(), counts };
  };
  const bulkScreen = () => {
    useConnections.setState({ connections: [{ id: 'rn1', vendor: 'retailnext', name: 'RetailNext' } as ConnectionView], loaded: true });
    useBulk.getState().close();
    useBulk.setState({ recent: [] });
  };

  it('Bulk changes: a run opened from the recent runs, whose counts follow the core\'s events, is read again once the core runs', async () => {
    bulkScreen();
    const { bridge, asked, calls, push } = restartingBridge('admin.bulk.preview', { 'admin.bulk.list': [bulkRun(4, true)] });
    setApiClient(bridgeClient(bridge));
    render(<><CoreStatusBanner /><BulkView /></>);
    fireEvent.click(await screen.findByRole('button', { name: 'limits.csv' }));
    await waitFor(() => expect(asked).toHaveLength(1));
    await act(async () => asked[0]!({ ok: true, value: { summary: bulkRun(4, true), rows: [], total: 0 } }));
    await waitFor(() => expect(screen.getByTestId('bulk-counts').textContent).toMatch(/^4 done .* 6 to go/));
    // the run's end (its rows in flight became "outcome unknown") was the stopped core's to tell, and it did not
    await act(async () => push({ state: 'restarting', message: coreRestartingMessage }));
    const before = calls.length;
    await act(async () => push({ state: 'running', message: 'The console is running again.' }));
    await waitFor(() => expect(asked).toHaveLength(2));
    await act(async () => asked[1]!({ ok: true, value: { summary: bulkRun(4, false), rows: [], total: 0 } }));
    await waitFor(() => expect(screen.getByTestId('bulk-counts').textContent).toMatch(/^4 done · 0 failed · 6 outcome unknown/));
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(calls.slice(before).every((c) => !/save|retry|delete|confirm|start|discard|cancel/i.test(c))).toBe(true);
  });

  it('Bulk changes: a recent run whose opening the restart cut waits beside the banner, and opens once the core runs', async () => {
    bulkScreen();
    const { bridge, asked, calls, push } = restartingBridge('admin.bulk.preview', { 'admin.bulk.list': [bulkRun(10, false)] });
    setApiClient(bridgeClient(bridge));
    render(<><CoreStatusBanner /><BulkView /></>);
    fireEvent.click(await screen.findByRole('button', { name: 'limits.csv' }));
    await waitFor(() => expect(asked).toHaveLength(1));
    await act(async () => {
      push({ state: 'restarting', message: coreRestartingMessage });
      asked[0]!({ ok: false, error: { code: 'internal', message: coreRestartingMessage } });
    });
    await waitFor(() => expect(screen.getByTestId('waiting-for-core').textContent).toMatch(/^Not loaded: the console's core cannot be reached/));
    const before = calls.length;
    await act(async () => push({ state: 'running', message: 'The console is running again.' }));
    await waitFor(() => expect(asked).toHaveLength(2));
    await act(async () => asked[1]!({ ok: true, value: { summary: bulkRun(10, false), rows: [], total: 0 } }));
    await waitFor(() => expect(screen.getByTestId('bulk-counts').textContent).toMatch(/^10 done · 0 failed/));
    expect(screen.queryByTestId('waiting-for-core')).toBeNull();
    expect(calls.slice(before).every((c) => !/save|retry|delete|confirm|start|discard|cancel/i.test(c))).toBe(true);
  });

  it('Exports: the list, kept up to date by the core\'s events (which a stopped core did not send), is read again once the core runs', async () => {
    const { bridge, calls, push } = restartingBridge('none');
    setApiClient(bridgeClient(bridge));
    render(<><CoreStatusBanner /><ExportsView /></>);
    await waitFor(() => expect(calls.filter((c) => c === 'exports.list')).toHaveLength(1));
    await act(async () => push({ state: 'restarting', message: coreRestartingMessage }));
    await act(async () => push({ state: 'running', message: 'The console is running again.' }));
    await waitFor(() => expect(calls.filter((c) => c === 'exports.list')).toHaveLength(2));
  });
});

/** A desktop bridge standing in for the preload: `answer` decides what (if anything) each call gets. */
function fakeBridge(answer: (name: string) => Promise<unknown> | null): { bridge: DesktopBridge; calls: string[]; cancelled: number[] } {
  const calls: string[] = [];
  const cancelled: number[] = [];
  const bridge = {
    calls: new Proxy({}, { get: (_t, name: string) => (_input: unknown) => (calls.push(name), answer(name) ?? new Promise(() => undefined)) }),
    cancel: (ticket: number) => void cancelled.push(ticket),
    subscribe: () => () => undefined,
  } as unknown as DesktopBridge;
  return { bridge, calls, cancelled };
}

describe("the desktop client when an answer does not come", () => {
  it('a core that never answers: the call fails in words after the silence and an unanswered check, and is cancelled', async () => {
    const { bridge, calls, cancelled } = fakeBridge(() => null);
    const client = bridgeClient(bridge, { quietMs: 50, probeMs: 50 });
    const result = await client.call('estate.tree', {} as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'timeout' } });
    expect(result.ok ? '' : result.error.message).toMatch(/^The console's core has not answered for \d+ s, not even a check that it is running, so the request was given up\. Try again; if this goes on, restart the console\.$/);
    expect(calls).toEqual(['estate.tree', 'app.info']);
    expect(cancelled).toEqual([1]);
  });

  it('a long call on a core that answers its checks waits for its answer', async () => {
    const { bridge, calls } = fakeBridge((name) => (name === 'app.info' ? Promise.resolve({ ok: true, value: {} }) : new Promise((r) => setTimeout(() => r({ ok: true, value: { done: true } }), 400))));
    const client = bridgeClient(bridge, { quietMs: 30, probeMs: 60 });
    expect(await client.call('estate.tree', {} as never)).toEqual({ ok: true, value: { done: true } });
    expect(calls.filter((c) => c === 'app.info').length).toBeGreaterThan(0);
  });
});
