import { setMaxListeners } from 'node:events';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { z } from 'zod';
import type { ConnectionView } from '../../shared/connections/types';
import { AppError, isAppError, type ContractError } from '../../shared/contract/errors';
import type { syncStartInput } from '../../shared/sync/contract';
import { datasetsByVendor, syncDatasets, type DatasetFreshness, type SyncDataset, type SyncRunView, type SyncStatus, type SyncTrigger } from '../../shared/sync/types';
import type { CoreContext } from '../core/context';
import { localDate } from '../vendors/dates';
import type { HttpTiming } from '../vendors/http/client';
import { warmUndici } from '../vendors/http/undici';
import type { VendorTarget } from '../vendors/target';
import type { Job, JobContext } from './job';
import { exterosKpis, flowKpis, retailNextKpis } from './kpiJobs';
import { defaultSyncRange, StoreZones } from './storeZones';
import { kpiHoldings, type KpiHoldings } from '../reports/holdings';
import { SyncRuns } from './runs';
import { UnrecordedRunsFile, type RunOutcome } from './unrecordedRuns';
import { purgeRetiredSnapshots, recoverSnapshots } from './snapshot';
import { exterosLocations, retailNextHealthAlerts, retailNextInventory, retailNextLocations, retailNextStoreHours, retailNextUsers } from './snapshotJobs';
import { openSyncWriter, WriterStoppedError, type SyncWriter, type WriterStats } from './writer/writer';
import type { WriteJob } from './writer/job';

/** What sync needs from the connections service. */
export interface SyncDeps {
  connections: {
    get(id: string): ConnectionView;
    targetOf(id: string, signal?: AbortSignal): Promise<VendorTarget>;
  };
  /** better-sqlite3 addon of this runtime (Electron's ABI in the desktop app), for the writer thread's connection. */
  sqliteNativeBinding?: string;
  /** `inline` keeps every write on the core's connection (no writer thread). */
  writer?: 'auto' | 'inline';
  /** How often run ends the cache could not record (a full disk) are tried again. */
  recordRetryMs?: number;
  /** Deadlines, retries and answer size of the vendor requests of every sync (the HTTP layer's defaults otherwise). */
  httpTiming?: HttpTiming;
  /**
   * How long after the writer is ready the HTTP stack is loaded, in an idle moment (default 5 s: after
   * the first screen a starting console answers, off its start). A sync started before loads it first.
   */
  warmHttpAfterMs?: number;
  /** Told of each sync writer thread started (tests stop one mid-sync). */
  onWriterThread?: (thread: Worker) => void;
  /** What a connection's KPI cache holds, read off the core's loop (a read lane); else on the core's connection. */
  kpiHoldings?: (connectionId: string) => Promise<KpiHoldings>;
}

export type SyncStartInput = z.output<typeof syncStartInput>;

const jobs: Record<ConnectionView['vendor'], Partial<Record<SyncDataset, Job>>> = {
  retailnext: {
    locations: retailNextLocations,
    store_hours: retailNextStoreHours,
    inventory: retailNextInventory,
    health_alerts: retailNextHealthAlerts,
    users: retailNextUsers,
    kpis: retailNextKpis,
  },
  flow: { kpis: flowKpis },
  exteros: { locations: exterosLocations, kpis: exterosKpis },
};

interface LiveRun {
  connectionId: string;
  dataset: SyncDataset;
  trigger: SyncTrigger;
  controller: AbortController;
  done: Promise<SyncRunView>;
}

const progressIntervalMs = 200;

/**
 * Sync jobs: pull vendor data into the cache, one recorded run per dataset, with progress events,
 * cancel, and resume (KPI ranges skip store-days already final in the cache).
 */
export class SyncService {
  private readonly runs: SyncRuns;
  private readonly live = new Map<number, LiveRun>();
  private readonly writer: Promise<SyncWriter>;
  /** Resolves once the writer runs and what a dead process left behind is cleaned up. */
  readonly ready: Promise<void>;
  /** Resolves once the HTTP stack the vendor requests use is loaded (see `warmHttpAfterMs`). */
  readonly httpWarm: Promise<void>;

