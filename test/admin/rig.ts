import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../../src/main/compose';
import { KeytarSecretStore } from '../../src/main/secrets/keytarStore';
import { connectionAccount } from '../../src/main/secrets/store';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import type { EstateSize } from '../../src/simulator/estate/types';
import type { ConnectionView } from '../../src/shared/connections/types';
import type { SyncDataset, SyncRunView } from '../../src/shared/sync/types';
import type { Keytar } from '../support/gatedKeychain';

export interface AdminRig {
  sim: RunningSimulator;
  core: Core;
  dataDir: string;
  rn: ConnectionView;
  events: Array<{ name: string; payload: unknown }>;
  call<T = unknown>(name: string, input: unknown): Promise<T>;
  /** The call's contract error (code and words), for calls that must fail. */
  fail(name: string, input: unknown): Promise<{ code: string; message: string; detail?: string }>;
  sync(datasets: SyncDataset[]): Promise<void>;
  /** A new core on the same data folder (what a restart is). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real core on a fresh data folder with a RetailNext connection (keys in the real keychain) to a
 * simulator of its own, whose estate and faults the test controls. `keychain`: how the keychain module
 * is loaded (a gated one: test/support/gatedKeychain.ts).
 */
export async function openAdminRig(size: Partial<EstateSize> = {}, options: { now?: () => Date; keychain?: () => Promise<Keytar> } = {}): Promise<AdminRig> {
  // One clock for the simulator and the core: a test that pins it sees the vendor at the same instant.
  const sim = await startSimulator({ seed: 12, scale: { regions: 3, stores: 25, camerasPerStore: 1, users: 12, alertSources: 1, ...size }, now: options.now });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roc-admin-'));
  const secrets = new KeytarSecretStore(`Retail Ops Console admin test ${path.basename(dataDir)}`, options.keychain);
  const open = () => createCore({ dataDir, secrets, shell: 'browser', version: '0.0.0-test', log: { log: () => undefined }, now: options.now });
  const events: AdminRig['events'] = [];
  const rig = {} as AdminRig;
  const attach = (core: Core) => {
    rig.core = core;
    core.subscribe((name, payload) => void events.push({ name, payload }));
  };
  attach(open());
  const call = async <T,>(name: string, input: unknown): Promise<T> => {
    const result = await rig.core.invoke(name, input);
    if (!result.ok) throw new Error(`${name} failed: ${result.error.code}: ${result.error.message} ${result.error.detail ?? ''}`);
    return result.value as T;
  };
  const c = sim.credentials.retailnext;
  const rn = await call<ConnectionView>('connections.save', { vendor: 'retailnext', name: 'RN admin', baseUrl: sim.baseUrls.retailnext, subscription: c.subscription, accessKey: c.accessKey, secretKey: c.secretKey });
  Object.assign(rig, {
    sim,
    dataDir,
    rn,
    events,
    call,
    async fail(name: string, input: unknown) {
      const result = await rig.core.invoke(name, input);
      if (result.ok) throw new Error(`${name} should have failed`);
      return result.error;
    },
    async sync(datasets: SyncDataset[]) {
      const { runIds } = await call<{ runIds: number[] }>('sync.start', { connectionId: rn.id, datasets });
      const deadline = Date.now() + 60_000;
      for (;;) {
        const done = events.filter((e) => e.name === 'sync.finished').map((e) => e.payload as SyncRunView).filter((r) => runIds.includes(r.id));
        if (done.length === runIds.length) {
          const bad = done.filter((r) => r.status !== 'ok');
          if (bad.length) throw new Error(`sync failed: ${JSON.stringify(bad.map((b) => b.error))}`);
          return;
        }
        if (Date.now() > deadline) throw new Error('sync did not finish');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async restart() {
      await rig.core.close();
      attach(open());
    },
    async close() {
      await rig.core.close();
      await secrets.delete(connectionAccount(rn.id)).catch(() => undefined);
      await sim.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  });
  return rig;
}
