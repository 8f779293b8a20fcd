import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useConnections } from '../../src/renderer/src/features/connections/store';
import { ReportsView } from '../../src/renderer/src/features/reports/ReportsView';
import { chosenHours, defaultQuery, useReports } from '../../src/renderer/src/features/reports/store';
import { provisionalRange, useSync } from '../../src/renderer/src/features/sync/store';
import { exterosDay } from '../../src/main/sync/kpiJobs';
import { startTestCore } from '../support/core';
import { useCoreForRenderer } from '../support/renderer';
import { ids, seedTestCache } from '../reports/cache';

afterEach(() => {
  cleanup();
  useReports.setState({ tree: [], treeLoaded: false, query: defaultQuery(), rangeChosen: false, report: null, heatmap: null, runCount: 0, error: null, notice: null });
  useConnections.setState({ connections: [], loaded: false, loadError: null, tests: {} });
});

describe('ReportsView', () => {
  // Deadlines a loaded machine meets: the tree and the report come from a read worker that may take seconds to start.
  it('runs a report from the cache and shows its numbers, n/a and the gaps in words', { timeout: 60_000 }, async () => {
    const core = startTestCore({ now: () => new Date('2026-04-20T16:00:00Z') });
    const cache = seedTestCache(core.context.db, ['101']);
    cache.write(ids.flow, ['101'], ['2026-04-19'], [{ storeKey: '101', day: '2026-04-19', hour: 11, enters: 37, exits: 47, sales: 51854, transactions: 12, itemsSold: 22 }]);
    cache.write(ids.flow, ['101'], ['2026-04-18'], [{ storeKey: '101', day: '2026-04-18', hour: 11, enters: 0, exits: 0, sales: 0, transactions: 0, itemsSold: 0 }]);
    useCoreForRenderer(core);
    useReports.setState({ query: { nodeId: 'all', from: '2026-04-17', to: '2026-04-19', granularity: 'day', lastYear: 'weekday', hourFrom: null, hourTo: 24 }, rangeChosen: true });
    render(<ReportsView />);
    await screen.findByRole('option', { name: /Madison Ave Store/ }, { timeout: 20_000 });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Run report' })));
    await screen.findByTestId('report', {}, { timeout: 20_000 });

    // The legend says what each mark of the charts is, the ring and the dashes too.
    expect(screen.getByTestId('report-legend').textContent).toMatch(/stale: fetched before the day ended \(line dashed\).*today, still counting \(ring: the value so far; a triangle at the edge: beyond the scale of the whole days\)/);
    const sales = screen.getAllByRole('region', { hidden: true }).length; // sections render
    expect(sales).toBeGreaterThan(0);
    const salesSection = screen.getByText('Sales and conversion (Flow)').closest('section')!;
    fireEvent.click(within(salesSection).getByRole('button', { name: 'Numbers' }));
    const table = within(salesSection).getByTestId('table-sales');
    const rows = within(table).getAllByRole('row');
    const cells = (i: number) => within(rows[i]!).getAllByRole('cell').map((c) => c.textContent);
    // 17 April: never synced; 18 April: zero traffic, so conversion and ATV are n/a; 19 April: 12 / 37.
    // RetailNext and Exteros never synced: every day says so.
    expect(cells(1)).toEqual(['2026-04-17', 'no data', 'no data', 'no data', 'n/a', 'n/a', 'n/a', 'n/a', 'missing data']);
    expect(cells(2)).toEqual(['2026-04-18', '0.00', '0', '0', 'n/a', 'n/a', 'n/a', 'n/a', 'missing data']);
    expect(cells(3)!.slice(0, 8)).toEqual(['2026-04-19', '51,854.00', '12', '22', '32.4%', '4,321.17', '1.83', '1,401.46']);

    // The comparison table: counts without decimals; the choice of last year said in its title.
    const comparison = screen.getByTestId('table-comparison');
    const row = (label: RegExp) => within(comparison).getAllByRole('row').find((r) => label.test(r.textContent ?? ''))!;
    expect(within(row(/^Transactions/)).getAllByRole('cell')[1]!.textContent).toBe('12');
    expect(comparison.closest('section')!.querySelector('h2')!.textContent).toMatch(/\(last year, same weekdays: 52 weeks earlier\)/);

    const gaps = screen.getByTestId('gaps');
    expect(gaps.textContent).toContain('Flow test');
    expect(gaps.textContent).toContain('2026-04-17');
    expect(gaps.textContent).toMatch(/RN test.*never/);
  });

  it('with no connection yet: points to Connections to add one first, not only to Sync', { timeout: 60_000 }, async () => {
    const core = startTestCore();
    useCoreForRenderer(core);
    render(<ReportsView />);
    const empty = await screen.findByTestId('reports-empty', {}, { timeout: 20_000 });
    await waitFor(() => expect(empty.textContent).toMatch(/no connection to sync them from: add one in Connections/));
    expect(within(empty).getByRole('link', { name: 'Connections' }).getAttribute('href')).toBe('#connections');
    await core.close();
  });

  it('says why a report cannot run', { timeout: 60_000 }, async () => {
    const core = startTestCore();
    useCoreForRenderer(core);
    useReports.setState({ query: { nodeId: 'all', from: '2026-01-01', to: '2026-03-01', granularity: 'hour', lastYear: 'weekday', hourFrom: null, hourTo: 24 }, rangeChosen: true });
    render(<ReportsView />);
    // offered once the stores and the default days are in
    await waitFor(() => expect((screen.getByRole('button', { name: 'Run report' }) as HTMLButtonElement).disabled).toBe(false), { timeout: 20_000 });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Run report' })));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/at most 31 days/), { timeout: 20_000 });
  });

  it('chooses hours as a stretch of the day, past midnight too', () => {
    const q = (granularity: 'hour' | '15min' | 'day', hourFrom: number | null, hourTo: number) => chosenHours({ granularity, hourFrom, hourTo });
    expect(q('15min', 10, 14)).toEqual([10, 11, 12, 13]);
    expect(q('hour', 22, 2)).toEqual([22, 23, 0, 1]);
    expect(q('hour', 0, 24)).toBeNull();
    expect(q('hour', null, 24)).toBeNull();
    expect(q('day', 10, 14)).toBeNull();
  });

  it('runs an Exteros store at 15 minutes for chosen hours, and offers neither where Exteros is absent', { timeout: 60_000 }, async () => {
    const core = startTestCore({ now: () => new Date('2026-11-05T16:00:00Z') });
    const cache = seedTestCache(core.context.db, ['101']);
    // New York's autumn day (1 November 2026): 01:00-01:59 twice; impressions = hour * 100 + minute.
    const sent = [0, 1, 1, 2].flatMap((h) => [0, 15, 30, 45].map((m) => ({ hour: h, minute: m, value: h * 100 + m })));
    const { hours, quarters } = exterosDay('madison-ave-store', '2026-11-01', [sent, sent, sent, sent]);
    cache.kpis.writeSlice(ids.exteros, ['madison-ave-store'], ['2026-11-01'], hours, '2026-11-05', '2026-11-02T08:00:00.000Z', null, quarters!);
    useCoreForRenderer(core);
    useReports.setState({ query: { nodeId: ids.chicago, from: '2026-11-01', to: '2026-11-01', granularity: 'hour', lastYear: 'weekday', hourFrom: null, hourTo: 24 }, rangeChosen: true });
    render(<ReportsView />);
    await screen.findByRole('option', { name: /Madison Ave Store/ }, { timeout: 20_000 });
    // Lakeside has no Exteros: 15 minutes is offered as Exteros-only and cannot be picked; the hours filter is off.
    expect((screen.getByRole('option', { name: '15 minutes (Exteros only)' }) as HTMLOptionElement).disabled).toBe(true);
    expect((screen.getByLabelText('Hours from') as HTMLSelectElement).closest('fieldset')!.disabled).toBe(true);

    fireEvent.change(screen.getByLabelText('Stores'), { target: { value: ids.ny } });
    fireEvent.change(screen.getByLabelText('By'), { target: { value: '15min' } });
    fireEvent.change(screen.getByLabelText('Hours from'), { target: { value: '1' } });
    fireEvent.change(screen.getByLabelText('Hours to'), { target: { value: '2' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Run report' })));
    await screen.findByTestId('report', {}, { timeout: 20_000 });
    expect(screen.getByTestId('quarter-note').textContent).toContain('RetailNext and Flow count by the hour');
    expect(screen.queryByText('Sales and conversion (Flow)')).toBeNull();
    const funnel = screen.getByText('Exteros funnel, 15 minutes').closest('section')!;
    fireEvent.click(within(funnel).getByRole('button', { name: 'Numbers' }));
    const rows = within(within(funnel).getByTestId('table-funnel')).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0]!.textContent)).toEqual([
      '2026-11-01 01:00', '2026-11-01 01:15', '2026-11-01 01:30', '2026-11-01 01:45',
      '2026-11-01 01:00 (2nd)', '2026-11-01 01:15 (2nd)', '2026-11-01 01:30 (2nd)', '2026-11-01 01:45 (2nd)',
    ]);
    expect(rows.map((r) => within(r).getAllByRole('cell')[1]!.textContent)).toEqual(['100', '115', '130', '145', '100', '115', '130', '145']);
  });
});

