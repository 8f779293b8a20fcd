// Fills a data folder's cache from the large simulated estate by running the real sync code with
// zero latency: RetailNext locations, store hours, inventory and health alerts, Exteros locations,
// and a Flow connection listing every store code (no KPIs: the IT views do not need them here).
import { fork } from 'node:child_process';
import path from 'node:path';
import { createCore } from '../../src/main/compose';
import { cacheVersion } from '../../src/main/estate/model';
import { KeytarSecretStore } from '../../src/main/secrets/keytarStore';
import type { ConnectionView } from '../../src/shared/connections/types';
import type { SyncRunView } from '../../src/shared/sync/types';

interface SimInfo {
  baseUrls: { retailnext: string; flow: string; exteros: string };
  credentials: { retailnext: { subscription: string; accessKey: string; secretKey: string }; flow: { apiKey: string; storeCodes: string[] }; exteros: { apiKey: string } };
  counts: { stores: number; cameras: number; channels: number; appliances: number; locations: number };
}

export async function buildLargeCache(dataDir: string): Promise<SimInfo['counts']> {
  const child = fork(path.join(__dirname, '../sync/simChild.ts'), ['large', '0'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const sim = await new Promise<SimInfo>((resolve, reject) => {
    child.once('message', (m) => resolve(m as SimInfo));
    child.once('exit', (code) => reject(new Error(`simulator exited ${code}`)));
  });
  const core = createCore({ dataDir, secrets: new KeytarSecretStore(`Retail Ops Console bench ${path.basename(dataDir)}`), shell: 'browser', version: 'bench', log: { log: () => undefined } });
  const finished: SyncRunView[] = [];
  core.subscribe((name, payload) => name === 'sync.finished' && void finished.push(payload as SyncRunView));
  const call = async <T,>(name: string, input: unknown): Promise<T> => {
    const r = await core.invoke(name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.message} ${r.error.detail ?? ''}`);
    return r.value as T;
  };
  try {
    const c = sim.credentials;
    const rn = await call<ConnectionView>('connections.save', { vendor: 'retailnext', name: 'RN bench', baseUrl: sim.baseUrls.retailnext, subscription: c.retailnext.subscription, accessKey: c.retailnext.accessKey, secretKey: c.retailnext.secretKey });
    const ex = await call<ConnectionView>('connections.save', { vendor: 'exteros', name: 'Exteros bench', baseUrl: sim.baseUrls.exteros, apiKey: c.exteros.apiKey });
    await call('connections.save', { vendor: 'flow', name: 'Flow bench', baseUrl: sim.baseUrls.flow, storeCodes: c.flow.storeCodes, language: 'en', apiKey: c.flow.apiKey });
    const ids = [
      ...(await call<{ runIds: number[] }>('sync.start', { connectionId: rn.id, datasets: ['locations', 'store_hours', 'inventory', 'health_alerts'] })).runIds,
      ...(await call<{ runIds: number[] }>('sync.start', { connectionId: ex.id, datasets: ['locations'] })).runIds,
    ];
    while (finished.filter((r) => ids.includes(r.id)).length < ids.length) await new Promise((r) => setTimeout(r, 100));
    const failed = finished.filter((r) => r.status !== 'ok');
    if (failed.length > 0) throw new Error(`sync failed: ${JSON.stringify(failed.map((f) => [f.dataset, f.error]))}`);
    // A console stays open after a sync: a second later it prepares the IT views and keeps the
    // Stores view's first screen for its next start. Wait for that, as a user's console would have.
    const kept = core.context.db.prepare("SELECT cache_version AS v FROM it_prepared WHERE name = 'tree.top'");
    const current = () => (kept.get() as { v: string } | undefined)?.v.endsWith(`|${cacheVersion(core.context.db)}`);
    for (let waited = 0; !current(); waited += 100) {
      if (waited > 60_000) throw new Error('the console did not prepare the store tree within a minute of the sync');
      await new Promise((r) => setTimeout(r, 100));
    }
    return sim.counts;
  } finally {
    await core.close();
    child.send('close');
  }
}
