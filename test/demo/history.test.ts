import { describe, expect, it } from 'vitest';
import { historyRanges } from '../../src/main/demo/history';
import type { ReportResult } from '../../src/shared/reports/types';
import type { DayRange } from '../../src/shared/sync/defaultRange';
import type { SyncSchedule } from '../../src/shared/sync/schedule';
import type { SyncRunView } from '../../src/shared/sync/types';
import { openDemoCache } from '../estate/helpers/demoCache';

describe("the Demo's history: what Reports compares its default week with", () => {
  it('the week before the week (synced with it) and the same weekdays 52 weeks earlier, across a 29 February and a change of the clocks', () => {
    expect(historyRanges({ from: '2028-02-23', to: '2028-02-29' })).toEqual([{ from: '2028-02-16', to: '2028-02-29' }, { from: '2027-02-24', to: '2027-03-02' }]);
    expect(historyRanges({ from: '2028-03-01', to: '2028-03-07' })).toEqual([{ from: '2028-02-23', to: '2028-03-07' }, { from: '2027-03-03', to: '2027-03-09' }]);
    // New York's clocks went back on 7 November 2027 and on 1 November 2026
    expect(historyRanges({ from: '2027-11-01', to: '2027-11-07' })).toEqual([{ from: '2027-10-25', to: '2027-11-07' }, { from: '2026-11-02', to: '2026-11-08' }]);
    expect(historyRanges({ from: '2027-01-01', to: '2027-01-07' })).toEqual([{ from: '2026-12-25', to: '2027-01-07' }, { from: '2026-01-02', to: '2026-01-08' }]);
  });

  it('a Demo started at the end of 29 February (New York) syncs itself, then the weeks its comparisons read: previous period and last year have every day', async () => {
    // 23:59 on 29 February 2028 in New York, 20:59 in Los Angeles: every Demo store is on the leap day
    const now = new Date('2028-03-01T04:59:00Z');
    const demo = await openDemoCache({ now: () => now, backgroundSync: true });
    try {
      // Nobody syncs by hand: the Demo's background sync, then the history after it.
      const deadline = Date.now() + 200_000;
      let week: DayRange;
      for (;;) {
        // (by this computer's calendar until the stores are cached)
        week = await demo.call<DayRange>('sync.defaultRange', {});
        const lastYear = historyRanges(week)[1]!;
        const runs = await demo.call<SyncRunView[]>('sync.runs', { limit: 500 });
        const filled = demo.connections.filter((c) => runs.some((r) => r.connectionId === c.id && r.dataset === 'kpis' && r.status === 'ok' && r.range?.from === lastYear.from && r.range.to === lastYear.to));
        if (filled.length === demo.connections.length) break;
        const failed = runs.filter((r) => r.status === 'failed');
        if (failed.length > 0) throw new Error(`a sync failed: ${JSON.stringify(failed.map((r) => [r.dataset, r.error]))}`);
        if (Date.now() > deadline) throw new Error(`the history was not synced: ${JSON.stringify(runs.map((r) => [r.connectionId, r.dataset, r.status, r.range]))}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(week).toEqual({ from: '2028-02-23', to: '2028-02-29' });
      const report = await demo.call<ReportResult>('reports.run', { nodeId: 'all', ...week, granularity: 'day' });
      expect(report.previous).toMatchObject({ from: '2028-02-16', to: '2028-02-22' });
      expect(report.lastYear).toMatchObject({ from: '2027-02-24', to: '2027-03-02' });
      for (const c of [report.previous, report.lastYear]) {
        expect(c.traffic).toHaveLength(7);
        expect(c.traffic.every((v) => v !== null && v > 0)).toBe(true);
        expect(c.totals.validity.missing).toBe(false);
      }
      // the week itself is whole too (its first sync may have been by this computer's calendar)
      expect(report.buckets.filter((b) => b.validity.missing).map((b) => b.key)).toEqual([]);
    } finally {
      await demo.close();
    }
  }, 300_000);

  it('starts no history run once background sync is turned off, and does when it is on', async () => {
    const demo = await openDemoCache({ backgroundSync: true });
    try {
      // Off before the scheduler's first look (2 s after the start): only this test's runs happen.
      const { settings } = await demo.call<SyncSchedule>('sync.schedule', {});
      await demo.call('sync.setSchedule', { settings: { ...settings, enabled: false } });
      const [locations] = await demo.syncAll({ retailnext: ['locations'], flow: [], exteros: [] });
      const week = await demo.call<DayRange>('sync.defaultRange', {});
      const fills = async () => (await demo.call<SyncRunView[]>('sync.runs', { limit: 500 })).filter((r) => r.dataset === 'kpis' && r.range?.from === historyRanges(week)[0]!.from);
      // What the end of one of the Demo's background syncs tells the core (its locations: the stores' week).
      const backgroundEnd = { ...locations!, trigger: 'background' as const };
      demo.core.context.emit('sync.finished', backgroundEnd);
      await new Promise((r) => setTimeout(r, 200));
      expect(await fills()).toEqual([]);
      expect((await demo.call<{ running: unknown[] }>('sync.status', {})).running).toEqual([]);

      // On again: the same end starts the history (so the check above could fail).
      await demo.call('sync.setSchedule', { settings: { ...settings, enabled: true } });
      demo.core.context.emit('sync.finished', backgroundEnd);
      await expect.poll(async () => (await fills()).length, { timeout: 60_000 }).toBeGreaterThan(0);
    } finally {
      await demo.close();
    }
  }, 120_000);
});
