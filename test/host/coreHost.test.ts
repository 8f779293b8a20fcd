import Database from 'better-sqlite3';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheVersion } from '../../src/main/estate/model';
import { CoreHost, forkCoreProcess, type CoreProcess } from '../../src/main/host/coreHost';
import { eventName, type CoreStart } from '../../src/main/host/protocol';
import type { Result } from '../../src/shared/contract/errors';
import { demoCacheFolder } from '../estate/helpers/demoCache';
import { tempDir } from '../support/temp';
import fs from 'node:fs';
import path from 'node:path';
import { createFileLogger } from '../../src/main/log/fileLogger';
import type { Logger } from '../../src/main/log/logger';

// The host protocol driven from Node: the core runs in a child process started with
// child_process.fork (the same shape as Electron's utilityProcess.fork), as in browser mode.
const quiet = { log: () => undefined };
const hosts: CoreHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

function startHost(options: { dataDir?: string; spawned?: CoreProcess[]; log?: Logger; shell?: CoreStart['shell']; partChars?: number; fromCore?: string[]; eventsFromCore?: string[] } = {}): CoreHost {
  const start: CoreStart = {
    dataDir: options.dataDir ?? tempDir('roc-host-'),
    shell: options.shell ?? 'browser',
    version: '0.0.0-host-test',
    keychainService: 'Retail Ops Console host test',
    shellServices: [],
    mediaBasePath: '/media',
    partChars: options.partChars,
  };
  const host = new CoreHost({
    start,
    log: options.log ?? quiet,
    restartDelayMs: 50,
    spawn: (s) => {
      const proc = forkCoreProcess(s);
      options.spawned?.push(proc);
      if (options.fromCore) proc.onMessage((m) => options.fromCore!.push(m.t));
      if (options.eventsFromCore) proc.onMessage((m) => void (m.t === 'event' && options.eventsFromCore!.push(eventName(m.json))));
      return proc;
    },
  });
  hosts.push(host);
  return host;
}

const parse = <T,>(json: string) => JSON.parse(json) as Result<T>;