  /** Run ends not yet in the cache (its disk was full): shown from here, written when there is room. */
  private readonly unrecorded = new Map<number, RunOutcome>();
  private readonly unrecordedFile: UnrecordedRunsFile;
  private retryTimer: NodeJS.Timeout | null = null;
  /** Each connection's KPI holdings, read once and again after each of its KPI runs (sync.status). */
  private readonly kpiHoldings = new Map<string, Promise<KpiHoldings>>();
  /** The cached stores' time zones, which the default range of days is read from. */
  readonly storeZones: StoreZones;

  constructor(private readonly ctx: CoreContext, private readonly deps: SyncDeps) {
    this.runs = new SyncRuns(ctx.db);
    this.storeZones = new StoreZones(ctx.db);
    this.unrecordedFile = new UnrecordedRunsFile(path.join(ctx.dataDir, 'sync-unrecorded-runs.json'));
    this.closeOffDeadRuns();
    this.unrecordedFile.reserve();
    this.writer = openSyncWriter(ctx.db, {
      nativeBinding: deps.sqliteNativeBinding,
      mode: deps.writer,
      log: (message, detail, level) => ctx.log.log(level ?? 'warn', message, detail),
      onThread: deps.onWriterThread,
    });
    this.ready = this.writer
      .then((writer) => recoverSnapshots(ctx.db, writer))
      .then(
        () => undefined,
        (e: unknown) => ctx.log.log('warn', 'sync: could not free interrupted snapshots', { error: String(e) }),
      );
    this.httpWarm = new Promise<void>((resolve) => {
      this.warmResolve = resolve;
      void this.ready.then(() => {
        if (this.closing) return;
        this.warmTimer = setTimeout(() => void this.warmHttp(), deps.warmHttpAfterMs ?? 5_000);
        this.warmTimer.unref();
      });
    });
  }

  private warmResolve: () => void = () => undefined;
  private warmTimer: NodeJS.Timeout | null = null;
  private warming: Promise<void> | null = null;
  private closing = false;

  /** Loads the HTTP stack in a turn of its own, not in the one that sends a sync's first request; once. */
  private async warmHttp(): Promise<void> {
    if (this.warmTimer) clearTimeout(this.warmTimer);
    await (this.warming ??= warmUndici());
    this.warmResolve();
  }

  /**
   * Runs left `running` by a process that died, ended as it knew (a full disk it could not record)
   * or as interrupted. With the disk still full they are kept in memory and written later: the
   * console starts all the same.
   */
  private closeOffDeadRuns(): void {
    const known = new Map(this.unrecordedFile.load().map((o) => [o.runId, o]));
    let ends: RunOutcome[] = [];
    try {
      ends = this.runs.interruptedEnds(this.ctx.now().toISOString(), (id) => this.live.has(id), known);
      this.runs.recordEnds(ends);
      if (known.size > 0) this.unrecordedFile.save([]);
    } catch (e) {
      this.ctx.log.log('warn', 'sync: could not record the end of interrupted runs yet', { error: describeError(e) });
      for (const o of ends) this.unrecorded.set(o.runId, o);
      this.scheduleRecordRetry();
    }
  }

