import path from 'node:path';
import { appHandlers } from '../app/handlers';
import { connectionHandlers } from '../connections/handlers';
import { ConnectionsService } from '../connections/service';
import { openDatabase } from '../db/open';
import { demoHandlers } from '../demo/handlers';
import { DemoWorkspace } from '../demo/workspace';
import { createFileLogger } from '../log/fileLogger';
import type { Logger } from '../log/logger';
import type { SecretStore } from '../secrets/store';
import { syncHandlers } from '../sync/handlers';
import { reportsHandlers } from '../reports/handlers';
import { createExports, exportHandlers } from '../exports/handlers';
import { liveHandlers } from '../live/handlers';
import { estateHandlers } from '../estate/handlers';
import { inventoryHandlers } from '../inventory/handlers';
import { auditHandlers } from '../audit/handlers';
import { alertHandlers } from '../alerts/handlers';
import { adminHandlers } from '../admin/handlers';
import { AdminService } from '../admin/service';
import { SyncService } from '../sync/service';
import type { CoreContext } from './context';
import { createDispatcher, type Invoke } from './dispatch';
import { EventHub, type EventListener } from './events';
import type { ShellServices } from './shellServices';
import type { Handlers } from './handlers';

export interface CoreOptions {
  dataDir: string;
  secrets: SecretStore;
  shell: 'desktop' | 'browser';
  version: string;
  now?: () => Date;
  log?: Logger;
  /** Native dialogs, file manager, notifications: given by the desktop shell only. */
  shellServices?: ShellServices;
  /** better-sqlite3 addon built for Electron's ABI, when running inside Electron. */
  sqliteNativeBinding?: string;
}

export interface Core {
  invoke: Invoke;
  subscribe(listener: EventListener): () => void;
  context: CoreContext;
  close(): Promise<void>;
}

/** Builds the console's behaviour from its services. Knows nothing of Electron or of sockets. */
export function createCore(options: CoreOptions): Core {
  const log = options.log ?? createFileLogger(options.dataDir);
  const db = openDatabase({ file: path.join(options.dataDir, 'cache.sqlite'), nativeBinding: options.sqliteNativeBinding });
  const hub = new EventHub();
  const ctx: CoreContext = {
    db,
    secrets: options.secrets,
    log,
    dataDir: options.dataDir,
    now: options.now ?? (() => new Date()),
    shell: options.shellServices ?? {},
    emit: (name, payload) => hub.emit(name, payload),
  };
  const connections = new ConnectionsService(ctx);
  const demo = new DemoWorkspace(ctx, connections);
  connections.linkDemo(demo);
  demo.resume();
  const sync = new SyncService(ctx, { connections, sqliteNativeBinding: options.sqliteNativeBinding });
  const closers: Array<() => Promise<void> | void> = [() => demo.close(), () => sync.close()];
  const video = createExports(ctx, connections);
  closers.push(() => video.service.close());
  const admin = new AdminService(ctx, connections);
  closers.push(() => admin.close());

  const handlers: Handlers = {
    ...appHandlers(ctx, { version: options.version, shell: options.shell }),
    ...connectionHandlers(ctx, connections),
    ...syncHandlers(ctx, { connections, service: sync }),
    ...demoHandlers(demo),
    ...reportsHandlers(ctx, { connections }),
    ...exportHandlers(video),
    ...liveHandlers(ctx, { connections, sources: video.sources }),
    ...estateHandlers(ctx, (listener) => hub.subscribe(listener)),
    ...inventoryHandlers(ctx),
    ...auditHandlers(ctx),
    ...alertHandlers(ctx, (listener) => hub.subscribe(listener)),
    ...adminHandlers(ctx, admin),
  };

  return {
    invoke: createDispatcher(handlers, log),
    subscribe: (listener) => hub.subscribe(listener),
    context: ctx,
    async close() {
      if (!db.open) return;
      for (const close of closers.reverse()) await close();
      db.close();
    },
  };
}
