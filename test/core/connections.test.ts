import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserServer } from '../../src/main/shell/browser/server';
import type { ConnectionView } from '../../src/shared/connections/types';
import type { VideoSources } from '../../src/shared/exports/types';
import type { LiveSession } from '../../src/shared/live/types';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { callOk, startTestCore } from '../support/core';
import { tempDir } from '../support/temp';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, scale: 'demo' });
});
afterAll(() => sim.close());

/** Every file of the data folder, to prove a secret was written to none of them. */
function dataFolderBytes(dir: string): string {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => fs.readFileSync(path.join(e.parentPath, e.name)).toString('latin1'))
    .join('\n');
}

describe('connections', () => {
  it('adds, lists, edits and removes; the secret lives only in the keychain', async () => {
    const core = startTestCore();
    const secretKey = sim.credentials.retailnext.secretKey;
    const saved = await callOk<ConnectionView>(core, 'connections.save', {
      vendor: 'retailnext',
      name: 'HQ',
      baseUrl: sim.baseUrls.retailnext,
      subscription: 'demo',
      accessKey: sim.credentials.retailnext.accessKey,
      secretKey,
    });
    expect(saved).toMatchObject({ vendor: 'retailnext', name: 'HQ', secretSet: true, isDemo: false, settings: { subscription: 'demo' } });
    expect(JSON.stringify(saved)).not.toContain(secretKey);

    const listed = await callOk<ConnectionView[]>(core, 'connections.list', {});
    expect(listed.map((c) => c.id)).toEqual([saved.id]);
    expect(JSON.stringify(listed)).not.toContain(secretKey);
    expect(await core.context.secrets.get(`connection:${saved.id}`)).toBe(secretKey);

    // Editing without a secret keeps the one in the keychain.
    const edited = await callOk<ConnectionView>(core, 'connections.save', { ...saved.settings, vendor: 'retailnext', id: saved.id, name: 'Head office', baseUrl: saved.baseUrl });
    expect(edited.name).toBe('Head office');
    expect(await core.context.secrets.get(`connection:${saved.id}`)).toBe(secretKey);

    const report = await callOk<{ latencyMs: number; summary: string }>(core, 'connections.test', { id: saved.id });
    expect(report.summary.length).toBeGreaterThan(0);

    expect(dataFolderBytes(core.context.dataDir)).not.toContain(secretKey);

    await callOk(core, 'connections.remove', { id: saved.id });
    expect(await callOk(core, 'connections.list', {})).toEqual([]);
    expect(await core.context.secrets.get(`connection:${saved.id}`)).toBeNull();
  });

  it('tells a wrong key from an unreachable vendor', async () => {
    const core = startTestCore();
    const wrong = await callOk<ConnectionView>(core, 'connections.save', { vendor: 'exteros', name: 'X', baseUrl: sim.baseUrls.exteros, apiKey: 'not-the-key' });
    const r1 = await core.invoke('connections.test', { id: wrong.id });
    expect(r1).toMatchObject({ ok: false, error: { code: 'auth_failed' } });
    expect(JSON.stringify(r1)).not.toContain('not-the-key');

    const closed = await callOk<ConnectionView>(core, 'connections.save', { vendor: 'exteros', name: 'Y', baseUrl: 'http://127.0.0.1:1', apiKey: 'k' });
    expect(await core.invoke('connections.test', { id: closed.id })).toMatchObject({ ok: false, error: { code: 'offline' } });
  });

  it('refuses plain http to anything but this machine, and a new connection without its secret', async () => {
    const core = startTestCore();
    const http = await core.invoke('connections.save', { vendor: 'exteros', name: 'X', baseUrl: 'http://vendor.example.com', apiKey: 'k' });
    expect(http).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/unencrypted/) } });
    const noSecret = await core.invoke('connections.save', { vendor: 'flow', name: 'F', storeCodes: ['1'] });
    expect(noSecret).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'The API key is required.' } });
    const wildcard = await core.invoke('connections.save', { vendor: 'flow', name: 'F', storeCodes: ['*'], apiKey: 'k' });
    expect(wildcard).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/wildcard/) } });
    expect(await callOk(core, 'connections.list', {})).toEqual([]);
  });

  it('keeps connections across a restart of the core', async () => {
    const first = startTestCore();
    const saved = await callOk<ConnectionView>(first, 'connections.save', { vendor: 'flow', name: 'Flow EU', storeCodes: ['101', '102'], language: 'fr', apiKey: 'k-1' });
    const { dataDir, secrets } = first.context;
    await first.close();
    const second = startTestCore({ dataDir, secrets });
    expect(await callOk(second, 'connections.list', {})).toEqual([saved]);
  });
});

