// What the administration benches start from: the large estate's simulator in a child process (the
// given latency on every request), a core in this process with a RetailNext connection to it, and
// that connection's locations synced.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../../src/main/compose';
import { KeytarSecretStore } from '../../src/main/secrets/keytarStore';
import { connectionAccount } from '../../src/main/secrets/store';
import type { ConnectionView } from '../../src/shared/connections/types';
import type { SyncRunView } from '../../src/shared/sync/types';
import type { SimInfo } from '../cli';

export interface AdminBenchRig {
  sim: SimInfo;
  core: Core;
  rn: ConnectionView;
  dataDir: string;
  call<T>(name: string, input: unknown): Promise<T>;
  /** Closes the core, forgets the key, removes the data folder and stops the simulator. */
  close(): Promise<void>;
}

export async function openAdminBenchRig(name: string, latencyMs: number): Promise<AdminBenchRig> {
  const child = fork(path.join(__dirname, '..', 'sync', 'simChild.ts'), ['large', String(latencyMs)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  process.on('exit', () => child.kill());
  const sim = await new Promise<SimInfo>((resolve, reject) => {
    child.once('message', (m) => resolve(m as SimInfo));
    child.once('exit', (code) => reject(new Error(`simulator exited ${code}`)));
  });

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `roc-bench-${name}-`));
  const secrets = new KeytarSecretStore(`Retail Ops Console ${name} bench ${path.basename(dataDir)}`);
  const core = createCore({ dataDir, secrets, shell: 'browser', version: 'bench', log: { log: () => undefined } });
  const events: Array<{ name: string; payload: unknown }> = [];
  core.subscribe((event, payload) => void events.push({ name: event, payload }));
  const call = async <T>(callName: string, input: unknown): Promise<T> => {
    const r = await core.invoke(callName, input);
    if (!r.ok) throw new Error(`${callName}: ${r.error.message} ${r.error.detail ?? ''}`);
    return r.value as T;
  };
  const c = sim.credentials.retailnext;
  const rn = await call<ConnectionView>('connections.save', { vendor: 'retailnext', name: 'RN bench', baseUrl: sim.baseUrls.retailnext, subscription: c.subscription, accessKey: c.accessKey, secretKey: c.secretKey });
  const close = async () => {
    await core.close();
    await secrets.delete(connectionAccount(rn.id)).catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
    child.send('close');
  };
  try {
    const { runIds } = await call<{ runIds: number[] }>('sync.start', { connectionId: rn.id, datasets: ['locations'] });
    while (!events.some((e) => e.name === 'sync.finished' && (e.payload as SyncRunView).id === runIds[0])) await new Promise((r) => setTimeout(r, 20));
  } catch (e) {
    await close();
    throw e;
  }
  return { sim, core, rn, dataDir, call, close };
}
