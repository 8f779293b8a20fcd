import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../../src/main/compose';
import { KeytarSecretStore } from '../../../src/main/secrets/keytarStore';
import type { ConnectionView } from '../../../src/shared/connections/types';
import type { SyncDataset, SyncRunView } from '../../../src/shared/sync/types';

export interface DemoCache {
  core: Core;
  dataDir: string;
  connections: ConnectionView[];
  events: Array<{ name: string; payload: unknown }>;
  call<T = unknown>(name: string, input: unknown): Promise<T>;
  /** Syncs every connection (all datasets it offers unless told) and waits for the runs to end. */
  syncAll(datasets?: Partial<Record<ConnectionView['vendor'], SyncDataset[]>>): Promise<SyncRunView[]>;
  close(): Promise<void>;
}

/**
 * A real core on a fresh data folder with the Demo workspace started (the simulator in-process, its
 * credentials from memory). Kept for a whole test file (beforeAll) since a sync takes seconds.
 */
export async function openDemoCache(options: Partial<CoreOptions> = {}): Promise<DemoCache> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'roc-it-'));
  const core = createCore({ dataDir, secrets: new KeytarSecretStore(`Retail Ops Console it test ${path.basename(dataDir)}`), shell: 'browser', version: '0.0.0-test', log: { log: () => undefined }, ...options });
  const events: DemoCache['events'] = [];
  core.subscribe((name, payload) => void events.push({ name, payload }));
  const call = async <T,>(name: string, input: unknown): Promise<T> => {
    const result = await core.invoke(name, input);
    if (!result.ok) throw new Error(`${name} failed: ${result.error.code}: ${result.error.message} ${result.error.detail ?? ''}`);
    return result.value as T;
  };
  const started = await call<{ connections: ConnectionView[] }>('demo.start', {});
  const cache: DemoCache = {
    core,
    dataDir,
    connections: started.connections,
    events,
    call,
    async syncAll(datasets = {}) {
      const ids: number[] = [];
      for (const c of started.connections) {
        const wanted = datasets[c.vendor];
        if (wanted && wanted.length === 0) continue;
        const { runIds } = await call<{ runIds: number[] }>('sync.start', { connectionId: c.id, ...(wanted ? { datasets: wanted } : {}) });
        ids.push(...runIds);
      }
      const deadline = Date.now() + 120_000;
      for (;;) {
        const finished = events.filter((e) => e.name === 'sync.finished').map((e) => e.payload as SyncRunView).filter((r) => ids.includes(r.id));
        if (finished.length === ids.length) {
          const failed = finished.filter((r) => r.status !== 'ok');
          if (failed.length > 0) throw new Error(`sync failed: ${JSON.stringify(failed.map((f) => [f.dataset, f.error]))}`);
          return finished;
        }
        if (Date.now() > deadline) throw new Error('sync did not finish in time');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      await core.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return cache;
}

/**
 * A data folder whose cache was filled by a real Demo sync run in a child Node process, for tests
 * that run under happy-dom. Open it with createCore; remove it when done.
 */
export function demoCacheFolder(datasets?: Partial<Record<ConnectionView['vendor'], SyncDataset[]>>): string {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roc-it-dom-'));
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.resolve('test/estate/helpers/syncDemoChild.ts'), dataDir, JSON.stringify(datasets ?? null)], { encoding: 'utf8', timeout: 120_000 });
  if (!out.includes('synced')) throw new Error(`the demo sync did not finish: ${out}`);
  return dataDir;
}