describe('the Demo workspace', () => {
  it('starts the simulator and adds three working, labelled connections without touching the keychain', async () => {
    const core = startTestCore();
    const status = await callOk<{ running: boolean; connections: ConnectionView[] }>(core, 'demo.start', {});
    expect(status.running).toBe(true);
    expect(status.connections.map((c) => c.vendor).sort()).toEqual(['exteros', 'flow', 'retailnext']);
    for (const c of status.connections) {
      expect(c.isDemo).toBe(true);
      expect(c.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
      expect(await core.context.secrets.get(`connection:${c.id}`)).toBeNull();
      const report = await callOk<{ summary: string }>(core, 'connections.test', { id: c.id });
      expect(report.summary).not.toBe('');
    }
    // Starting again reuses the three connections.
    const again = await callOk<{ connections: ConnectionView[] }>(core, 'demo.start', {});
    expect(again.connections.map((c) => c.id).sort()).toEqual(status.connections.map((c) => c.id).sort());

    expect(await callOk(core, 'demo.stop', {})).toEqual({ removed: 3 });
    expect(await callOk(core, 'connections.list', {})).toEqual([]);
  });

  it('comes back after a restart, simulator included: Live and Exports work without pressing Test', async () => {
    const first = startTestCore();
    const before = await callOk<{ connections: ConnectionView[] }>(first, 'demo.start', {});
    const { dataDir, secrets } = first.context;
    await first.close();

    const second = startTestCore({ dataDir, secrets });
    const announced = new Promise<ConnectionView[]>((resolve) =>
      second.subscribe((name, payload) => {
        if (name === 'connections.changed') resolve((payload as { connections: ConnectionView[] }).connections);
      }),
    );
    const server = await startBrowserServer({ core: second, staticDir: tempDir('roc-static-') });
    try {
      const retailnext = before.connections.find((c) => c.vendor === 'retailnext')!;
      // Straight away, as a user opening Exports or Live would: no demo.start, no connections.test.
      const sources = await callOk<VideoSources>(second, 'exports.sources', { connectionId: retailnext.id });
      const store = sources.stores.find((s) => s.appliances.some((a) => a.channels.length > 0));
      expect(store, 'a demo store with video').toBeDefined();
      const session = await callOk<LiveSession>(second, 'live.open', { connectionId: retailnext.id, storeUuid: store!.uuid });
      expect(session.channels.length).toBeGreaterThan(0);

      // The demo connections are announced again with the simulator's address, never the vendors' own.
      const after = await announced;
      expect(after.map((c) => c.id).sort()).toEqual(before.connections.map((c) => c.id).sort());
      for (const c of after) expect(c.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
      for (const c of await callOk<ConnectionView[]>(second, 'connections.list', {})) expect(c.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:/);
    } finally {
      await server.close();
    }
  });

  it('a call given up while the Demo simulator is still starting stops waiting for its key at once', async () => {
    const first = startTestCore();
    const { connections } = await callOk<{ connections: ConnectionView[] }>(first, 'demo.start', {});
    const { dataDir, secrets } = first.context;
    await first.close();

    // After a restart the simulator starts again in the background; it is up when the connections are announced.
    const second = startTestCore({ dataDir, secrets });
    let simulatorUp = false;
    second.subscribe((name) => {
      if (name === 'connections.changed') simulatorUp = true;
    });
    const controller = new AbortController();
    const testing = second.invoke('connections.test', { id: connections[0]!.id }, controller.signal);
    controller.abort();
    const answer = await testing;
    expect({ answer, simulatorUp }).toMatchObject({ answer: { ok: false, error: { code: 'cancelled' } }, simulatorUp: false });
    await expect.poll(() => simulatorUp, { timeout: 30_000 }).toBe(true);
    await second.close();
  });
});
