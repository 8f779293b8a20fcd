import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/open';
import { progressLayout, type DownloadThreadData, type TailHasherData } from '../../src/main/exports/threadProtocol';
import { CoreHost, forkCoreProcess } from '../../src/main/host/coreHost';
import type { CoreStart } from '../../src/main/host/protocol';
import { backgroundNice, coreProcessNice, threadNice } from '../../src/main/platform/priority';
import { startThread, type ThreadName } from '../../src/main/platform/threads';
import type { ReadThreadData } from '../../src/main/reads/protocol';
import type { WriterThreadData } from '../../src/main/sync/writer/threadProtocol';
import { tempDir } from '../support/temp';

const names = Object.keys(backgroundNice) as ThreadName[];

describe('background priority of the core threads', () => {
  it('on Linux each thread steps back below normal, the reads least and the hash most', () => {
    for (const name of names) expect(threadNice(name, 'linux')).toBeGreaterThan(0);
    const reads = threadNice('readThread', 'linux')!;
    for (const name of names) expect(threadNice(name, 'linux')!).toBeGreaterThanOrEqual(reads);
    expect(threadNice('tailHasherThread', 'linux')).toBe(19);
    expect(threadNice('syncWriterThread', 'linux')!).toBeGreaterThan(reads);
  });

  it('on macOS and Windows no thread changes its priority (it would change the whole core process)', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      for (const name of names) expect(threadNice(name, platform)).toBeNull();
    }
  });
});

/** The nice value of each thread of a process, by default this one (Linux: /proc/<pid>/task/<tid>/stat, field 19). */
function threadNices(pid: number | 'self' = 'self'): Map<string, number> {
  const nices = new Map<string, number>();
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      // Fields after the command name (in parentheses, which may hold spaces): state is field 3.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      nices.set(tid, Number(fields[19 - 3]));
    } catch {
      // the thread ended meanwhile
    }
  }
  return nices;
}

/** Waits until a thread started after `before` runs at `nice`; returns every new thread's nice value. */
async function newThreadAt(before: Map<string, number>, nice: number): Promise<number[]> {
  for (let waited = 0; waited < 15_000; waited += 50) {
    const added = [...threadNices()].filter(([tid]) => !before.has(tid)).map(([, n]) => n);
    if (added.includes(nice)) return added;
    await new Promise((r) => setTimeout(r, 50));
  }
  return [...threadNices()].filter(([tid]) => !before.has(tid)).map(([, n]) => n);
}

describe.skipIf(process.platform !== 'linux')('a core thread lowers its own priority (Linux: a nice value per thread)', () => {
  // Start data that keeps each thread alive until it is ended: a cache to read or write, a hash
  // waiting for bytes, a download waiting for an answer that does not come.
  async function start(name: ThreadName): Promise<{ worker: Worker; done(): Promise<void> }> {
    const dir = tempDir('roc-priority-');
    const file = path.join(dir, 'cache.sqlite');
    if (name === 'readThread' || name === 'syncWriterThread') openDatabase({ file }).close();
    if (name === 'readThread') {
      const workerData: ReadThreadData = { lane: 'estate', dataDir: dir };
      const worker = startThread(name, { workerData });
      worker.postMessage({ type: 'open', file });
      return { worker, done: async () => void (await worker.terminate()) };
    }
    if (name === 'syncWriterThread') {
      const workerData: WriterThreadData = { file, maxRows: 100, gatherMs: 1, cacheKiB: 1024 };
      const worker = startThread(name, { workerData });
      return { worker, done: async () => void (await worker.terminate()) };
    }
    if (name === 'tailHasherThread') {
      fs.writeFileSync(path.join(dir, 'x.part'), '');
      const workerData: TailHasherData = { path: path.join(dir, 'x.part'), shared: new SharedArrayBuffer(progressLayout.bytes), fastBytesPerSecond: 1, maxLagBytes: 1 };
      const worker = startThread(name, { workerData });
      return { worker, done: async () => void (await worker.terminate()) };
    }
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const workerData: DownloadThreadData = {
      https: false,
      host: '127.0.0.1',
      port: (silent.address() as net.AddressInfo).port,
      request: 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
      headTimeoutMs: 30_000,
      maxHeadBytes: 65_536,
      readBufferBytes: 65_536,
    };
    const worker = startThread(name, { workerData });
    return {
      worker,
      done: async () => {
        await worker.terminate();
        silent.close();
      },
    };
  }

  it.each(names)('%s runs at its background nice value and leaves the rest of the process at normal priority', async (name) => {
    expect(os.getPriority(0)).toBe(0);
    const before = threadNices();
    const thread = await start(name);
    try {
      const added = await newThreadAt(before, backgroundNice[name]);
      expect(added).toContain(backgroundNice[name]);
      // Only that one thread stepped back: this thread (the test's) and the process's others did not.
      expect(added.filter((n) => n !== 0)).toEqual([backgroundNice[name]]);
      expect(os.getPriority(0)).toBe(0);
      for (const [tid, nice] of threadNices()) if (before.has(tid)) expect(nice).toBe(before.get(tid));
    } finally {
      await thread.done();
    }
  });
});

describe('the core process steps back a little below the shell', () => {
  it('on Linux by a small nice value, smaller than any background thread, and nowhere else; its V8 helpers step back as far as the sync writer', () => {
    const core = coreProcessNice('linux')!;
    expect(core.process).toBeGreaterThan(0);
    for (const name of names) expect(threadNice(name, 'linux')!).toBeGreaterThan(core.process);
    expect(core.helpers).toBe(threadNice('syncWriterThread', 'linux'));
    expect(coreProcessNice('darwin')).toBeNull();
    expect(coreProcessNice('win32')).toBeNull();
  });

  it.skipIf(process.platform !== 'linux')("the real core process runs its call loop at that value and Node's helper threads at theirs while the shell (this process) stays at normal", async () => {
    const start: CoreStart = {
      dataDir: tempDir('roc-priority-'),
      shell: 'browser',
      version: '0.0.0-priority-test',
      keychainService: 'Retail Ops Console priority test',
      shellServices: [],
      mediaBasePath: '/media',
    };
    let pid: number | undefined;
    const host = new CoreHost({
      start,
      log: { log: () => undefined },
      spawn: (s) => {
        const proc = forkCoreProcess(s);
        pid = proc.pid;
        return proc;
      },
    });
    try {
      await host.ready();
      // Its heavy reads run on a worker that steps back further (started by the first tree read).
      expect(JSON.parse(await host.invoke('estate.tree', { part: 'top' }))).toMatchObject({ ok: true });
      const core = threadNices(pid!);
      const { process: loop, helpers } = coreProcessNice('linux')!;
      expect(core.get(String(pid))).toBe(loop);
      expect([...core.values()].every((n) => n >= loop)).toBe(true);
      expect([...core.values()]).toContain(backgroundNice.readThread);
      // V8's helpers (garbage collection, compilation), started with the process: no sync or
      // download runs here, so no other thread of the core is at their value.
      expect([...core.values()].filter((n) => n === helpers).length).toBeGreaterThanOrEqual(1);
      expect(helpers).toBeGreaterThan(loop);
      expect(os.getPriority(0)).toBe(0);
    } finally {
      await host.close();
    }
  }, 60_000);
});