describe('the default range', () => {
  it('until the core says it, the widest such range (no store known): wherever this computer is', () => {
    const zone = process.env.TZ;
    try {
      for (const [tz, at, from, to] of [
        ['America/Los_Angeles', '2027-05-12T03:00:00Z', '2027-05-05', '2027-05-12'], // 20:00 on 11 May
        ['Asia/Tokyo', '2027-05-11T20:00:00Z', '2027-05-05', '2027-05-12'], // 05:00 on 12 May
        ['UTC', '2027-01-01T00:30:00Z', '2026-12-25', '2027-01-01'],
      ] as const) {
        process.env.TZ = tz;
        const q = defaultQuery(new Date(at));
        expect({ tz, from: q.from, to: q.to }).toEqual({ tz, from, to });
        expect({ from: q.from, to: q.to }).toEqual(provisionalRange(new Date(at)));
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('Reports and Sync both start from the core’s: the stores’ own last 7 days; a range chosen stays', { timeout: 60_000 }, async () => {
    const zone = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      // 18:30 on 20 April in Los Angeles, 21:30 in New York, 20:30 in Chicago: 21 April already in Kiritimati
      const core = startTestCore({ now: () => new Date('2026-04-21T01:30:00Z') });
      seedTestCache(core.context.db, ['101']);
      useCoreForRenderer(core);
      useReports.setState({ query: defaultQuery(new Date('2026-04-21T01:30:00Z')), rangeChosen: false });
      expect(useReports.getState().query).toMatchObject({ from: '2026-04-14', to: '2026-04-21' });
      render(<ReportsView />);
      await waitFor(() => expect(useReports.getState().query).toMatchObject({ from: '2026-04-14', to: '2026-04-20' }), { timeout: 20_000 });
      expect((screen.getByLabelText('To') as HTMLInputElement).value).toBe('2026-04-20');
      // Run is offered with the days the form shows, not before (a report of other days than the form's)
      expect((screen.getByRole('button', { name: 'Run report' }) as HTMLButtonElement).disabled).toBe(false);

      useSync.setState({ range: provisionalRange(new Date('2026-04-21T01:30:00Z')), rangeChosen: false });
      await useSync.getState().load();
      expect(useSync.getState().range).toEqual({ from: '2026-04-14', to: '2026-04-20' });
      // chosen in the view: the core's default does not replace it
      useSync.getState().setRange({ from: '2026-04-01', to: '2026-04-02' });
      await useSync.getState().load();
      expect(useSync.getState().range).toEqual({ from: '2026-04-01', to: '2026-04-02' });
      fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-04-10' } });
      await act(() => useReports.getState().loadTree());
      expect(useReports.getState().query).toMatchObject({ from: '2026-04-10', to: '2026-04-20' });
      await core.close();
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
