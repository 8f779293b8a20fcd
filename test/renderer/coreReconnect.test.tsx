import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreHost, forkCoreProcess, type CoreProcess } from '../../src/main/host/coreHost';
import { startBrowserServer, type BrowserServer } from '../../src/main/shell/browser/server';
import { api, setApiClient, socketClient } from '../../src/renderer/src/api/client';
import { CoreStatusBanner } from '../../src/renderer/src/ui/CoreStatusBanner';
import { tempDir } from '../support/temp';

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
