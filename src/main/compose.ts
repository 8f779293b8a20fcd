import path from 'node:path';
import { AdminService } from './admin/service';
import { ChangeLog } from './changeLog/changeLog';
import { adminHandlers } from './admin/handlers';
import type { DraftCheck } from './admin/bulkCheck';
import { storeLayoutHandlers } from './storeLayout/handlers';
import { alertHandlers } from './alerts/handlers';
import { AlertsService, type FreshAlerts } from './alerts/service';
import { appHandlers } from './app/handlers';
import { ShellUpdates } from './app/updates';
import { auditHandlers } from './audit/handlers';
import { AuditFindings } from './audit/service';
import { connectionHandlers } from './connections/handlers';
import { ConnectionsService } from './connections/service';
import type { CoreContext } from './core/context';
import { createDispatcher, type Invoke } from './core/dispatch';
import { EventHub, type EventListener } from './core/events';
import type { Handlers } from './core/handlers';
import type { ShellServices } from './core/shellServices';
import { openDatabase } from './db/open';
import { demoHandlers } from './demo/handlers';
import { DemoHistory } from './demo/history';
import { DemoWorkspace } from './demo/workspace';
import { estateHandlers } from './estate/handlers';
import { EstateService } from './estate/service';
import { exportHandlers } from './exports/handlers';
import { ExportsService } from './exports/service';
import { inventoryHandlers } from './inventory/handlers';
import { InventoryTables } from './inventory/table';
import { resultJson, resultValue } from './core/jsonText';
import { liveHandlers } from './live/handlers';
import { LiveService, type MediaRoute } from './live/service';
import { LiveWallsService } from './live/walls';
import { createFileLogger } from './log/fileLogger';
import { liftListenerLimit } from './platform/signals';
import type { Logger } from './log/logger';
import { occupancyBoardHandlers } from './occupancyBoard/handlers';
import { OccupancyBoardService } from './occupancyBoard/service';
import { readHandlers } from './reads/handlers';
import { ReadsService, type ReadsOptions } from './reads/service';
import { reportsHandlers } from './reports/handlers';
import type { PredictionSource } from './reports/predictions';
import type { SecretStore } from './secrets/store';
import { syncHandlers } from './sync/handlers';
import { SyncService } from './sync/service';
import type { KpiHoldings } from './reports/holdings';
import { storesSyncRange } from './sync/storeZones';
import { SyncScheduler } from './sync/background/scheduler';
import { VideoSourcesService } from './video/sources';
import { HttpPools } from './vendors/http/pools';

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
  /** Sync on the schedules by itself (the shells turn it on; tests leave it off unless they test it). */
  backgroundSync?: boolean;
  /** Load the admin read lane two seconds after the start (the host turns it on; tests leave it to the first admin read). */
  warmAdminReads?: boolean;
  /** Heavy reads on worker threads (`auto`, the default) or on the core's own loop (`inline`: comparisons in tests and benches). */
  reads?: 'auto' | 'inline';
  /** Tests only: points where a test stops the core between two steps, as a crash would (none in the shells). */
  testHooks?: { exportStartAnswered?: () => Promise<void> };
  /** Read workers started before the core was built (host/coreProcess.ts), so their load overlapped its own. */
  readThreads?: ReadsOptions['started'];
}

export interface Core {
  /** A call's Result as a value (in-process callers: tests, benches). */
  invoke: Invoke;
  /**
   * A call's Result as JSON text, made without parsing what a read worker answered (the host sends
   * it on as it is). `signal` is the caller's: aborting it stops the call's work (a cancelled call).
   */
  answer(name: unknown, input: unknown, signal?: AbortSignal): Promise<string>;
  subscribe(listener: EventListener): () => void;
  context: CoreContext;
  /** Live video's playlists and segments (asked for over a window's own port or socket), and downloaded exports' previews (which a shell serves under its media path). */
  media: MediaRoute;
  /** Where the desktop shell's updater stands; the shell tells the core (host protocol `updates`). */
  updates: Pick<ShellUpdates, 'set'>;
  close(): Promise<void>;
}

/**
 * The composition root: builds each service of the core once and hands it to those that use it,
 * so no feature reaches another through module state and none imports one built on it. Knows
 * nothing of Electron or of sockets.
 */
