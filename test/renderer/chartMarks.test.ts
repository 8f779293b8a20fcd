import { describe, expect, it } from 'vitest';
import { axisRange, lineValues, offScaleSlots, periodMarks, restingPeriod, soFarPlacement, soFarValue, soFarValues, staleJoins, joinsSolid, type ChartSeries } from '../../src/renderer/src/features/reports/chartMarks';
import { restingLabelOf } from '../../src/renderer/src/features/reports/chartAxis';
import type { Bucket, Validity } from '../../src/shared/reports/types';

/** Days of a report as the core sends them, with only what the chart reads of their validity. */
function days(validity: Array<Partial<Validity>>): Bucket[] {
  return validity.map((v, i) => ({
    key: `2026-12-0${i + 1}`,
    label: `Dec ${i + 1}`,
    x: Date.UTC(2026, 11, i + 1),
    days: 1,
    sums: {} as Bucket['sums'],
    ratios: {} as Bucket['ratios'],
    occupancy: { peak: null, peakShareOfLimit: null, overLimit: null, limit: null },
    validity: { hours: 24, incompleteHours: 0, imputedHours: 0, provisional: false, stale: false, missing: false, ...v },
  }));
}

const traffic = (values: Array<number | null>): ChartSeries => ({ label: 'Flow in', color: '#c40', values });

// Dec 4 complete, Dec 5 stale in New York and still today in Los Angeles (both flags, as the Demo's
// stores in four zones give it soon after midnight UTC), Dec 6 today.
const buckets = days([{}, {}, {}, { stale: true, provisional: true }, { provisional: true }]);

