import { describe, expect, it } from 'vitest';
import { trayStateOf } from '../../src/shared/app/trayState';
import type { SyncRunView, SyncStatus } from '../../src/shared/sync/types';
import type { SyncSchedule } from '../../src/shared/sync/schedule';
import { trayMenuTemplate, trayTooltip } from '../../src/main/shell/electron/menuTemplates';
import { inProcessClient } from '../../src/main/host/inProcess';
import { changesShellState, readShellState, shellStateEvents } from '../../src/main/host/shellState';
import { startTestCore } from '../support/core';

const now = Date.parse('2026-03-29T12:00:00Z');
const run = (status: SyncRunView['status'], finishedAt: string | null): SyncRunView => ({ status, finishedAt }) as SyncRunView;
const statusOf = (runs: SyncRunView[], running: SyncRunView[] = []): SyncStatus => ({ running, freshness: runs.map((lastRun) => ({ lastRun }) as SyncStatus['freshness'][number]) });
const schedule = (enabled: boolean, paused: SyncSchedule['paused'] = null): SyncSchedule => ({ settings: { enabled }, available: true, paused, datasets: [] }) as unknown as SyncSchedule;

describe('the tray state in words', () => {
  it('says the sync state (running, paused by the user, waiting for the network, last run failed, up to date) and the open critical alerts', () => {
    const ok = run('ok', '2026-03-29T11:55:00Z');
    expect(trayTooltip(trayStateOf(statusOf([ok]), schedule(true), 0, now))).toBe('Retail Ops Console: Sync: up to date (5 min ago); no open critical alerts');
    expect(trayTooltip(trayStateOf(statusOf([ok], [run('running', null)]), schedule(true), 1, now))).toBe('Retail Ops Console: Sync: syncing now…; 1 open critical alert');
    expect(trayStateOf(statusOf([ok]), schedule(false), 3, now).sync).toBe('paused');
    expect(trayStateOf(statusOf([ok]), schedule(true, { since: '2026-03-29T11:00:00Z', reason: 'offline' }), 3, now).sync).toBe('offline');
    // The newest ended run decides: a failure after an ok run says so.
    expect(trayStateOf(statusOf([ok, run('failed', '2026-03-29T11:58:00Z')]), schedule(true), 0, now)).toEqual({ sync: 'failed', openCriticalAlerts: 0, lastSyncAgo: null });
    const menu = trayMenuTemplate(trayStateOf(statusOf([ok]), schedule(false), 2, now), { open: () => undefined, syncNow: () => undefined, setPaused: () => undefined, quit: () => undefined });
    expect(menu.map((m) => m.label)).toEqual(['Sync: paused', '2 open critical alerts', undefined, 'Open Retail Ops Console', 'Sync now', 'Pause syncing', undefined, 'Quit']);
    expect(menu.find((m) => m.label === 'Pause syncing')!.checked).toBe(true);
  });
});

describe('the events after which the shell reads its state again', () => {
  it("a run's progress while the tray already says \"syncing\" asks for no read; every other followed event does", () => {
    const state = (sync: 'idle' | 'syncing') => ({ tray: { sync, openCriticalAlerts: 0, lastSyncAgo: null }, exportsRunning: 0, demoWorkspace: false, syncPausedByUser: false });
    expect(changesShellState('sync.progress', state('syncing'))).toBe(false);
    // the first progress of a run: the tray learns a sync runs
    expect(changesShellState('sync.progress', state('idle'))).toBe(true);
    expect(changesShellState('sync.progress', null)).toBe(true);
    for (const event of shellStateEvents.filter((e) => e !== 'sync.progress')) expect(changesShellState(event, state('syncing'))).toBe(true);
  });
});

describe('the shell state from the core (over the host channel: calls answered as JSON text)', () => {
  it('reads sync state, open critical alerts, running exports and the Demo workspace from a real core', async () => {
    const core = startTestCore();
    const client = inProcessClient(core);
    const source = { invoke: (name: string, input: unknown) => client.call(name, input).result, onEvent: client.onEvent, onReady: () => () => undefined };
    const state = await readShellState(source, now);
    expect(state).toEqual({ tray: { sync: 'idle', openCriticalAlerts: 0, lastSyncAgo: null }, exportsRunning: 0, demoWorkspace: false, syncPausedByUser: false });
    const demo = JSON.parse(await client.call('demo.start', {}).result) as { ok: boolean };
    expect(demo.ok).toBe(true);
    expect((await readShellState(source, now)).demoWorkspace).toBe(true);
  });
});