  /**
   * Records and starts the runs. `signal` is the starting call's: a caller that gave up before the
   * runs were recorded starts nothing. Once answered, the runs are stopped by `cancel`.
   */
  async start(input: SyncStartInput, trigger: SyncTrigger = 'manual', signal?: AbortSignal): Promise<{ runIds: number[] }> {
    await this.warmHttp();
    await this.recordUnrecorded();
    await this.freeAbandonedSnapshots();
    const connection = this.deps.connections.get(input.connectionId);
    const offered = datasetsByVendor[connection.vendor];
    const asked = input.datasets ?? offered;
    const unsupported = asked.filter((d) => !offered.includes(d));
    if (unsupported.length > 0) throw new AppError('invalid_input', `${connection.name} cannot provide: ${unsupported.join(', ')}.`);
    const busy = asked.filter((d) => [...this.live.values()].some((r) => r.connectionId === connection.id && r.dataset === d));
    if (busy.length > 0) throw new AppError('conflict', `A sync of ${busy.join(', ')} is already running for ${connection.name}${this.busy(connection.id) === 'background' ? ' (background sync)' : ''}.`);
    const target = { ...(await this.deps.connections.targetOf(connection.id, signal)), timing: this.deps.httpTiming };

    const today = localDate(this.ctx.now());
    const chosen = input.from && input.to ? { from: input.from, to: input.to } : null;
    const range = chosen ?? defaultSyncRange(this.storeZones, this.ctx.now());
    // Locations first: store hours and KPIs read the stores from the fresh cache.
    const ordered = syncDatasets.filter((d) => asked.includes(d));
    const startedAt = this.ctx.now().toISOString();
    // Run records go through the writer like every sync write: the core's connection never waits for its lock.
    const writer = await this.writer;
    if (signal?.aborted) throw new AppError('cancelled', 'The sync was cancelled before it started.');
    const planned: Array<{ dataset: SyncDataset; runId: number }> = [];
    try {
      for (const dataset of ordered) {
        planned.push({ dataset, runId: await writer.write(this.runs.startJob(connection.id, dataset, startedAt, dataset === 'kpis' || dataset === 'store_hours' ? range : null, trigger)) });
      }
    } catch (e) {
      // The runs already recorded as started end now, with the cause; the caller hears it too.
      const error = toAppError(e, false);
      for (const p of planned) await this.finish({ runId: p.runId, status: 'failed', finishedAt: this.ctx.now().toISOString(), rows: 0, detail: { trigger }, error: error.toContractError() });
      throw error;
    }

    let chain: Promise<unknown> = this.ready;
    for (const { dataset, runId } of planned) {
      const controller = new AbortController();
      // Every in-flight request and queued slot listens to this one signal.
      // (A DOM-like global AbortSignal, as in component tests running the core in-process, is not Node's: skip.)
      try {
        setMaxListeners(0, controller.signal);
      } catch {
        // not a Node EventTarget
      }
      const previous = chain;
      const done = previous.then(() =>
        this.execute({ connection, target, dataset, runId, range, rangeIsDefault: chosen === null, refetchFinal: input.refetchFinal, controller, today, trigger }),
      );
      this.live.set(runId, { connectionId: connection.id, dataset, trigger, controller, done });
      chain = done;
    }
    return { runIds: planned.map((p) => p.runId) };
  }

  private async execute(a: {
    connection: ConnectionView;
    target: VendorTarget;
    dataset: SyncDataset;
    runId: number;
    range: { from: string; to: string };
    /** no range was given: the default one, read again as the run starts (the locations synced before it tell the stores' zones) */
    rangeIsDefault: boolean;
    refetchFinal: boolean;
    controller: AbortController;
    today: string;
    trigger: SyncTrigger;
  }): Promise<SyncRunView> {
    let days = a.range;
    const stats = { rows: 0, requests: 0, skipped: 0 };
    let lastEmit = 0;
    let status: 'ok' | 'failed' | 'cancelled' = 'ok';
    let error: ContractError | null = null;
    // Nothing of a run may escape: whatever fails (the vendor, a full disk, this code) ends it in words.
    try {
      if (a.rangeIsDefault && (a.dataset === 'kpis' || a.dataset === 'store_hours')) days = defaultSyncRange(this.storeZones, this.ctx.now());
      const jobCtx: JobContext = {
        db: this.ctx.db,
        writer: await this.writer,
        connection: a.connection,
        // Every request of the run is counted where it is sent, pages, retries and redirects included.
        target: { ...a.target, counter: stats },
        dataset: a.dataset,
        runId: a.runId,
        fetchedAt: this.ctx.now().toISOString(),
        today: a.today,
        now: this.ctx.now(),
        range: days,
        refetchFinal: a.refetchFinal,
        signal: a.controller.signal,
        stats,
        progress: (done, total, unit, message) => {
          const t = Date.now();
          if (t - lastEmit < progressIntervalMs && done !== total) return;
          lastEmit = t;
          this.ctx.emit('sync.progress', { runId: a.runId, connectionId: a.connection.id, dataset: a.dataset, done, total, unit, rowsWritten: stats.rows, message });
        },
      };
      if (a.controller.signal.aborted) throw new AppError('cancelled', 'The sync was cancelled before it started.');
      const job = jobs[a.connection.vendor][a.dataset];
      if (!job) throw new AppError('invalid_input', `${a.connection.name} cannot provide ${a.dataset}.`);
      await job(jobCtx);
    } catch (e) {
      const outcome = runEnd(e, a.controller.signal);
      const appError = outcome.error;
      status = outcome.status;
      error = appError.toContractError();
      if (status === 'failed') this.ctx.log.log('warn', 'sync failed', { connectionId: a.connection.id, dataset: a.dataset, code: appError.code, detail: appError.detail ?? describeError(e) });
    }
    const range = a.dataset === 'kpis' || a.dataset === 'store_hours' ? days : null;
    return this.finish({ runId: a.runId, status, finishedAt: this.ctx.now().toISOString(), rows: stats.rows, detail: { range, requests: stats.requests, skipped: stats.skipped, trigger: a.trigger }, error });
  }

