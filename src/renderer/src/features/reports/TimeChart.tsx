import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { isIntraday, type Bucket, type Granularity } from '../../../../shared/reports/types';
import { axisLabelOf, clockTickOf, restingLabelOf, clockTickSpace, periodSeconds } from './chartAxis';
import { axisRange, dashedAtStale, joinsSolid, lineValues, offScaleSlots, periodMarks, restingPeriod, soFarPlacement, soFarValue, staleJoins, type ChartSeries, type PeriodMarks } from './chartMarks';

export type { ChartSeries } from './chartMarks';


/** The colours of validity bands drawn behind the lines. */
export const validityColours = {
  missing: 'rgba(120, 120, 120, 0.18)',
  stale: 'rgba(234, 120, 20, 0.20)',
  provisional: 'rgba(36, 87, 214, 0.12)',
  imperfect: 'rgba(220, 170, 0, 0.55)',
} as const;

/** Height of the strip along the bottom that marks periods with hours the vendor flagged incomplete or imputed. */
const imperfectStripPx = 6;

function bandOf(b: Bucket): 'missing' | 'stale' | 'provisional' | null {
  if (b.validity.missing) return 'missing';
  if (b.validity.stale) return 'stale';
  if (b.validity.provisional) return 'provisional';
  return null;
}

/**
 * Shades each period whose data is missing, stale or provisional (full height), and marks with a
 * strip along the bottom the periods that hold hours the vendor flagged incomplete or imputed (a
 * few such hours among hundreds do not grey out a whole chart).
 */
function validityPlugin(buckets: Bucket[], halfWidth: number): uPlot.Plugin {
  return {
    hooks: {
      drawClear: (u) => {
        const ctx = u.ctx;
        const xs = u.data[0];
        ctx.save();
        buckets.forEach((b, i) => {
          const left = u.valToPos(xs[i]! - halfWidth, 'x', true);
          const right = u.valToPos(xs[i]! + halfWidth, 'x', true);
          const band = bandOf(b);
          if (band) {
            ctx.fillStyle = validityColours[band];
            ctx.fillRect(left, u.bbox.top, right - left, u.bbox.height);
          }
          if (b.validity.incompleteHours > 0 || b.validity.imputedHours > 0) {
            const strip = imperfectStripPx * devicePixelRatio;
            ctx.fillStyle = validityColours.imperfect;
            ctx.fillRect(left, u.bbox.top + u.bbox.height - strip, right - left, strip);
          }
        });
        ctx.restore();
      },
    },
  };
}

/**
 * Today's figures are still counting: instead of a line falling towards zero, the value so far is
 * an open circle in the provisional band. A value so far beyond the axis (set by the whole days) is
 * an open triangle at the edge, pointing the way it is off; the legend under the chart gives its value.
 * Several series off the same edge in one period have their triangles side by side (offScaleSlots).
 */
function provisionalPlugin(series: ChartSeries[], marks: PeriodMarks, halfWidth: number): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        const ctx = u.ctx;
        const r = 4.5 * devicePixelRatio;
        ctx.save();
        ctx.lineWidth = 2 * devicePixelRatio;
        marks.soFar.forEach((_, i) => {
          const placed = series.map((s) => {
            const v = soFarValue(s, marks, i);
            if (v === null) return null;
            const { min, max } = u.scales[s.right ? 'r' : 'y'] ?? {};
            return min === undefined || max === undefined ? { at: v, off: null } : soFarPlacement(v, [min, max]);
          });
          const slots = offScaleSlots(placed.map((p) => p?.off ?? null));
          const x = u.valToPos(u.data[0][i]!, 'x', true);
          // side by side, a gap between, closer where the period is too narrow for that
          const crowd = Math.max(1, ...slots.map((k) => 2 * Math.abs(k) + 1));
          const room = Math.abs(u.valToPos(u.data[0][i]! + halfWidth, 'x', true) - x) * 2;
          const step = Math.min(2 * r + 3 * devicePixelRatio, room / crowd);
          series.forEach((s, si) => {
            const p = placed[si];
            if (!p) return;
            ctx.strokeStyle = s.color;
            ctx.fillStyle = '#fff';
            ctx.beginPath();
            if (p.off === null) {
              ctx.arc(x, u.valToPos(p.at, s.right ? 'r' : 'y', true), r, 0, 2 * Math.PI);
            } else {
              // inside the plot, its tip at the edge it points past
              const cx = x + slots[si]! * step;
              const tip = p.off === 'above' ? u.bbox.top + ctx.lineWidth : u.bbox.top + u.bbox.height - ctx.lineWidth;
              const base = p.off === 'above' ? tip + 2 * r : tip - 2 * r;
              ctx.moveTo(cx, tip);
              ctx.lineTo(cx - r, base);
              ctx.lineTo(cx + r, base);
              ctx.closePath();
            }
            ctx.fill();
            ctx.stroke();
          });
        });
        ctx.restore();
      },
    },
  };
}