describe('how the Reports chart marks stale and provisional days', () => {
  it('a stale day stays on the line, joined to the day before by dashes, not a ring of its own', () => {
    const marks = periodMarks(buckets);
    const s = traffic([7_800, 10_300, 14_800, 19_100, 2_400]);
    const line = lineValues(s, marks);
    expect(line).toEqual([7_800, 10_300, 14_800, 19_100, null]);
    expect(soFarValue(s, marks, 3)).toBeNull();
    expect([1, 2, 3].map((i) => joinsSolid(line, marks.stale, i))).toEqual([true, true, false]);
    expect(staleJoins(line, marks.stale)).toEqual({ dashed: [[2, 3]], alone: [] });
  });

  it("today's value so far is a ring off the line, at its value when it is inside the whole days' scale", () => {
    const marks = periodMarks(buckets);
    const s = traffic([7_800, 10_300, 14_800, 19_100, 2_400]);
    expect(soFarValue(s, marks, 4)).toBe(2_400);
    expect(soFarValues([s], marks, false)).toEqual([2_400]);
    // the whole days set the axis; a morning's count below them sits on its lower edge, marked as below
    const range = axisRange([s], marks, false);
    expect(range[0]).toBeGreaterThan(2_400);
    expect(soFarPlacement(2_400, range)).toEqual({ at: range[0], off: 'below' });
    expect(soFarPlacement(12_000, range)).toEqual({ at: 12_000, off: null });
  });

  it("a partial day's conversion far above the whole days does not stretch the axis: it is drawn at the edge, marked off the scale", () => {
    const marks = periodMarks(buckets);
    const transactions: ChartSeries = { label: 'Transactions', color: '#080', values: [300, 320, 310, 290, 4], bars: true };
    // 3 visitors and 2 sales by 9 am: 67 %, where the whole days sit near 20 %.
    const conversion: ChartSeries = { label: 'Conversion', color: '#c40', values: [0.2, 0.22, 0.21, 0.19, 0.67], right: true };
    const [lo, hi] = axisRange([transactions, conversion], marks, true);
    expect(lo).toBeGreaterThan(0.15);
    expect(hi).toBeLessThan(0.25);
    expect(soFarPlacement(0.67, [lo, hi])).toEqual({ at: hi, off: 'above' });
    expect(soFarPlacement(0.01, [lo, hi])).toEqual({ at: lo, off: 'below' });
    // the left axis is the transactions' own; bars stand on zero (today's 4 so far is then inside it)
    expect(axisRange([transactions, conversion], marks, false)).toEqual([0, 320 + (320 - 290) * 0.08]);
    expect(axisRange([{ ...transactions, bars: false }], marks, false)).toEqual([290 - (320 - 290) * 0.08, 320 + (320 - 290) * 0.08]);
    // a report of today alone: the values so far are all there is, and set the axis
    const onlyToday = periodMarks(days([{ provisional: true }]));
    const [tlo, thi] = axisRange([{ ...conversion, values: [0.67] }], onlyToday, true);
    expect(soFarPlacement(0.67, [tlo, thi]).off).toBeNull();
  });

  it('a month report with one whole month beside the current one: the value so far sets the axis too, so two near-equal figures of that month are not magnified', () => {
    // Nov 30 - Dec 6 by month: November holds one whole day, December is still counting.
    const marks = periodMarks(days([{}, { provisional: true }]));
    const retailNext = traffic([7_673, 69_000]);
    const flow: ChartSeries = { label: 'Flow in', color: '#c40', values: [7_666, 68_900] };
    const [lo, hi] = axisRange([retailNext, flow], marks, false);
    expect(hi).toBeGreaterThan(69_000);
    expect(lo).toBeLessThan(7_666);
    expect(soFarPlacement(69_000, [lo, hi]).off).toBeNull();
  });

  it('a month report of the current month alone (Dec 1 - Dec 7): the axis starts at zero, so near-equal figures read as near-equal', () => {
    const marks = periodMarks(days([{ provisional: true }]));
    const retailNext = traffic([70_425]);
    const flow: ChartSeries = { label: 'Flow in', color: '#c40', values: [70_330] };
    const [lo, hi] = axisRange([retailNext, flow], marks, false);
    expect(lo).toBe(0);
    expect(hi).toBeGreaterThan(70_425);
    // The two marks then sit within a few pixels of each other on a chart 150 px tall.
    expect(((70_425 - 70_330) / (hi - lo)) * 150).toBeLessThan(1);
  });

  it('a 0 so far (today before the stores count anything) is no data point: no ring, nothing in the scale', () => {
    const marks = periodMarks(buckets);
    const s = traffic([7_800, 10_300, 14_800, 19_100, 0]);
    expect(lineValues(s, marks)[4]).toBeNull();
    expect(soFarValue(s, marks, 4)).toBeNull();
    expect(soFarValues([s], marks, false)).toEqual([]);
  });

  it('a stale day with no neighbour to join is a dot; past periods are drawn as they are', () => {
    const marks = periodMarks(days([{}, { missing: true }, { stale: true }, { missing: true }, {}]));
    expect(staleJoins(lineValues(traffic([5, null, 6, null, 7]), marks), marks.stale)).toEqual({ dashed: [], alone: [2] });
    const lastYear: ChartSeries = { ...traffic([1, 2, 3, 4, 0]), settled: true };
    const today = periodMarks(buckets);
    expect(lineValues(lastYear, today)).toEqual([1, 2, 3, 4, 0]);
    expect(soFarValue(lastYear, today, 4)).toBeNull();
  });

  it('the legend with no period hovered tells the latest whole day (not today, not a stale one), else the latest with a value', () => {
    const marks = periodMarks(buckets);
    // Dec 3 is the latest whole day: Dec 4 is stale, Dec 5 today
    expect(restingPeriod([traffic([7_800, 10_300, 14_800, 19_100, 2_400])], marks)).toEqual({ i: 2, whole: true });
    // a series with no value there does not move it back: the period is the chart's, one for all series
    expect(restingPeriod([traffic([7_800, 10_300, 14_800, 19_100, 2_400]), traffic([1, 2, null, null, null])], marks)).toEqual({ i: 2, whole: true });
    expect(restingPeriod([traffic([7_800, 10_300, null, 19_100, 2_400])], marks)).toEqual({ i: 1, whole: true });
    // only today and a stale day: the latest of them, not called whole
    expect(restingPeriod([traffic([null, null, null, 19_100, 2_400])], marks)).toEqual({ i: 4, whole: false });
    expect(restingPeriod([traffic([null, null, null, null, null])], marks)).toBeNull();
  });

  it('the legend says which period it tells: the latest whole day, or how much of a month the range holds', () => {
    const [dec3] = days([{}, {}, {}]).slice(2);
    expect(restingLabelOf(dec3!, 'day', true)).toBe('Dec 3 (latest whole day)');
    expect(restingLabelOf(dec3!, 'day', false)).toBe('Dec 3');
    const november = (n: number): Bucket => ({ ...dec3!, key: '2026-11', days: n });
    expect(restingLabelOf(november(30), 'month', true)).toBe('Nov 2026 (latest whole month)');
    // Nov 30 - Dec 6 by month: November is one day of it
    expect(restingLabelOf(november(1), 'month', true)).toBe('Nov 2026, 1 day of it (latest past month)');
    expect(restingLabelOf({ ...dec3!, key: '2026-11-30', days: 7 }, 'week', true)).toBe('wk Nov 30 (latest whole week)');
  });

  it("several series' values so far off the same edge sit side by side, not over each other; on the scale or alone at an edge, in place", () => {
    // today's traffic of three vendors, all below the whole days' scale
    expect(offScaleSlots(['below', 'below', 'below'])).toEqual([-1, 0, 1]);
    // sales (left axis) and conversion (right axis) both above theirs; a series with no value so far
    expect(offScaleSlots(['above', null, 'above'])).toEqual([-0.5, 0, 0.5]);
    // one above, one below: at opposite edges, nothing to move
    expect(offScaleSlots(['above', 'below'])).toEqual([0, 0]);
  });
});