export function createCore(options: CoreOptions): Core {
  const log = options.log ?? createFileLogger(options.dataDir, { process: 'core' });
  const db = openDatabase({ file: path.join(options.dataDir, 'cache.sqlite'), nativeBinding: options.sqliteNativeBinding });
  const hub = new EventHub();
  const subscribe = (listener: EventListener) => hub.subscribe(listener);
  const ctx: CoreContext = {
    db,
    secrets: options.secrets,
    log,
    dataDir: options.dataDir,
    now: options.now ?? (() => new Date()),
    shell: options.shellServices ?? {},
    emit: (name, payload) => hub.emit(name, payload),
  };
  // The estate's heavy reads (model, trees, tables, reports) run on read workers. The estate's
  // starts now: the Stores view's first answer, asked as soon as the core is ready, needs it.
  const reads = new ReadsService(ctx, { sqliteNativeBinding: options.sqliteNativeBinding, mode: options.reads, started: options.readThreads });
  reads.start('estate');
  // The admin lane (the change log's pages, the users, the drafts' checks) is loaded two seconds on,
  // after the first screen: a lane started at its first read answers it 0.4-0.5 s late (built; 1-2 s
  // from sources). Loaded and idle it holds about 18 MB.
  const adminLane = options.warmAdminReads ? setTimeout(() => reads.warm('admin', 'start'), 2_000) : undefined;
  adminLane?.unref?.();

  // Concurrency limits and connection pools every request to a vendor shares while the core runs.
  const http = new HttpPools();
  const connections = new ConnectionsService(ctx, http);
  const demo = new DemoWorkspace(ctx, connections);
  connections.linkDemo(demo);
  demo.resume();
  const sync = new SyncService(ctx, {
    connections,
    sqliteNativeBinding: options.sqliteNativeBinding,
    kpiHoldings: (connectionId) => reads.value<KpiHoldings>('reports', 'sync.kpiHoldings', { connectionId }),
  });
  const scheduler = new SyncScheduler(ctx, {
    sync,
    connections,
    enabled: options.backgroundSync ?? false,
    subscribe,
    probe: async (id) => void (await connections.test(id)),
  });
  // The Demo's cache also holds the weeks Reports compares its default week with.
  const demoHistory = new DemoHistory(ctx, { sync, connections, subscribe, storesWeek: () => storesSyncRange(db, ctx.now()), backgroundOn: () => scheduler.runsInBackground() });
  const sources = new VideoSourcesService(ctx, connections);
  // One change log for every write to a vendor: administration's and the exports' starts and deletes.
  const changes = new ChangeLog(db, ctx.now);
  const exports = new ExportsService(ctx, connections, sources, changes, { afterStartAnswer: options.testHooks?.exportStartAnswered });
  const live = new LiveService(ctx, connections, sources);
  // The core's own estate service schedules the estate lane's warm-up; what it reads runs on the lane.
  const estate = new EstateService(ctx, new AuditFindings(db));
  const inventory = new InventoryTables(estate);
  estate.keepWarm(subscribe, (part) => reads.warm('estate', part));
  const alerts = new AlertsService(
    ctx,
    estate,
    (connectionId) => reads.valueApart<FreshAlerts>('estate', 'alerts.fresh', { connectionId }, 'fresh'),
    (sql, params) => sync.write({ steps: [{ sql, rows: [params] }] }),
  );
  const admin = new AdminService(ctx, connections, changes, {
    checkDraft: (input) => reads.valueApart<DraftCheck>('admin', 'admin.bulk.check', input, 'rows'),
    write: (job) => sync.write(job),
  });
  const occupancyBoard = new OccupancyBoardService(ctx, connections);
  const updates = new ShellUpdates(ctx, options.shell);
  const closers: Array<() => Promise<void> | void> = [() => demoHistory.close(), () => demo.close(), () => sync.close(), () => scheduler.close(), () => exports.close(), () => admin.close(), () => estate.close(), () => reads.close(), () => http.close(), () => clearTimeout(adminLane)];

  const handlers: Handlers = {
    ...appHandlers(ctx, { version: options.version, shell: options.shell }, updates),
    ...connectionHandlers(ctx, connections),
    ...syncHandlers(ctx, { connections, service: sync, scheduler }),
    ...demoHandlers(demo),
    ...reportsHandlers(ctx, { connections, sources: (nodeId, signal) => reads.value<PredictionSource[]>('reports', 'reports.predictionSources', { nodeId }, signal) }),
    ...exportHandlers({ sources, service: exports }),
    ...liveHandlers(live, new LiveWallsService(ctx)),
    ...estateHandlers(ctx, estate),
    ...inventoryHandlers(ctx, estate, inventory),
    ...auditHandlers(ctx, estate),
    ...alertHandlers(ctx, alerts, subscribe),
    ...adminHandlers(ctx, admin),
    ...occupancyBoardHandlers(occupancyBoard),
    ...storeLayoutHandlers(ctx, { connections }),
    ...readHandlers(ctx, reads),
  };

  // Two seconds on: the window a shell opens as the core starts asks for its first screen meanwhile.
  scheduler.start(2_000);

  // Aborted first thing on close: every call still running stops its vendor requests.
  const closing = new AbortController();
  liftListenerLimit(closing.signal);
  const dispatch = createDispatcher(handlers, log, closing.signal);
  return {
    invoke: async (name, input, signal) => resultValue(await dispatch(name, input, signal)),
    answer: async (name, input, signal) => resultJson(await dispatch(name, input, signal)),
    subscribe,
    context: ctx,
    // one media route: live video (to the windows' own channels) and downloaded exports played in the console (the shells)
    media: {
      expose(base) {
        live.expose(base);
        exports.clips.expose(base);
      },
      handle: (req) => (req.path.startsWith('/clips/') ? exports.clips.handle(req) : live.handle(req)),
      clipFile: (p) => exports.clips.locate(p),
    },
    updates: { set: (status) => updates.set(status) },
    async close() {
      if (!db.open) return;
      closing.abort();
      for (const close of closers.reverse()) await close();
      db.close();
    },
  };
}
