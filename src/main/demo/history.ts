import type { ConnectionView } from '../../shared/connections/types';
import type { EventName, EventPayload } from '../../shared/contract/events';
import { lastYearPeriod, previousPeriod } from '../../shared/reports/time';
import type { DayRange } from '../../shared/sync/defaultRange';
import type { SyncDataset, SyncRunView, SyncTrigger } from '../../shared/sync/types';
import type { CoreContext } from '../core/context';

/**
 * What Reports compares the default week with: the week before it (synced with the week itself, whose
 * first sync may have been by this computer's calendar, before the stores' zones were known), and the
 * same weekdays 52 weeks earlier (Reports' default for last year). Plain day arithmetic on the
 * stores' own dates: it holds on any day of the year, across a change of the clocks or a 29 February.
 */
export function historyRanges(week: DayRange): DayRange[] {
  return [{ from: previousPeriod(week.from, week.to, 'day').from, to: week.to }, lastYearPeriod(week.from, week.to, 'weekday')];
}

/** What the history needs of the sync (handed in from compose.ts: sync is a layer above the Demo). */
export interface DemoHistoryDeps {
  sync: {
    start(input: { connectionId: string; datasets: SyncDataset[]; from: string; to: string; refetchFinal: boolean }, trigger: SyncTrigger): Promise<{ runIds: number[] }>;
    wait(runId: number): Promise<SyncRunView>;
  };
  /** the week Reports opens on and a sync fetches by default, now; null while no store's zone is known (its week is not yet) */
  storesWeek(): DayRange | null;
  /** Background sync on and not paused: the history is synced as background runs, never once the user has turned them off. */
  backgroundOn(): boolean;
  connections: { list(): ConnectionView[] };
  subscribe(listener: <E extends EventName>(name: E, payload: EventPayload<E>) => void): () => void;
}

/**
 * The Demo workspace shows what the product does, comparisons included: a real cache would hold a
 * year of history, a new Demo only the week its first sync fetched, and Reports' "Previous period"
 * and "Last year" would say "no data". So once the Demo's background sync has synced KPIs or the
 * locations (which tell the stores' zones, and so their week), the weeks those comparisons read are
 * synced from the simulator too, like any sync (background runs; a connection syncs its KPIs one
 * range at a time). Once per connection and week while the core runs; days already held are not
 * fetched again. Only while background sync is on: turned off ("data is fetched only when you press
 * Sync"), no fill starts and one under way stops before its next range.
 */
export class DemoHistory {
  private readonly done = new Set<string>();
  /** the runs this started: their ends start nothing */
  private readonly ours = new Set<number>();
  /** per connection, its last fill */
  private readonly chains = new Map<string, Promise<void>>();
  private readonly unsubscribe: () => void;
  private closed = false;
  /** the fills under way (tests wait for them) */
  readonly filling = new Set<Promise<void>>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly deps: DemoHistoryDeps,
  ) {
    this.unsubscribe = deps.subscribe((name, payload) => {
      if (name === 'sync.finished') this.onFinished(payload as SyncRunView);
    });
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
  }

  private onFinished(run: SyncRunView): void {
    // The Demo's own syncs are background ones (it syncs itself once started); a sync by hand fetches what was asked.
    if (this.closed || run.status !== 'ok' || run.trigger !== 'background' || this.ours.delete(run.id) || !this.deps.backgroundOn()) return;
    // Its KPIs, or the locations that tell the stores' zones (the week may have moved with them).
    if (run.dataset !== 'kpis' && run.dataset !== 'locations') return;
    const demo = this.deps.connections.list().filter((c) => c.isDemo);
    if (!demo.some((c) => c.id === run.connectionId)) return;
    const week = this.deps.storesWeek();
    if (!week) return;
    // Every Demo connection: Flow's stores are RetailNext's, its week moves with RetailNext's locations.
    for (const c of demo) this.fillFor(c.id, week);
  }

  /** One connection's fills one after the other (it syncs its KPIs one range at a time). */
  private fillFor(connectionId: string, week: DayRange): void {
    const key = `${connectionId}|${week.from}|${week.to}`;
    if (this.done.has(key)) return;
    this.done.add(key);
    const before = this.chains.get(connectionId) ?? Promise.resolve();
    const fill = before.then(() => this.fill(connectionId, historyRanges(week))).catch((e: unknown) => {
      // Tried again when a sync of the Demo next ends (a sync of its KPIs was running, say).
      this.done.delete(key);
      this.ctx.log.log('info', "demo workspace: the history for Reports' comparisons was not synced yet", { connectionId, error: e instanceof Error ? e.message : String(e) });
    });
    this.chains.set(connectionId, fill);
    this.filling.add(fill);
    void fill.finally(() => {
      this.filling.delete(fill);
      if (this.chains.get(connectionId) === fill) this.chains.delete(connectionId);
    });
  }

  private async fill(connectionId: string, ranges: DayRange[]): Promise<void> {
    // Never inside the dispatch of the event that asked for it.
    await Promise.resolve();
    for (const range of ranges) {
      if (this.closed) return;
      // Turned off meanwhile: the rest waits for the next background sync of the Demo (not marked done).
      if (!this.deps.backgroundOn()) throw new Error('background sync is off');
      const { runIds } = await this.deps.sync.start({ connectionId, datasets: ['kpis'], from: range.from, to: range.to, refetchFinal: false }, 'background');
      for (const id of runIds) this.ours.add(id);
      for (const id of runIds) {
        const run = await this.deps.sync.wait(id);
        if (run.status !== 'ok') throw new Error(run.error?.message ?? `the sync of ${range.from} to ${range.to} ended ${run.status}`);
      }
    }
  }
}
