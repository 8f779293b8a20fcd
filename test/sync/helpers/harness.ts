import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { ConnectionView } from '../../../src/shared/connections/types';
import type { EventName } from '../../../src/shared/contract/events';
import { ConnectionsService } from '../../../src/main/connections/service';
import type { CoreContext } from '../../../src/main/core/context';
import { openDatabase, type Db } from '../../../src/main/db/open';
import { KeytarSecretStore } from '../../../src/main/secrets/keytarStore';
import { SyncService, type SyncDeps } from '../../../src/main/sync/service';
import type { HttpTiming } from '../../../src/main/vendors/http/client';
import type { RunningSimulator } from '../../../src/simulator';

export interface Harness {
  dir: string;
  file: string;
  db: Db;
  ctx: CoreContext;
  connections: ConnectionsService;
  sync: SyncService;
  events: Array<{ name: EventName; payload: unknown }>;
  close(): Promise<void>;
}

export function createHarness(options: { now?: () => Date; dir?: string; writer?: 'auto' | 'inline'; recordRetryMs?: number; httpTiming?: HttpTiming; warmHttpAfterMs?: number; onWriterThread?: (thread: Worker) => void; kpiHoldings?: SyncDeps['kpiHoldings'] } = {}): Harness {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'roc-sync-'));
  const file = path.join(dir, 'cache.sqlite');
  const db = openDatabase({ file });
  const events: Harness['events'] = [];
  const ctx: CoreContext = {
    db,
    // The real keychain (tests run in scripts/with-keyring.sh), under a service name of this data
    // folder so a child process opening the same folder finds the same secrets.
    secrets: new KeytarSecretStore(`Retail Ops Console test ${path.basename(dir)}`),
    log: { log: () => undefined },
    dataDir: dir,
    now: options.now ?? (() => new Date()),
    emit: (name, payload) => void events.push({ name, payload }),
    shell: {},
  };
  const connections = new ConnectionsService(ctx);
  const sync = new SyncService(ctx, { connections, writer: options.writer, recordRetryMs: options.recordRetryMs, httpTiming: options.httpTiming, warmHttpAfterMs: options.warmHttpAfterMs, onWriterThread: options.onWriterThread, kpiHoldings: options.kpiHoldings });
  return {
    dir,
    file,
    db,
    ctx,
    connections,
    sync,
    events,
    async close() {
      await sync.close();
      if (db.open) db.close();
      if (!options.dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function addSimConnections(h: Harness, sim: RunningSimulator, storeCodes?: string[]): Promise<{ rn: ConnectionView; flow: ConnectionView; ex: ConnectionView }> {
  const c = sim.credentials;
  const rn = await h.connections.save({ vendor: 'retailnext', name: 'RN sim', baseUrl: sim.baseUrls.retailnext, subscription: c.retailnext.subscription, accessKey: c.retailnext.accessKey, secretKey: c.retailnext.secretKey });
  const flow = await h.connections.save({ vendor: 'flow', name: 'Flow sim', baseUrl: sim.baseUrls.flow, storeCodes: storeCodes ?? c.flow.storeCodes, language: 'en', apiKey: c.flow.apiKey });
  const ex = await h.connections.save({ vendor: 'exteros', name: 'Exteros sim', baseUrl: sim.baseUrls.exteros, apiKey: c.exteros.apiKey });
  return { rn, flow, ex };
}

export function count(db: Db, sql: string, ...params: unknown[]): number {
  return (db.prepare(sql).get(...params) as { n: number }).n;
}
