import type { Bucket } from '../../../../shared/reports/types';

/** A line or bars of a report chart (TimeChart draws them). */
export interface ChartSeries {
  label: string;
  color: string;
  values: Array<number | null>;
  dash?: boolean;
  /** second axis (ratios, percentages) */
  right?: boolean;
  bars?: boolean;
  /** a past period's figures (previous period, last year): never provisional, drawn as they are */
  settled?: boolean;
}

/**
 * How each period of a chart is drawn: `soFar`, today still counting and nothing else (its value is
 * an open circle off the line, not a point the line falls to); `stale`, fetched before the day
 * ended and not since (the value stays on the line, joined to its neighbours by dashes). A period
 * both stale and today somewhere (stores in several time zones) is stale: a figure that will grow.
 */
export interface PeriodMarks {
  soFar: boolean[];
  stale: boolean[];
}

export function periodMarks(buckets: Bucket[]): PeriodMarks {
  return { soFar: buckets.map((b) => b.validity.provisional && !b.validity.stale), stale: buckets.map((b) => b.validity.stale) };
}

/** Whether the marks above apply to a series: the periods' own figures (a past period's are drawn as they are). */
export function marked(s: ChartSeries): boolean {
  return !s.settled;
}

/** Whether a series' line breaks at stale periods for dashes (bars and lines already dashed stay as they are). */
export function dashedAtStale(s: ChartSeries): boolean {
  return marked(s) && !s.bars && !s.dash;
}

/**
 * The value so far of today, as an open circle; a 0 is not drawn: before the stores count anything
 * there is no figure yet, and a circle on the axis would read as a fall to nothing.
 */
export function soFarValue(s: ChartSeries, marks: PeriodMarks, i: number): number | null {
  const v = s.values[i];
  return marked(s) && marks.soFar[i] && v !== null && v !== undefined && v !== 0 ? v : null;
}

/** The open circles' values on one axis (series on the right axis, or on the left). */
export function soFarValues(series: ChartSeries[], marks: PeriodMarks, right: boolean): number[] {
  return series.filter((s) => Boolean(s.right) === right).flatMap((s) => marks.soFar.flatMap((_, i) => soFarValue(s, marks, i) ?? []));
}

/**
 * One axis's range, set by what the lines draw (complete periods, past periods' series) with a little
 * room above and below. Today's value so far does not widen it: a partial day's ratio (a few visitors,
 * a sale or two) can be far above every whole day and would flatten them; it is drawn at the edge
 * instead (soFarPlacement). An axis whose lines hold fewer than two periods (today alone, or a month
 * report's one whole month beside the current one) has no scale of its own: there the values so far
 * count too, and the axis starts at zero (for figures that are never negative), or it would zoom in
 * on a few units between the series' one period each.
 */
export function axisRange(series: ChartSeries[], marks: PeriodMarks, right: boolean): [number, number] {
  const lines = series.filter((s) => Boolean(s.right) === right).map((s) => lineValues(s, marks));
  const whole = lines.flatMap((values) => values.filter((v): v is number => v !== null));
  const periods = new Set(lines.flatMap((values) => values.flatMap((v, i) => (v === null ? [] : [i]))));
  const few = periods.size < 2 ? [...whole, ...soFarValues(series, marks, right)] : null;
  // With so few periods nothing sets a scale but zero: series that differ by a tenth of a percent in
  // one month must not read as the top and the bottom of the chart.
  const all = few === null ? whole : few.length > 0 && few.every((v) => v >= 0) ? [0, ...few] : few;
  if (all.length === 0) return [0, 1];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const pad = (hi - lo) * 0.08 || Math.abs(hi) * 0.1 || 1;
  // Bars stand on zero: cut at the lowest day, their heights would not compare.
  const bars = series.some((s) => Boolean(s.right) === right && s.bars);
  return [lo - pad < 0 && lo >= 0 ? 0 : bars && lo >= 0 ? 0 : lo - pad, hi + pad];
}

/** Where a value so far is drawn on an axis of range `[lo, hi]`: at its value, or at the edge it is beyond (marked as off the scale). */
export function soFarPlacement(v: number, [lo, hi]: [number, number]): { at: number; off: 'above' | 'below' | null } {
  if (v > hi) return { at: hi, off: 'above' };
  if (v < lo) return { at: lo, off: 'below' };
  return { at: v, off: null };
}

/** What the lines draw of series `s`: its values, but none for today's periods (their circles say "so far"). */
export function lineValues(s: ChartSeries, marks: PeriodMarks): Array<number | null> {
  return s.values.map((v, i) => (v === null || (marks.soFar[i] && marked(s)) ? null : v));
}

/** Whether the line joins periods `i - 1` and `i` solid: both have a value and neither is stale. */
export function joinsSolid(line: Array<number | null>, stale: boolean[], i: number): boolean {
  return i > 0 && line[i - 1] !== null && line[i] !== null && !stale[i - 1] && !stale[i];
}

/**
 * The dashed joins of a line through its stale periods, as pairs of period indexes, and the stale
 * values with no neighbour to join (drawn as a dot): every value of the line is on it.
 */
export function staleJoins(line: Array<number | null>, stale: boolean[]): { dashed: Array<[number, number]>; alone: number[] } {
  const dashed: Array<[number, number]> = [];
  const alone: number[] = [];
  line.forEach((v, i) => {
    if (i > 0 && v !== null && line[i - 1] !== null && (stale[i] || stale[i - 1])) dashed.push([i - 1, i]);
    if (stale[i] && v !== null && (line[i - 1] ?? null) === null && (line[i + 1] ?? null) === null) alone.push(i);
  });
  return { dashed, alone };
}

/**
 * The period the legend under a chart tells while no period is hovered: the latest whole one (not
 * today, not stale) that any series has a value for; else the latest with any value (then its
 * values say "so far"); null for none. `whole` says which of the two it is, for the legend to say.
 */
export function restingPeriod(series: ChartSeries[], marks: PeriodMarks): { i: number; whole: boolean } | null {
  const has = (i: number) => series.some((s) => s.values[i] !== null && s.values[i] !== undefined);
  const n = Math.max(0, ...series.map((s) => s.values.length));
  for (let i = n - 1; i >= 0; i--) if (!marks.soFar[i] && !marks.stale[i] && has(i)) return { i, whole: true };
  for (let i = n - 1; i >= 0; i--) if (has(i)) return { i, whole: false };
  return null;
}

/**
 * Where each of one period's off-scale marks goes beside the others, in mark widths from the
 * period's centre: the marks of several series off the same edge (today's traffic of every vendor
 * below the whole days; sales and conversion both above) are spread side by side, centred, instead
 * of drawn over each other; a mark alone at its edge, or on the scale, stays at 0.
 */
export function offScaleSlots(offs: Array<'above' | 'below' | null>): number[] {
  const slots = offs.map(() => 0);
  for (const edge of ['above', 'below'] as const) {
    const at = offs.flatMap((o, k) => (o === edge ? [k] : []));
    at.forEach((k, n) => (slots[k] = n - (at.length - 1) / 2));
  }
  return slots;
}
