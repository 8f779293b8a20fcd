import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ReportsView } from '../../src/renderer/src/features/reports/ReportsView';
import { defaultQuery, useReports } from '../../src/renderer/src/features/reports/store';
import { startTestCore } from '../support/core';
import { useCoreForRenderer } from '../support/renderer';
import { ids, seedTestCache } from '../reports/cache';

afterEach(() => {
  cleanup();
  useReports.setState({ tree: [], treeLoaded: false, query: defaultQuery(), report: null, heatmap: null, runCount: 0, error: null, notice: null });
});

describe('ReportsView', () => {
  it('runs a report from the cache and shows its numbers, n/a and the gaps in words', async () => {
    const core = startTestCore({ now: () => new Date('2026-04-20T16:00:00Z') });
    const cache = seedTestCache(core.context.db, ['101']);
    cache.write(ids.flow, ['101'], ['2026-04-19'], [{ storeKey: '101', day: '2026-04-19', hour: 11, enters: 37, exits: 47, sales: 51854, transactions: 12, itemsSold: 22 }]);
    cache.write(ids.flow, ['101'], ['2026-04-18'], [{ storeKey: '101', day: '2026-04-18', hour: 11, enters: 0, exits: 0, sales: 0, transactions: 0, itemsSold: 0 }]);
    useCoreForRenderer(core);
    useReports.setState({ query: { nodeId: 'all', from: '2026-04-17', to: '2026-04-19', granularity: 'day', lastYear: 'weekday' } });
    render(<ReportsView />);
    await screen.findByRole('option', { name: /Madison Ave Store/ });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Run report' })));
    await screen.findByTestId('report');

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

  it('says why a report cannot run', async () => {
    const core = startTestCore();
    useCoreForRenderer(core);
    useReports.setState({ query: { nodeId: 'all', from: '2026-01-01', to: '2026-03-01', granularity: 'hour', lastYear: 'weekday' } });
    render(<ReportsView />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Run report' })));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/at most 31 days/));
  });
});
