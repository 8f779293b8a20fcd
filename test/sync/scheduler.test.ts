import FakeTimers from '@sinonjs/fake-timers';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../src/shared/contract/events';
import { defaultScheduleSettings, type ScheduleSettings } from '../../src/shared/sync/schedule';
import type { SyncRunView } from '../../src/shared/sync/types';
import { SyncScheduler } from '../../src/main/sync/background/scheduler';
import { testConnection } from '../../src/main/vendors/testConnection';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { addSimConnections, createHarness, type Harness } from './helpers/harness';

type Listener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

interface Rig {
  h: Harness;
  sim: RunningSimulator;
  clock: FakeTimers.Clock;
  scheduler: SyncScheduler;
  /** Every start the scheduler asked for, with what ran for the connection at that moment. */
  starts: Array<{ connectionId: string; datasets: string[]; busyAt: string | null }>;
}

const rigs: Rig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) {
    r.scheduler.close();
    await r.h.close();
    await r.sim.close();
  }
});

/** The scheduler on a fake clock (its timers and the runs' times), the sync and the simulator on real ones. */
async function rig(options: { settings?: ScheduleSettings; vendors?: Array<'rn' | 'flow' | 'ex'>; port?: number } = {}): Promise<Rig & { ids: Awaited<ReturnType<typeof addSimConnections>> }> {
  const sim = await startSimulator({ seed: 11, scale: 'demo', port: options.port });
  const clock = FakeTimers.createClock(Date.now());
  const h = createHarness({ now: () => new Date(clock.now) });
  const ids = await addSimConnections(h, sim);
  for (const v of ['rn', 'flow', 'ex'] as const) if (options.vendors && !options.vendors.includes(v)) await h.connections.remove(ids[v].id);
  const listeners = new Set<Listener>();
  const emit = h.ctx.emit;
  h.ctx.emit = (name, payload) => {
    emit(name, payload);
    for (const l of listeners) l(name, payload);
  };
  const starts: Rig['starts'] = [];
  const sync = {
    start: (input: Parameters<Harness['sync']['start']>[0], trigger?: 'manual' | 'background') => {
      starts.push({ connectionId: input.connectionId, datasets: input.datasets ?? [], busyAt: h.sync.busy(input.connectionId) });
      return h.sync.start(input, trigger);
    },
    busy: (id: string) => h.sync.busy(id),
    backgroundBusy: () => h.sync.backgroundBusy(),
    lastRuns: () => h.sync.lastRuns(),
  };
  const scheduler = new SyncScheduler(h.ctx, {
    sync,
    connections: h.connections,
    enabled: true,
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    probe: async (id) => void (await testConnection(h.connections.get(id), await h.connections.secretOf(id), h.connections.http, { deadlines: { connectMs: 1_000, totalMs: 3_000 } })),
    clock: { now: () => clock.now, setTimeout: (fn, ms) => clock.setTimeout(fn, ms), clearTimeout: (t) => clock.clearTimeout(t as FakeTimers.TimerId) },
    localZone: 'Europe/Berlin',
  });
  if (options.settings) scheduler.setSettings(options.settings);
  const r = { h, sim, clock, scheduler, starts, ids };
  rigs.push(r);
  return r;
}

/** Polls in real time (the runs talk to the simulator over real sockets). */
async function until<T>(what: string, probe: () => T | undefined | null | false, deadlineMs = 60_000): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const finished = (h: Harness, trigger: 'manual' | 'background') => h.events.filter((e) => e.name === 'sync.finished').map((e) => e.payload as SyncRunView).filter((r) => r.trigger === trigger);

/** Inventory and health alerts only: short runs. */
const quick: ScheduleSettings = {
  enabled: true,
  datasets: Object.fromEntries(Object.entries(defaultScheduleSettings.datasets).map(([d, s]) => [d, { ...s, enabled: d === 'inventory' || d === 'health_alerts' }])) as ScheduleSettings['datasets'],
};

