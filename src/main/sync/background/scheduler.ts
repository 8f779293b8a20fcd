import type { ConnectionView } from '../../../shared/connections/types';
import { isAppError } from '../../../shared/contract/errors';
import type { EventName, EventPayload } from '../../../shared/contract/events';
import { defaultScheduleSettings, type ScheduledDataset, type ScheduleSettings, type SyncSchedule } from '../../../shared/sync/schedule';
import { datasetsByVendor, type SyncDataset, type SyncRunView } from '../../../shared/sync/types';
import type { CoreContext } from '../../core/context';
import type { SyncService } from '../service';
import { StoreZones } from '../storeZones';
import { dueAt, type LastRun } from './due';
import { loadScheduleSettings, saveScheduleSettings } from './settings';

/** The timers the scheduler runs on: the real ones, or a fake clock in tests. */
export interface SchedulerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: SchedulerClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clearTimeout: (t) => clearTimeout(t as NodeJS.Timeout),
};

export interface SchedulerDeps {
  sync: Pick<SyncService, 'start' | 'busy' | 'backgroundBusy' | 'lastRuns'>;
  connections: { list(): ConnectionView[] };
  /** Asks a vendor one cheap question: resolves when it answers, rejects (AppError) when it cannot be reached. */
  probe(connectionId: string): Promise<void>;
  subscribe(listener: <E extends EventName>(name: E, payload: EventPayload<E>) => void): () => void;
  clock?: SchedulerClock;
  /** The zone of this computer's wall clock (daily times); the system's by default. */
  localZone?: string;
  /** False: never runs anything by itself (tests and `--no-background-sync`); the plan still shows. */
  enabled: boolean;
  /** Background runs of different connections at once (each connection's datasets run one after another). */
  maxConnectionsAtOnce?: number;
  /** How often the vendors are asked again while the network is away. */
  probeEveryMs?: number;
}

/** Never waits longer than this between looks at the plan (a changed wall clock, a resumed laptop). */
const maxWaitMs = 10 * 60_000;

/**
 * Background sync: runs each dataset of each connection when its schedule says, one connection's
 * datasets one after another and a couple of connections at once at most (the vendors' limits);
 * never beside a manual sync of the same connection; paused while the vendors cannot be reached,
 * asking one of them again every minute, and resumed with what fell due meanwhile.
 */