  /** Records a run's end (or keeps it to record later, when the disk is full) and tells the pages. */
  private async finish(outcome: RunOutcome): Promise<SyncRunView> {
    try {
      const writer = await this.writer;
      // A writer thread that died with the record in flight: written again by the thread that replaces it.
      const record = () => writer.write(this.runs.finishJob(outcome));
      await record().catch((e: unknown) => (e instanceof WriterStoppedError ? record() : Promise.reject(e)));
    } catch (e) {
      this.unrecorded.set(outcome.runId, outcome);
      this.unrecordedFile.save([...this.unrecorded.values()]);
      if (e instanceof WriterStoppedError) this.ctx.log.log('error', 'sync: gave up recording the end of a run for now (the cache writer failed twice); kept to record at the next sync or start', { runId: outcome.runId, status: outcome.status, error: describeError(e), cause: e.detail });
      else {
        this.ctx.log.log('error', 'sync: the end of a run could not be recorded yet; kept to record later', { runId: outcome.runId, status: outcome.status, error: describeError(e) });
        this.scheduleRecordRetry();
      }
    }
    this.live.delete(outcome.runId);
    let view: SyncRunView | null = null;
    try {
      view = this.viewOf(outcome.runId);
    } catch (e) {
      this.ctx.log.log('warn', 'sync: could not read a finished run back', { runId: outcome.runId, error: describeError(e) });
    }
    // Its writes are in (the writer takes jobs in order): what the KPI cache holds is read again when next asked.
    if (!view) this.kpiHoldings.clear();
    else if (view.dataset === 'kpis') this.kpiHoldings.delete(view.connectionId);
    if (view) this.ctx.emit('sync.finished', view);
    return view ?? { id: outcome.runId, connectionId: '', dataset: 'locations', status: outcome.status, startedAt: outcome.finishedAt, finishedAt: outcome.finishedAt, rowsWritten: outcome.rows, range: null, requests: 0, skipped: 0, error: outcome.error, trigger: outcome.detail.trigger ?? 'manual' };
  }

  /** Writes the run ends kept in memory, once the cache can take them. */
  private async recordUnrecorded(): Promise<void> {
    if (this.unrecorded.size === 0) return;
    const ends = [...this.unrecorded.values()];
    try {
      const writer = await this.writer;
      for (const o of ends) {
        await writer.write(this.runs.finishJob(o));
        this.unrecorded.delete(o.runId);
      }
      this.unrecordedFile.save([]);
      this.ctx.log.log('info', 'sync: recorded the end of runs kept while the disk was full', { runs: ends.map((o) => o.runId) });
    } catch (e) {
      this.unrecordedFile.save([...this.unrecorded.values()]);
      // A full disk clears by itself; a writer that cannot write is not asked again until the next sync or start.
      if (e instanceof WriterStoppedError) return this.ctx.log.log('error', 'sync: gave up recording the end of runs for now (the cache writer failed); kept to record at the next sync or start', { runs: [...this.unrecorded.keys()], cause: e.detail });
      this.scheduleRecordRetry();
      if (this.unrecorded.size > 0) this.ctx.log.log('debug', 'sync: run ends still unrecorded', { error: describeError(e) });
    }
  }

  /**
   * Snapshots left `building` by runs that ended without freeing them (a full disk refused even
   * that): retired and freed once the cache can take it, instead of waiting for a restart.
   */
  private async freeAbandonedSnapshots(): Promise<void> {
    const live = new Set(this.live.keys());
    const abandoned = (this.ctx.db.prepare("SELECT id, run_id FROM sync_snapshots WHERE state = 'building'").all() as Array<{ id: number; run_id: number | null }>).filter((s) => s.run_id === null || !live.has(s.run_id));
    if (abandoned.length === 0) return;
    try {
      const writer = await this.writer;
      await writer.write({ steps: [{ sql: "UPDATE sync_snapshots SET state = 'retired' WHERE id = ? AND state = 'building'", rows: abandoned.map((s) => [s.id]) }] });
      await purgeRetiredSnapshots(this.ctx.db, writer);
    } catch (e) {
      this.ctx.log.log('warn', 'sync: could not free abandoned snapshots yet', { error: describeError(e) });
    }
  }