describe('background sync on a fake clock against the simulator', { timeout: 180_000 }, () => {
  it('new connections sync every dataset by themselves within seconds, then each waits for its own time', async () => {
    const { h, clock, scheduler, starts } = await rig();
    scheduler.start();
    expect(scheduler.schedule().datasets.every((d) => d.state === 'scheduled')).toBe(true);
    expect(starts).toHaveLength(0);
    await clock.tickAsync(10_000);
    await until('the first background runs', () => finished(h, 'background').length >= 9);
    const runs = finished(h, 'background');
    expect(runs.map((r) => [r.dataset, r.status, r.error?.message ?? null]).filter((r) => r[1] !== 'ok')).toEqual([]);
    expect(new Set(runs.map((r) => r.connectionId)).size).toBe(3);
    expect(starts.every((s) => s.busyAt === null)).toBe(true);

    const plan = await until('the next plan', () => {
      const s = scheduler.schedule();
      return s.datasets.every((d) => d.state === 'scheduled') && s;
    });
    const startedAt = clock.now;
    const next = (dataset: string) => plan.datasets.filter((d) => d.dataset === dataset).map((d) => Date.parse(d.nextRunAt!) - startedAt);
    for (const ms of next('inventory')) expect(ms).toBeGreaterThanOrEqual(15 * 60_000 - 10_000);
    for (const ms of next('inventory')) expect(ms).toBeLessThan(16.5 * 60_000);
    for (const ms of next('kpis')) expect(ms).toBeGreaterThan(0);
    for (const ms of next('kpis')) expect(ms).toBeLessThanOrEqual(70 * 60_000);
    for (const ms of next('users')) expect(ms).toBeGreaterThan(0);
    for (const ms of next('users')) expect(ms).toBeLessThanOrEqual(24.5 * 3_600_000);

    // 17 minutes later: inventory and alerts again, and nothing else but what the plan had due by then
    // (the clock is today's: an hour may close in the stores' zones within those minutes, and the KPIs follow it).
    const window = 17 * 60_000;
    const due = plan.datasets.filter((d) => Date.parse(d.nextRunAt!) - startedAt <= window).map((d) => d.dataset);
    expect(due.filter((d) => d !== 'kpis').sort()).toEqual(['health_alerts', 'inventory']);
    const before = finished(h, 'background').length;
    await clock.tickAsync(window);
    await until('inventory and alerts again', () => finished(h, 'background').length >= before + due.length);
    const again = finished(h, 'background').slice(before);
    expect(again.map((r) => r.dataset).sort()).toEqual(due.sort());
  });

  it('started with a delay (a core that has just started), it plans nothing and starts nothing until the delay is over', async () => {
    // (No settings saved in the rig: saving them plans at once.)
    const { h, clock, scheduler, starts } = await rig({ vendors: ['rn'] });
    const plans = () => h.events.filter((e) => e.name === 'sync.scheduleChanged').length;
    const plansBefore = plans();
    scheduler.start(60_000);
    // Without the delay the new connection's datasets would have started within these seconds.
    await clock.tickAsync(59_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(starts).toHaveLength(0);
    expect(plans()).toBe(plansBefore);
    await clock.tickAsync(11_000);
    await until('the first background run', () => starts.length > 0 && finished(h, 'background').length >= 1);
    expect(plans()).toBeGreaterThan(plansBefore);
  });

  it('never starts beside a manual sync of the connection; the manual run counts as the dataset’s last run', async () => {
    const { h, sim, clock, scheduler, starts, ids } = await rig({ settings: quick, vendors: ['rn'] });
    scheduler.start();
    await clock.tickAsync(10_000);
    await until('first background runs', () => finished(h, 'background').length >= 2);
    await until('idle', () => h.sync.busy(ids.rn.id) === null);

    // A slow manual sync (every answer 400 ms late) still runs when the background's time comes.
    sim.faults.set({ vendor: 'retailnext', kind: 'latency', ms: 400 });
    const manual = await h.sync.start({ connectionId: ids.rn.id, datasets: ['inventory', 'health_alerts', 'users'], refetchFinal: false });
    const startsBefore = starts.length;
    await clock.tickAsync(20 * 60_000);
    expect(h.sync.busy(ids.rn.id)).toBe('manual');
    expect(starts.length).toBe(startsBefore);
    sim.faults.clear();
    for (const id of manual.runIds) expect((await h.sync.wait(id)).status).toBe('ok');
    // After it, what fell due meanwhile (fake time went on 20 minutes) runs: not before, and counted from the manual start.
    await until('background after the manual sync', () => starts.length > startsBefore);
    expect(starts.every((s) => s.busyAt === null)).toBe(true);
    const bgBefore = finished(h, 'background').length;
    await until('the background runs ended', () => finished(h, 'background').length >= bgBefore + starts[starts.length - 1]!.datasets.length);
    const inventory = await until('inventory planned again', () => scheduler.schedule().datasets.find((d) => d.dataset === 'inventory' && d.state === 'scheduled'));
    expect(Date.parse(inventory.nextRunAt!) - clock.now).toBeGreaterThan(13 * 60_000);
  });

  it('pauses while the vendor cannot be reached, asks again each minute, resumes with what fell due', async () => {
    const first = await rig({ settings: quick, vendors: ['rn'] });
    const port = Number(new URL(first.sim.url).port);
    const { h, clock, scheduler } = first;
    scheduler.start();
    await clock.tickAsync(10_000);
    await until('first runs', () => finished(h, 'background').length >= 2);

    await first.sim.close();
    await clock.tickAsync(17 * 60_000);
    const paused = await until('paused', () => scheduler.schedule().paused);
    expect(paused.reason).toMatch(/cannot be reached/);
    expect(scheduler.schedule().datasets.filter((d) => d.state !== 'off').every((d) => d.state === 'paused' || d.state === 'running')).toBe(true);
    const failedRuns = finished(h, 'background').filter((r) => r.status === 'failed');
    expect(failedRuns.length).toBeGreaterThanOrEqual(1);
    expect(failedRuns.every((r) => r.error?.code === 'offline')).toBe(true);

    // Two more minutes offline: probes fail, no sync run is started (the history does not fill with failures).
    // Counted once the chain that was failing has ended: its last run may finish after the pause began.
    await until('the failed chain ended', () => h.sync.busy(first.ids.rn.id) === null);
    const runsWhilePaused = finished(h, 'background').length;
    await clock.tickAsync(60_000);
    await new Promise((r) => setTimeout(r, 1_500));
    await clock.tickAsync(60_000);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(scheduler.schedule().paused).not.toBeNull();
    expect(finished(h, 'background').length).toBe(runsWhilePaused);

    // The vendor is back on the same address: the next probe resumes, and what failed runs at once.
    first.sim = await startSimulator({ seed: 11, scale: 'demo', port });
    await clock.tickAsync(60_000);
    await until('resumed', () => scheduler.schedule().paused === null);
    await until('the datasets that failed offline synced again', () => {
      const after = finished(h, 'background').slice(runsWhilePaused);
      return after.filter((r) => r.status === 'ok').length >= 2;
    });
  });

  it('the window’s offline event pauses at once, its online event resumes; off in the settings runs nothing', async () => {
    const { h, clock, scheduler } = await rig({ settings: quick, vendors: ['rn'] });
    scheduler.start();
    scheduler.setOnline(false);
    expect(scheduler.schedule().paused?.reason).toBe('This computer is offline.');
    await clock.tickAsync(30_000);
    expect(finished(h, 'background')).toHaveLength(0);
    scheduler.setOnline(true);
    await clock.tickAsync(10_000);
    await until('runs after online', () => finished(h, 'background').length >= 2);

    scheduler.setSettings({ ...quick, enabled: false });
    expect(scheduler.schedule().datasets.every((d) => d.state === 'off' && d.nextRunAt === null)).toBe(true);
    const n = finished(h, 'background').length;
    await clock.tickAsync(3 * 3_600_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(finished(h, 'background').length).toBe(n);
  });
});