/** Canvas position of series `si`'s value at `i`, or null where it has none. */
function pointAt(u: uPlot, s: ChartSeries, si: number, i: number): [number, number] | null {
  const v = u.data[si + 1]?.[i];
  if (v === null || v === undefined) return null;
  return [u.valToPos(u.data[0][i]!, 'x', true), u.valToPos(v, s.right ? 'r' : 'y', true)];
}

/** A line without its joins to stale periods (staleSegmentsPlugin draws those dashed). */
function lineBrokenAtStale(s: ChartSeries, line: Array<number | null>, stale: boolean[]): uPlot.Series.PathBuilder {
  return (u, seriesIdx, idx0, idx1) => {
    const stroke = new Path2D();
    for (let i = idx0; i <= idx1; i++) {
      const p = pointAt(u, s, seriesIdx - 1, i);
      if (!p) continue;
      if (i > idx0 && joinsSolid(line, stale, i)) stroke.lineTo(p[0], p[1]);
      else stroke.moveTo(p[0], p[1]);
    }
    return { stroke, fill: null, clip: null, flags: 0 };
  };
}

/**
 * The line continues through a stale period dashed, from the period before to the one after, so
 * its value is on the line and reads as "to be completed", not as a stray point.
 */
function staleSegmentsPlugin(series: ChartSeries[], lines: Array<Array<number | null>>, stale: boolean[]): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        if (!stale.some(Boolean)) return;
        const ctx = u.ctx;
        ctx.save();
        ctx.lineWidth = 2 * devicePixelRatio;
        ctx.setLineDash([5 * devicePixelRatio, 4 * devicePixelRatio]);
        series.forEach((s, si) => {
          if (!dashedAtStale(s)) return;
          ctx.strokeStyle = s.color;
          ctx.fillStyle = s.color;
          const { dashed, alone } = staleJoins(lines[si]!, stale);
          for (const [a, b] of dashed) {
            const from = pointAt(u, s, si, a);
            const to = pointAt(u, s, si, b);
            if (!from || !to) continue;
            ctx.beginPath();
            ctx.moveTo(from[0], from[1]);
            ctx.lineTo(to[0], to[1]);
            ctx.stroke();
          }
          for (const i of alone) {
            // seen even where the chart draws no points (long ranges)
            const here = pointAt(u, s, si, i);
            if (!here) continue;
            ctx.beginPath();
            ctx.arc(here[0], here[1], 2.5 * devicePixelRatio, 0, 2 * Math.PI);
            ctx.fill();
          }
        });
        ctx.restore();
      },
    },
  };
}

/** An axis as wide as its longest label (uPlot's fixed width cut "290,000" to "?90,000"). */
function fittedAxisSize(self: uPlot, values: string[] | null, axisIdx: number, cycleNum: number): number {
  const axis = self.axes[axisIdx]!;
  if (cycleNum > 1) return (axis as { _size?: number })._size ?? 50;
  const longest = (values ?? []).reduce((a, v) => (String(v).length > a.length ? String(v) : a), '');
  const font = Array.isArray(axis.font) ? axis.font[0] : axis.font;
  self.ctx.font = typeof font === 'string' ? font : '12px system-ui, sans-serif';
  const text = longest ? self.ctx.measureText(longest).width / devicePixelRatio : 0;
  return Math.ceil((axis.ticks?.size ?? 10) + (axis.gap ?? 5) + text + 6);
}

function canDraw(): boolean {
  try {
    return document.createElement('canvas').getContext('2d') !== null;
  } catch {
    return false;
  }
}

/**
 * A time chart drawn by uPlot on a canvas. The x axis fits the report's own periods: hours on a
 * clock for hour reports; one tick per day, week or month (thinned to fit) for the others, the
 * range ending half a period either side. `drawn` is set on the element when the chart has drawn
 * `runId` (the benchmark and the end-to-end test wait for it).
 */
