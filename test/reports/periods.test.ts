import { describe, expect, it } from 'vitest';
import { addMonths, lastYearPeriod, previousPeriod } from '../../src/shared/reports/time';
import { csvRows, periodLabel } from '../../src/shared/reports/tables';
import { splitByWholeMonths } from '../../src/main/reports/read';

const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

describe('comparison periods: month ends, the year boundary, 29 February', () => {
  it('adds months keeping the day where the month has it', () => {
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2025-12-31', 2)).toBe('2026-02-28');
    expect(addMonths('2026-05-31', -12)).toBe('2025-05-31');
  });

  it('by month, the previous period is the previous calendar months', () => {
    expect(previousPeriod('2026-11-01', '2026-11-30', 'month')).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(previousPeriod('2026-01-01', '2026-01-31', 'month')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(previousPeriod('2024-03-01', '2024-03-31', 'month')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(previousPeriod('2026-03-01', '2026-04-30', 'month')).toEqual({ from: '2026-01-01', to: '2026-02-28' });
    // a month so far: the same days of the month before
    expect(previousPeriod('2026-12-01', '2026-12-05', 'month')).toEqual({ from: '2026-11-01', to: '2026-11-05' });
    expect(previousPeriod('2026-01-01', '2026-12-31', 'month')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });

  it('by day or week, the previous period is as many days just before', () => {
    expect(previousPeriod('2026-01-01', '2026-01-07', 'day')).toEqual({ from: '2025-12-25', to: '2025-12-31' });
    expect(previousPeriod('2026-03-01', '2026-03-01', 'hour')).toEqual({ from: '2026-02-28', to: '2026-02-28' });
    expect(previousPeriod('2024-03-01', '2024-03-14', 'week')).toEqual({ from: '2024-02-16', to: '2024-02-29' });
  });

  it('last year by weekday is 364 days earlier, on the same weekday, across the year boundary and 29 February', () => {
    for (const [from, to] of [['2026-01-01', '2026-01-31'], ['2025-12-29', '2026-01-04'], ['2024-02-29', '2024-03-06'], ['2027-03-01', '2027-03-31']] as const) {
      const ly = lastYearPeriod(from, to, 'weekday');
      expect(weekday(ly.from)).toBe(weekday(from));
      expect(weekday(ly.to)).toBe(weekday(to));
      expect((Date.parse(to) - Date.parse(from)) / 86_400_000).toBe((Date.parse(ly.to) - Date.parse(ly.from)) / 86_400_000);
    }
    expect(lastYearPeriod('2026-01-01', '2026-01-31', 'weekday')).toEqual({ from: '2025-01-02', to: '2025-02-01' });
  });

  it('last year by date keeps the dates (29 February becomes 28 February)', () => {
    expect(lastYearPeriod('2026-01-01', '2026-01-31', 'date')).toEqual({ from: '2025-01-01', to: '2025-01-31' });
    expect(lastYearPeriod('2024-02-29', '2024-03-01', 'date')).toEqual({ from: '2023-02-28', to: '2023-03-01' });
  });

  it('names whole months, and days otherwise', () => {
    expect(periodLabel('2026-10-01', '2026-10-31')).toBe('October 2026');
    expect(periodLabel('2025-11-01', '2026-01-31')).toBe('November 2025 – January 2026');
    expect(periodLabel('2026-10-02', '2026-10-31')).toBe('2026-10-02 – 2026-10-31');
    expect(periodLabel('2026-10-02', '2026-10-02')).toBe('2026-10-02');
  });

  it('a month so far (from its first day to a day inside it) is read from its days, not lost', () => {
    expect(splitByWholeMonths('2026-03-01', '2026-03-10')).toEqual({ months: null, edges: [{ from: '2026-03-01', to: '2026-03-10' }] });
    expect(splitByWholeMonths('2026-12-01', '2026-12-05')).toEqual({ months: null, edges: [{ from: '2026-12-01', to: '2026-12-05' }] });
    expect(splitByWholeMonths('2026-03-05', '2026-03-10')).toEqual({ months: null, edges: [{ from: '2026-03-05', to: '2026-03-10' }] });
    expect(splitByWholeMonths('2026-02-15', '2026-04-10')).toEqual({ months: { from: '2026-03', to: '2026-03' }, edges: [{ from: '2026-02-15', to: '2026-02-28' }, { from: '2026-04-01', to: '2026-04-10' }] });
  });
});

describe('CSV numbers', () => {
  it('are rounded to what they mean: whole counts, cents, four places for ratios and shares', () => {
    const rows = csvRows({
      id: 'comparison',
      title: '',
      columns: [{ label: 'Measure', kind: 'text' }, { label: 'This period', kind: 'byRow' }, { label: 'Change', kind: 'percent' }],
      rows: [['Traffic', 1234.0000001, 0.123456789], ['Sales', 5185.404999, -0.0000001], ['UPT', 1.8333333333333333, null]],
      rowKinds: ['count', 'amount', 'ratio'],
    });
    expect(rows).toEqual([['Traffic', 1234, 0.1235], ['Sales', 5185.4, -0], ['UPT', 1.8333, null]]);
  });
});