  private scheduleRecordRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.recordUnrecorded();
    }, this.deps.recordRetryMs ?? 15_000);
    this.retryTimer.unref();
  }

  /** A run as the cache has it, with an end kept in memory laid over it. */
  private viewOf(runId: number): SyncRunView | null {
    const run = this.runs.get(runId);
    return run ? this.withUnrecorded(run) : null;
  }

  private withUnrecorded(run: SyncRunView): SyncRunView {
    const o = this.unrecorded.get(run.id);
    if (!o) return run;
    return { ...run, status: o.status, finishedAt: o.finishedAt, rowsWritten: o.rows, requests: o.detail.requests ?? run.requests, skipped: o.detail.skipped ?? run.skipped, error: o.error };
  }

  /** Resolves when the run has ended (any status). */
  async wait(runId: number): Promise<SyncRunView> {
    const live = this.live.get(runId);
    if (live) return live.done;
    const run = this.viewOf(runId);
    if (!run) throw new AppError('not_found', 'No such sync run.');
    return run;
  }

  /** What runs for a connection now: a manual sync (it wins over the background), the background, or nothing. */
  busy(connectionId: string): SyncTrigger | null {
    let found: SyncTrigger | null = null;
    for (const run of this.live.values()) {
      if (run.connectionId !== connectionId) continue;
      if (run.trigger === 'manual') return 'manual';
      found = 'background';
    }
    return found;
  }

  /** Connections with a background run in progress. */
  backgroundBusy(): Set<string> {
    return new Set([...this.live.values()].filter((r) => r.trigger === 'background').map((r) => r.connectionId));
  }

  /** The last run of each dataset, with an end kept in memory laid over it. */
  lastRuns(): SyncRunView[] {
    return this.runs.lastPerDataset().map((r) => this.withUnrecorded(r));
  }

  /** A person's Cancel (`by` 'user'), or the console closing ('closing'): each run records which. */
  cancel(filter: { runId?: number; connectionId?: string }, by: StopReason = 'user'): { cancelled: number } {
    let n = 0;
    for (const [id, run] of this.live) {
      if (filter.runId !== undefined && id !== filter.runId) continue;
      if (filter.connectionId !== undefined && run.connectionId !== filter.connectionId) continue;
      if (!run.controller.signal.aborted) {
        run.controller.abort(by);
        n++;
      }
    }
    return { cancelled: n };
  }

  async status(connectionId?: string): Promise<SyncStatus> {
    const running = [...this.live.keys()].map((id) => this.runs.get(id)).filter((r): r is SyncRunView => r !== null && (!connectionId || r.connectionId === connectionId));
    const lastRuns = this.runs.lastPerDataset(connectionId).map((r) => this.withUnrecorded(r));
    const snapshots = this.ctx.db
      .prepare(`SELECT connection_id, dataset, fetched_at, row_count FROM sync_snapshots WHERE state = 'current' ${connectionId ? 'AND connection_id = ?' : ''}`)
      .all(...(connectionId ? [connectionId] : [])) as Array<{ connection_id: string; dataset: SyncDataset; fetched_at: string | null; row_count: number }>;
    const keys = new Set<string>([...lastRuns.map((r) => `${r.connectionId}|${r.dataset}`), ...snapshots.map((s) => `${s.connection_id}|${s.dataset}`)]);
    const kpiConnections = [...keys].filter((k) => k.endsWith('|kpis')).map((k) => k.slice(0, -'|kpis'.length));
    const holdings = new Map(await Promise.all(kpiConnections.map(async (cid) => [cid, await this.kpiHoldingsOf(cid)] as const)));
    const freshness: DatasetFreshness[] = [...keys].map((key) => {
      const [cid, dataset] = key.split('|') as [string, SyncDataset];
      const snapshot = snapshots.find((s) => s.connection_id === cid && s.dataset === dataset);
      const kpis = dataset === 'kpis' ? holdings.get(cid) : undefined;
      const fetchedAt = kpis ? kpis.fetchedAt : (snapshot?.fetched_at ?? null);
      let holds: DatasetFreshness['holds'] = snapshot ? { count: snapshot.row_count, unit: 'rows' } : null;
      if (kpis) holds = kpis.storeDays > 0 ? { count: kpis.storeDays, unit: 'store-days', from: kpis.first ?? undefined, to: kpis.last ?? undefined } : null;
      return {
        connectionId: cid,
        dataset,
        fetchedAt,
        holds,
        running: running.some((r) => r.connectionId === cid && r.dataset === dataset),
        lastRun: lastRuns.find((r) => r.connectionId === cid && r.dataset === dataset) ?? null,
      };
    });
    return { running, freshness };
  }

  /** A connection's KPI holdings: kept from the last reading until its next KPI run ends; a failed reading is not kept. */
  private kpiHoldingsOf(connectionId: string): Promise<KpiHoldings> {
    let reading = this.kpiHoldings.get(connectionId);
    if (!reading) {
      reading = this.deps.kpiHoldings ? this.deps.kpiHoldings(connectionId) : Promise.resolve(kpiHoldings(this.ctx.db, connectionId));
      this.kpiHoldings.set(connectionId, reading);
      reading.catch(() => {
        if (this.kpiHoldings.get(connectionId) === reading) this.kpiHoldings.delete(connectionId);
      });
    }
    return reading;
  }

  history(filter: { connectionId?: string; limit: number }): SyncRunView[] {
    return this.runs.list(filter).map((r) => this.withUnrecorded(r));
  }

  /** A cache write of another feature, made by the sync's writer (its thread, off the core's loop) in its turn. */
  async write(job: WriteJob): Promise<number> {
    return (await this.writer).write(job);
  }

  /** Cancels everything, waits for the runs to record their end and for the writer to finish. */
  async close(): Promise<void> {
    await this.closeWithStats();
  }

  /** `close`, telling what the writer did (the benchmark prints it). */
  async closeWithStats(): Promise<WriterStats> {
    this.closing = true;
    if (this.warmTimer) clearTimeout(this.warmTimer);
    const pending = [...this.live.values()].map((r) => r.done.catch(() => undefined));
    this.cancel({}, 'closing');
    await Promise.all(pending);
    await this.ready;
    await this.recordUnrecorded();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const writer = await this.writer;
    await purgeRetiredSnapshots(this.ctx.db, writer).catch(() => undefined);
    return writer.close();
  }
}