async function until(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('core host (the core in its own process)', () => {
  it('answers calls as JSON text, refuses a malformed one in words, and pushes events', async () => {
    const host = startHost();
    await host.ready();
    expect(parse(await host.invoke('app.info', {}))).toMatchObject({ ok: true, value: { shell: 'browser', version: '0.0.0-host-test' } });
    expect(parse(await host.invoke('no.such.call', {}))).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    expect(parse(await host.invoke('app.info', { extra: 1 }))).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const events: string[] = [];
    host.onEvent(['connections.changed'], (json) => events.push(json));
    expect(parse(await host.invoke('demo.start', {}))).toMatchObject({ ok: true });
    const demoConnections = () =>
      events.map((e) => JSON.parse(e) as { event: string; payload: { connections?: unknown[] } }).filter((e) => e.event === 'connections.changed').map((e) => e.payload.connections?.length);
    await until(() => demoConnections().includes(3), 'connections.changed with the three Demo connections');
  }, 120_000);

  it('the shell is sent only the events its listeners name (the union of them, told again to a core started after a crash); each listener hears only its own', async () => {
    // What crosses the channel from the core's process, before the host hands anything to a listener.
    const eventsFromCore: string[] = [];
    const spawned: CoreProcess[] = [];
    const host = startHost({ eventsFromCore, spawned });
    await host.ready();
    let n = 0;
    // connections.changed is emitted before the save answers, on the same ordered channel: by the answer, it has come or it never will.
    const save = async () => expect(parse(await host.invoke('connections.save', { vendor: 'flow', name: `Flow ${++n}`, baseUrl: 'http://127.0.0.1:9', storeCodes: ['S1'], apiKey: 'not-a-real-key' }))).toMatchObject({ ok: true });
    const updates: string[] = [];
    const offUpdates = host.onEvent(['app.updates'], (json) => updates.push(eventName(json)));
    host.tellUpdates({ offReason: null, phase: { phase: 'idle' }, checkedAt: 1_765_000_000_000 });
    await until(() => updates.length === 1, 'the app.updates event');
    await save();
    expect(eventsFromCore).toEqual(['app.updates']);

    const connections: string[] = [];
    const offConnections = host.onEvent(['connections.changed'], (json) => connections.push(eventName(json)));
    await save();
    expect(eventsFromCore).toEqual(['app.updates', 'connections.changed']);
    expect(connections).toEqual(['connections.changed']);
    expect(updates).toEqual(['app.updates']);

    // The listener gone, its events stop at the core.
    offConnections();
    await save();
    expect(eventsFromCore).toEqual(['app.updates', 'connections.changed']);
    expect(connections).toEqual(['connections.changed']);

    // A core started again after a crash is told the list again.
    const again = host.onEvent(['connections.changed'], (json) => connections.push(eventName(json)));
    spawned[0]!.kill();
    await until(() => host.restarts === 1 && host.process !== null, 'the core to run again');
    eventsFromCore.length = 0;
    await save();
    expect(eventsFromCore).toEqual(['connections.changed']);
    expect(connections).toEqual(['connections.changed', 'connections.changed']);
    again();
    offUpdates();
  }, 120_000);

  it("a downloaded clip's preview: the core only says which file an address is; the shell reads the file itself, by range, and no media crosses the channel; live media is refused", async () => {
    const fromCore: string[] = [];
    const host = startHost({ fromCore });
    await host.ready();
    const ok = async <T,>(name: string, input: unknown): Promise<T> => {
      const r = parse<T>(await host.invoke(name, input));
      if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
      return r.value;
    };
    await ok('demo.start', {});
    const rn = (await ok<Array<{ id: string; vendor: string }>>('connections.list', {})).find((c) => c.vendor === 'retailnext')!;
    const sources = await ok<{ stores: Array<{ uuid: string; appliances: Array<{ applianceId: string; channels: Array<{ uuid: string; recordingEnabled: boolean }> }> }> }>('exports.sources', { connectionId: rn.id });
    const store = sources.stores.find((st) => st.appliances.some((a) => a.channels.some((c) => c.recordingEnabled)))!;
    const appliance = store.appliances.find((a) => a.channels.some((c) => c.recordingEnabled))!;
    const end = Math.floor(Date.now() / 1000) * 1000 - 60_000;
    const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
    const preview = await ok<{ previewId: string }>('exports.startPreview', {
      connectionId: rn.id,
      storeUuid: store.uuid,
      applianceId: appliance.applianceId,
      channels: [appliance.channels.find((c) => c.recordingEnabled)!.uuid],
      start: iso(end - 60_000),
      end: iso(end),
      folder: tempDir('roc-host-exports-'),
    });
    const job = await ok<{ id: string }>('exports.confirm', { previewId: preview.previewId });
    let done: { state: string; filePath: string | null } | undefined;
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 250))) {
      done = (await ok<Array<{ id: string; state: string; filePath: string | null }>>('exports.list', {})).find((j) => j.id === job.id);
      if (done?.state === 'done' || done?.state === 'failed') break;
    }
    expect(done?.state).toBe('done');
    const file = fs.readFileSync(done!.filePath!);
    const clip = await ok<{ url: string }>('exports.preview', { id: job.id });
    expect(clip.url).toMatch(/^\/media\/clips\/[A-Za-z0-9_-]{16,}\/clip\.[a-z0-9]+$/);
    const clipPath = clip.url.slice('/media'.length);

    const before = fromCore.length;
    const part = await host.handle({ path: clipPath, method: 'GET', range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(part.headers['Content-Range']).toBe(`bytes 100-199/${file.length}`);
    expect(Buffer.compare(Buffer.from(await new Response(part.body as ReadableStream).arrayBuffer()), file.subarray(100, 200))).toBe(0);
    const whole = await host.handle({ path: clipPath, method: 'GET' });
    expect(Buffer.compare(Buffer.from(await new Response(whole.body as ReadableStream).arrayBuffer()), file)).toBe(0);
    // One small answer per request from the core (which file), none of the file's bytes.
    expect(fromCore.slice(before)).toEqual(['clip-file', 'clip-file']);

    const unknown = await host.handle({ path: '/clips/AAAAAAAAAAAAAAAAAAAAAAAA/clip.mp4', method: 'GET' });
    expect(unknown.status).toBe(404);
    expect(new TextDecoder().decode(unknown.body as Uint8Array)).toBe('this preview is unknown or closed; press Preview again');
    const live = await host.handle({ path: '/live/AAAAAAAAAAAAAAAAAAAAAAAA/c1.m3u8', method: 'GET' });
    expect(live.status).toBe(404);
    expect(fromCore.filter((t) => t.startsWith('media'))).toEqual([]);
  }, 180_000);

  it('a crashed core: the pending call fails in words, the windows are told, and the host starts it again', async () => {
    const spawned: CoreProcess[] = [];
    const dataDir = tempDir('roc-host-');
    // The shell keeps its own log, as browser mode and the desktop app do.
    const host = startHost({ spawned, dataDir, log: createFileLogger(dataDir, { process: 'shell' }) });
    await host.ready();
    const statuses: Array<{ state: string; message: string }> = [];
    host.onStatus((status) => statuses.push(status));
    const cut = host.invoke('demo.start', {});
    spawned[0]!.kill();
    expect(parse(await cut)).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/stopped unexpectedly and is restarting/) } });
    await until(() => statuses.some((s) => s.state === 'running'), 'the core to run again');
    expect(statuses.map((s) => s.state)).toEqual(['restarting', 'running']);
    expect(host.restarts).toBe(1);
    expect(parse(await host.invoke('app.info', {}))).toMatchObject({ ok: true });
    // Each process writes its own file: the restart is the shell's story, the demo's start the core's.
    await host.invoke('demo.start', {});
    const logOf = (name: string) => fs.readFileSync(path.join(dataDir, 'logs', name), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { message: string }).message);
    expect(logOf('shell.log')).toContain('host: the core process stopped unexpectedly; starting it again');
    expect(logOf('core.log')).not.toContain('host: the core process stopped unexpectedly; starting it again');
    expect(logOf('core.log').some((m) => /simulator started/.test(m))).toBe(true);
    expect(logOf('shell.log').some((m) => /simulator started/.test(m))).toBe(false);
  }, 120_000);

  it("the shell's updater state reaches the windows (app.info, app.updates), and a core started again after a crash is told it again", async () => {
    const spawned: CoreProcess[] = [];
    const host = startHost({ spawned, shell: 'desktop' });
    await host.ready();
    const updatesOf = async () => parse<{ updates: unknown }>(await host.invoke('app.info', {}));
    expect(await updatesOf()).toMatchObject({ ok: true, value: { updates: { offReason: null, phase: { phase: 'idle' }, checkedAt: null } } });
    const pushed: unknown[] = [];
    host.onEvent(['app.updates'], (json) => pushed.push((JSON.parse(json) as { payload: unknown }).payload));
    const downloading = { offReason: null, phase: { phase: 'downloading', version: '3.2.1', percent: 40 }, checkedAt: 1_765_000_000_000 } as const;
    host.tellUpdates(downloading);
    await until(() => pushed.length === 1, 'the app.updates event');
    expect(pushed[0]).toEqual(downloading);
    expect(await updatesOf()).toMatchObject({ ok: true, value: { updates: downloading } });
    // Here the shell offers no restartToUpdate: refused in words, nothing restarts.
    expect(parse(await host.invoke('app.restartToUpdate', {}))).toMatchObject({ ok: true, value: { restart: false, reason: expect.stringMatching(/cannot restart itself/) } });

    spawned[0]!.kill();
    await until(() => host.restarts === 1 && host.process !== null, 'the core to run again');
    expect(await updatesOf()).toMatchObject({ ok: true, value: { updates: downloading } });
  }, 120_000);

  it('a cancelled call answers "cancelled" at once and its vendor request stops; the core keeps serving', async () => {
    // A vendor that accepts the connection and never answers: the connection test would wait its deadline.
    // Requests it received, and how many of the connections that carried one the client closed.
    const seen = { requests: 0, closed: 0 };
    const silent = net.createServer((socket) => {
      let carried = false;
      socket.on('data', (d) => {
        if (/^(GET|POST) /.test(String(d))) {
          carried = true;
          seen.requests++;
        }
      });
      socket.on('close', () => {
        if (carried) seen.closed++;
      });
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const host = startHost();
      await host.ready();
      const saved = parse<{ id: string }>(
        await host.invoke('connections.save', { vendor: 'flow', name: 'Silent', baseUrl: `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`, storeCodes: ['S1'], apiKey: 'not-a-real-key' }),
      );
      if (!saved.ok) throw new Error(JSON.stringify(saved.error));
      const slow = host.call('connections.test', { id: saved.value.id });
      // Sent once the core's loop gets to it (later on a busy machine, where the core runs below the shell).
      await until(() => seen.requests === 1, 'the vendor request', 10_000);
      expect(seen).toEqual({ requests: 1, closed: 0 });
      host.cancel(slow.id);
      expect(parse(await slow.result)).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      // The core gave the request up (its deadline is 10 s away): the vendor sees the connection close.
      await until(() => seen.closed === 1, 'the cancelled request to close its connection', 5_000);
      await new Promise((r) => setTimeout(r, 500));
      expect(seen).toEqual({ requests: 1, closed: 1 });
      expect(parse(await host.invoke('app.info', {}))).toMatchObject({ ok: true });
    } finally {
      silent.close();
    }
  }, 120_000);

  it('a cheap call made during a heavy read is answered, and so is the read', async () => {
    const dataDir = demoCacheFolder();
    const host = startHost({ dataDir });
    await host.ready();
    expect(parse(await host.invoke('demo.start', {}))).toMatchObject({ ok: true });
    const settled: string[] = [];
    const tree = host.invoke('estate.tree', { part: 'full' }).then((r) => (settled.push('tree'), r));
    const info = host.invoke('app.info', {}).then((r) => (settled.push('app.info'), r));
    const [treeResult, infoResult] = await Promise.all([tree, info]);
    // The tree is built on the core's read worker: the cheap call asked after it answers first.
    expect(settled).toEqual(['app.info', 'tree']);
    expect(parse(infoResult)).toMatchObject({ ok: true, value: { dataDir } });
    const built = parse<{ nodes: unknown[] }>(treeResult);
    if (!built.ok) throw new Error(JSON.stringify(built.error));
    expect(built.value.nodes.length).toBeGreaterThan(10);
  }, 180_000);

  it("a core that has just started answers the Stores view's first screen with the text the last run kept, as it is", async () => {
    const dataDir = demoCacheFolder();
    const file = path.join(dataDir, 'cache.sqlite');
    const write = (sql: string, ...params: unknown[]) => {
      const rw = new Database(file);
      rw.prepare(sql).run(...params);
      rw.close();
    };
    write('DELETE FROM it_prepared');
    const first = startHost({ dataDir });
    await first.ready();
    // Nothing asked: the core's read worker prepares the first screen as the core starts, and keeps it.
    const kept = () => {
      const db = new Database(file, { readonly: true });
      try {
        const row = db.prepare("SELECT cache_version AS v, json FROM it_prepared WHERE name = 'tree.top'").get() as { v: string; json: string } | undefined;
        return row && row.v.endsWith(`|${cacheVersion(db)}`) ? row : undefined;
      } finally {
        db.close();
      }
    };
    await until(() => kept() !== undefined, 'the first screen kept without being asked for');
    await first.close();

    // The kept copy rewritten with other spacing: an answer made from it unparsed is byte for byte this.
    const row = kept()!;
    const respaced = JSON.stringify(JSON.parse(row.json), null, 1);
    write("UPDATE it_prepared SET json = ? WHERE name = 'tree.top'", respaced);
    const next = startHost({ dataDir });
    await next.ready();
    expect(await next.invoke('estate.tree', { part: 'top' })).toBe(`{"ok":true,"value":${respaced}}`);
    // The rest of the lane loads after it: the whole tree answers too.
    const full = parse<{ nodes: unknown[] }>(await next.invoke('estate.tree', { part: 'full' }));
    expect(full.ok && full.value.nodes.length).toBeGreaterThan(10);
  }, 180_000);

  it('a core that crashes in the middle of a long answer: the caller gets the restart message, not the parts that came', async () => {
    const dataDir = demoCacheFolder();
    // Parts of 4 characters: the demo estate's tree (some 25,000) takes the core over 6,000 turns to
    // send, one part a turn, each waiting for the channel. More than the channel's buffer can hold
    // (a few hundred KB of small messages) is still to send when the first part arrives here and the
    // core is killed; at the default size the whole tree is one message already in the pipe.
    const seen: Array<{ t: string; id?: number }> = [];
    let cutAt: number | null = null;
    let armed = false;
    const host = new CoreHost({
      start: { dataDir, shell: 'browser', version: '0.0.0-host-test', keychainService: 'Retail Ops Console host test', shellServices: [], mediaBasePath: '/media', partChars: 4 },
      log: quiet,
      restartDelayMs: 50,
      spawn: (s) => {
        const proc = forkCoreProcess(s);
        return {
          ...proc,
          onMessage: (listener) =>
            proc.onMessage((m) => {
              seen.push(m as { t: string; id?: number });
              if (armed && m.t === 'result-part' && cutAt === null) {
                cutAt = seen.length;
                proc.kill();
              }
              listener(m);
            }),
        };
      },
    });
    hosts.push(host);
    await host.ready();
    const started = await host.invoke('demo.start', {});
    expect(parse(started), started).toMatchObject({ ok: true });
    // Only the tree's answer is cut (every answer longer than 4 characters comes in parts).
    armed = true;
    const answer = await host.invoke('estate.tree', { part: 'full' });
    // It was cut: some parts came, the end of the answer never did.
    expect(cutAt).not.toBeNull();
    expect(seen.slice(cutAt!).some((m) => m.t === 'result')).toBe(false);
    // The restart message alone (no part of the tree before it), which parses as it is.
    expect(JSON.parse(answer)).toEqual({ ok: false, error: { code: 'internal', message: expect.stringMatching(/stopped unexpectedly and is restarting/) } });
    // The restarted core answers the same call whole.
    await until(() => host.restarts === 1, 'the core to start again');
    const again = parse<{ nodes: unknown[] }>(await host.invoke('estate.tree', { part: 'full' }));
    expect(again.ok && again.value.nodes.length).toBeGreaterThan(10);
  }, 180_000);

  it("a long answer comes in parts, joined for the shell's own call; a short one whole", async () => {
    const dataDir = demoCacheFolder();
    // Parts of 1000 characters, so the demo estate's tree (some 25,000) comes in many.
    const host = startHost({ dataDir, partChars: 1000 });
    await host.ready();
    expect(parse(await host.invoke('demo.start', {}))).toMatchObject({ ok: true });
    const text = await host.invoke('estate.tree', { part: 'full' });
    expect(text.length).toBeGreaterThan(5000);
    expect(parse<{ nodes: unknown[] }>(text)).toMatchObject({ ok: true, value: { nodes: expect.any(Array) } });
    expect(parse(await host.invoke('app.info', {}))).toMatchObject({ ok: true });
  }, 180_000);
});