export function TimeChart({ title, buckets, series, granularity, timeZone, runId, height = 220 }: { title: string; buckets: Bucket[]; series: ChartSeries[]; granularity: Granularity; timeZone: string; runId: number; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || !canDraw()) return;
    const xs = buckets.map((b) => b.x / 1000);
    const marks = periodMarks(buckets);
    // Today's periods leave the lines (the open circle says "so far"); past periods stay whole.
    const lines = series.map((s) => lineValues(s, marks));
    const data = [xs, ...lines] as uPlot.AlignedData;
    const numbers = new Intl.NumberFormat(navigator.language);
    const percent = new Intl.NumberFormat(navigator.language, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 2 });
    const spacing = xs.length > 1 ? Math.min(...xs.slice(1).map((x, i) => x - xs[i]!)) : periodSeconds[granularity];
    const half = spacing / 2;
    const labels = new Map(buckets.map((b) => [b.x / 1000, axisLabelOf(b, granularity)]));
    const byPeriod = !isIntraday(granularity);
    // The legend tells the hovered period's values; with none hovered, the latest whole period's (and says so).
    const resting = restingPeriod(series, marks);
    const periodLabel = (i: number) => (buckets[i] ? axisLabelOf(buckets[i], granularity) : '');
    const width = Math.max(320, el.clientWidth || 800);
    const left = series.some((s) => !s.right);
    const plot = new uPlot(
      {
        width,
        height,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), timeZone),
        scales: {
          x: { time: true, range: () => (xs.length ? [xs[0]! - half, xs.at(-1)! + half] : [0, 1]) },
          // Set by the whole periods: a value so far beyond them is drawn at the edge (provisionalPlugin).
          y: { range: () => axisRange(series, marks, false) },
          r: { range: () => axisRange(series, marks, true) },
        },
        axes: [
          byPeriod
            ? {
                // One tick per period, every k-th one where labels would overlap (about 80 px each).
                splits: (u) => {
                  const room = u.bbox.width / devicePixelRatio;
                  const step = Math.max(1, Math.ceil((xs.length * 80) / Math.max(room, 1)));
                  return xs.filter((_, i) => i % step === 0);
                },
                values: (_u, splits) => splits.map((x) => labels.get(x) ?? ''),
              }
            : {
                // Hours and quarters on the console's 24-hour clock, ticks far enough apart to read
                // (uPlot steps up to 30 min, 1, 2, 3, 6, 12 h or a day to keep them apart).
                space: clockTickSpace,
                values: (_u, splits) => splits.map((x) => clockTickOf(x, timeZone)),
              },
          // A chart of shares alone (several stores' occupancy) has no left axis: its grid is the right one's.
          { scale: 'y', size: fittedAxisSize, show: left },
          // The right axis carries shares (conversion): read as percentages.
          ...(series.some((s) => s.right) ? [{ scale: 'r', side: 1, grid: { show: !left }, size: fittedAxisSize, values: (_u: uPlot, splits: number[]) => splits.map((v) => `${(v * 100).toFixed(v < 0.1 ? 2 : 1)}%`) }] : []),
        ],
        series: [
          {
            label: 'Period',
            value: (_u: uPlot, _v: number | null, _si: number, i: number | null) => {
              if (i !== null) return periodLabel(i);
              const b = resting && buckets[resting.i];
              return b ? restingLabelOf(b, granularity, resting.whole) : 'none';
            },
          },
          ...series.map((s, si) => ({
            label: s.label,
            stroke: s.color,
            width: 2,
            scale: s.right ? 'r' : 'y',
            dash: s.dash ? [6, 4] : undefined,
            fill: s.bars ? `${s.color}55` : undefined,
            paths: s.bars ? uPlot.paths.bars!({ size: [0.6, 40] }) : undefined,
            points: { show: !s.bars && xs.length <= 45, size: 6 },
            spanGaps: false,
            ...(dashedAtStale(s) ? { paths: lineBrokenAtStale(s, lines[si]!, marks.stale) } : {}),
            // The legend under the chart tells today's value too, as what it is.
            // Shares on the right axis read as percentages there too.
            value: (_u: uPlot, hovered: number | null, _si: number, hoveredAt: number | null) => {
              const format = s.right ? percent : numbers;
              const i = hoveredAt ?? resting?.i ?? null;
              if (i === null) return 'no data';
              const soFar = soFarValue(s, marks, i);
              if (soFar !== null) return `${format.format(soFar)} so far`;
              const v = hoveredAt === null ? lines[si]![i] : hovered;
              return v === null || v === undefined ? 'no data' : format.format(v);
            },
          })),
        ],
        plugins: [validityPlugin(buckets, half), staleSegmentsPlugin(series, lines, marks.stale), provisionalPlugin(series, marks, half)],
        hooks: { draw: [() => el.setAttribute('data-drawn', String(runId))] },
      },
      data,
      el,
    );
    const onResize = () => plot.setSize({ width: Math.max(320, el.clientWidth || width), height });
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      plot.destroy();
    };
  }, [buckets, series, granularity, timeZone, runId, height]);
  return (
    <figure className="report-chart" aria-label={title}>
      <div ref={box} className="report-chart-canvas" data-testid="report-chart" />
    </figure>
  );
}