function describeError(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const code = (e as { code?: unknown }).code;
  return `${typeof code === 'string' ? `${code}: ` : ''}${e.message}`;
}

/** Who stopped a run before its end: a person pressing Cancel, or the console closing. */
type StopReason = 'user' | 'closing';

/**
 * How a run that threw ended. "Cancelled" only when a person cancelled it: the console closing
 * interrupts it (failed, said so), and a cancellation nobody asked for (a part of the job stopped
 * because a sibling failed, whose cause was lost) is a failure in words, never "Cancelled".
 */
function runEnd(e: unknown, signal: AbortSignal): { status: 'failed' | 'cancelled'; error: AppError } {
  if (signal.aborted && signal.reason === 'closing') {
    return { status: 'failed', error: new AppError('cancelled', 'Interrupted: the console was closing, so this sync stopped before its end. The data already in the cache was kept; it runs again at the next sync.') };
  }
  if (signal.aborted) return { status: 'cancelled', error: toAppError(e, true) };
  const error = toAppError(e, false);
  if (error.code !== 'cancelled') return { status: 'failed', error };
  return { status: 'failed', error: new AppError('internal', 'This sync stopped part-way though nobody cancelled it: one of its requests was stopped and the cause was not kept. The data already in the cache was kept; sync again.', error.detail ?? error.message) };
}

function toAppError(e: unknown, aborted: boolean): AppError {
  if (aborted) return new AppError('cancelled', 'The sync was cancelled. The data already in the cache was kept.');
  if (isAppError(e)) return e;
  const code = (e as { code?: unknown }).code;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return new AppError('disk_full', 'The disk is full: the sync stopped and the previous data was kept. Free some space and sync again.', describeError(e));
  return new AppError('internal', 'The sync stopped on an unexpected problem. The previous data was kept.', e instanceof Error ? e.message : undefined);
}