export class SyncScheduler {
  private readonly clock: SchedulerClock;
  private readonly localZone: string;
  private settings: ScheduleSettings;
  private timer: unknown = null;
  private probeTimer: unknown = null;
  private paused: { since: string; reason: string; connectionId: string | null } | null = null;
  private closed = false;
  private ticking = false;
  /** When each dataset was first planned, for those never run: they are due within seconds of it. */
  private readonly firstSeen = new Map<string, number>();
  private readonly storeZones: StoreZones;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly ctx: CoreContext,
    private readonly deps: SchedulerDeps,
  ) {
    this.clock = deps.clock ?? systemClock;
    this.localZone = deps.localZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    this.settings = safeLoad(ctx);
    this.storeZones = new StoreZones(ctx.db);
    this.unsubscribe = deps.subscribe((name, payload) => {
      if (name === 'sync.finished') this.onFinished(payload as SyncRunView);
      else if (name === 'connections.changed') this.replan();
    });
  }

  /**
   * Plans and arms the first timer, `afterMs` from now: a core that has just started leaves its
   * first look at the cache (every store's time zone, the last runs) until the first screen's reads
   * are answered.
   */
  start(afterMs = 0): void {
    if (afterMs <= 0) return this.replan();
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.replan();
    }, afterMs);
  }

  schedule(): SyncSchedule {
    return {
      settings: this.settings,
      available: this.deps.enabled,
      paused: this.paused && { since: this.paused.since, reason: this.paused.reason },
      datasets: this.plan().map(({ due: _due, ...d }) => d),
    };
  }

  /** Whether runs start by themselves now: background sync on in this console and in its settings, not paused. */
  runsInBackground(): boolean {
    return this.deps.enabled && this.settings.enabled && this.paused === null;
  }

  setSettings(settings: ScheduleSettings | null): SyncSchedule {
    this.settings = saveScheduleSettings(this.ctx.db, settings, new Date(this.clock.now()));
    this.replan();
    return this.schedule();
  }

  /** The shell or the window says the network went away or came back. */
  setOnline(online: boolean): SyncSchedule {
    if (!online) this.pause('This computer is offline.', null);
    else this.resume();
    return this.schedule();
  }

  /** Sync all: every dataset of every connection now, as a manual sync; what already runs is named, not started twice. */
  /** Starts a sync of every connection; a caller that gives up (`signal`) starts no more of them. */
  async syncAll(signal?: AbortSignal): Promise<{ runIds: number[]; skipped: string[] }> {
    const runIds: number[] = [];
    const skipped: string[] = [];
    for (const c of this.deps.connections.list()) {
      if (signal?.aborted) break;
      if (this.deps.sync.busy(c.id)) {
        skipped.push(`${c.name}: a sync is already running`);
        continue;
      }
      try {
        runIds.push(...(await this.deps.sync.start({ connectionId: c.id, refetchFinal: false }, 'manual', signal)).runIds);
      } catch (e) {
        skipped.push(`${c.name}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return { runIds, skipped };
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
    this.disarm();
    if (this.probeTimer !== null) this.clock.clearTimeout(this.probeTimer);
    this.probeTimer = null;
  }

  private plan(): Array<ScheduledDataset & { due: number | null }> {
    const now = this.clock.now();
    const last = new Map(this.deps.sync.lastRuns().map((r) => [`${r.connectionId}|${r.dataset}`, r]));
    // Read once a dataset needs them: with background sync off, planning costs no scan of the stores.
    let zones: ReadonlyMap<string, readonly string[]> | null = null;
    const out: Array<ScheduledDataset & { due: number | null }> = [];
    for (const c of this.deps.connections.list()) {
      for (const dataset of datasetsByVendor[c.vendor]) {
        const s = this.settings.datasets[dataset] ?? defaultScheduleSettings.datasets[dataset];
        const run = last.get(`${c.id}|${dataset}`);
        if (run?.status === 'running') {
          out.push({ connectionId: c.id, dataset, state: 'running', nextRunAt: null, due: null });
          continue;
        }
        if (!this.deps.enabled || !this.settings.enabled || !s.enabled) {
          out.push({ connectionId: c.id, dataset, state: 'off', nextRunAt: null, due: null });
          continue;
        }
        const key = `${c.id}|${dataset}`;
        if (!this.firstSeen.has(key)) this.firstSeen.set(key, now);
        const due = dueAt({ rule: s.rule, last: run ? lastRunOf(run) : null, firstSeenMs: this.firstSeen.get(key)!, storeZones: (zones ??= this.storeZones.current()).get(c.id) ?? zones.get('*') ?? [], localZone: this.localZone, key });
        if (this.paused) out.push({ connectionId: c.id, dataset, state: 'paused', nextRunAt: null, due: null });
        else out.push({ connectionId: c.id, dataset, state: 'scheduled', nextRunAt: new Date(Math.max(due, now)).toISOString(), due });
      }
    }
    return out;
  }

  /** Starts what is due, arms the timer for what comes next and tells the windows. */
  private replan(): void {
    if (this.closed) return;
    // Never inside the dispatch of the event that asked for it: listeners hear that event first.
    void Promise.resolve().then(() => this.tick());
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      if (this.deps.enabled && this.settings.enabled && !this.paused) await this.startDue();
    } finally {
      this.ticking = false;
    }
    if (this.closed) return;
    this.arm();
    this.ctx.emit('sync.scheduleChanged', this.schedule());
  }

  private async startDue(): Promise<void> {
    const now = this.clock.now();
    const byConnection = new Map<string, SyncDataset[]>();
    for (const d of this.plan()) {
      if (d.state === 'scheduled' && d.due !== null && d.due <= now) byConnection.set(d.connectionId, [...(byConnection.get(d.connectionId) ?? []), d.dataset]);
    }
    const limit = this.deps.maxConnectionsAtOnce ?? 2;
    for (const [connectionId, datasets] of byConnection) {
      if (this.paused || this.closed) return;
      // Never beside a manual sync of the connection, nor a second background run of it.
      if (this.deps.sync.busy(connectionId)) continue;
      if (this.deps.sync.backgroundBusy().size >= limit) return;
      try {
        await this.deps.sync.start({ connectionId, datasets, refetchFinal: false }, 'background');
      } catch (e) {
        // A manual sync started in between (conflict), or the connection went away: next look decides.
        this.ctx.log.log('info', 'background sync: not started', { connectionId, datasets, error: isAppError(e) ? e.code : String(e) });
      }
    }
  }

  private arm(): void {
    this.disarm();
    if (!this.deps.enabled || !this.settings.enabled || this.paused || this.closed) return;
    const now = this.clock.now();
    const waiting = this.plan().filter((d) => d.due !== null && !this.deps.sync.busy(d.connectionId));
    if (waiting.length === 0) return;
    const next = Math.min(...waiting.map((d) => d.due!));
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.replan();
    }, Math.min(maxWaitMs, Math.max(1_000, next - now)));
  }

  private disarm(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private onFinished(run: SyncRunView): void {
    if (run.status === 'failed' && run.error?.code === 'offline' && run.trigger === 'background') {
      this.pause(run.error.message, run.connectionId);
      return;
    }
    if (run.status === 'ok' && this.paused && this.paused.connectionId !== null) this.resume();
    this.replan();
  }

  private pause(reason: string, connectionId: string | null): void {
    if (!this.paused) {
      this.paused = { since: new Date(this.clock.now()).toISOString(), reason, connectionId };
      this.ctx.log.log('info', 'background sync paused: the vendors cannot be reached', { reason });
    }
    this.disarm();
    this.armProbe();
    this.ctx.emit('sync.scheduleChanged', this.schedule());
  }

  private resume(): void {
    if (!this.paused) return;
    this.paused = null;
    if (this.probeTimer !== null) this.clock.clearTimeout(this.probeTimer);
    this.probeTimer = null;
    this.ctx.log.log('info', 'background sync resumed');
    this.replan();
  }

  /** While paused by an unreachable vendor, asks it again now and then; the network back resumes. */
  private armProbe(): void {
    if (this.probeTimer !== null || this.closed || !this.paused) return;
    this.probeTimer = this.clock.setTimeout(() => {
      this.probeTimer = null;
      void this.probeOnce();
    }, this.deps.probeEveryMs ?? 60_000);
  }

  private async probeOnce(): Promise<void> {
    const paused = this.paused;
    if (!paused || this.closed) return;
    const id = paused.connectionId ?? this.deps.connections.list()[0]?.id;
    if (!id) return this.resume();
    try {
      await this.deps.probe(id);
      this.resume();
    } catch {
      this.armProbe();
    }
  }
}

function lastRunOf(r: SyncRunView): LastRun {
  return { startedAtMs: Date.parse(r.startedAt), finishedAtMs: r.finishedAt ? Date.parse(r.finishedAt) : null, status: r.status, errorCode: r.error?.code ?? null };
}

function safeLoad(ctx: CoreContext): ScheduleSettings {
  try {
    return loadScheduleSettings(ctx.db);
  } catch (e) {
    ctx.log.log('warn', 'background sync: settings could not be read; using the defaults', { error: String(e) });
    return structuredClone(defaultScheduleSettings);
  }
}
