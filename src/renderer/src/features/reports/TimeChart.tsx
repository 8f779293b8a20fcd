import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Bucket } from '../../../../shared/reports/types';

export interface ChartSeries {
  label: string;
  color: string;
  values: Array<number | null>;
  dash?: boolean;
  /** second axis (ratios, percentages) */
  right?: boolean;
  bars?: boolean;
}

/** The colours of validity bands drawn behind the lines. */
export const validityColours = {
  missing: 'rgba(120, 120, 120, 0.18)',
  stale: 'rgba(234, 120, 20, 0.20)',
  provisional: 'rgba(36, 87, 214, 0.12)',
  imperfect: 'rgba(220, 170, 0, 0.22)',
} as const;

function bandOf(b: Bucket): keyof typeof validityColours | null {
  if (b.validity.missing) return 'missing';
  if (b.validity.stale) return 'stale';
  if (b.validity.provisional) return 'provisional';
  if (b.validity.incompleteHours > 0 || b.validity.imputedHours > 0) return 'imperfect';
  return null;
}

/** Shades each period whose data is missing, stale, provisional, incomplete or imputed. */
function validityPlugin(buckets: Bucket[]): uPlot.Plugin {
  return {
    hooks: {
      drawClear: (u) => {
        const ctx = u.ctx;
        const xs = u.data[0];
        const half = xs.length > 1 ? (xs[1]! - xs[0]!) / 2 : 1800;
        ctx.save();
        buckets.forEach((b, i) => {
          const band = bandOf(b);
          if (!band) return;
          const left = u.valToPos(xs[i]! - half, 'x', true);
          const right = u.valToPos(xs[i]! + half, 'x', true);
          ctx.fillStyle = validityColours[band];
          ctx.fillRect(left, u.bbox.top, right - left, u.bbox.height);
        });
        ctx.restore();
      },
    },
  };
}

function canDraw(): boolean {
  try {
    return document.createElement('canvas').getContext('2d') !== null;
  } catch {
    return false;
  }
}

/**
 * A time chart drawn by uPlot on a canvas. `drawn` is set on the element when the chart has
 * drawn `runId` (the benchmark and the end-to-end test wait for it).
 */
export function TimeChart({ title, buckets, series, timeZone, runId, height = 220 }: { title: string; buckets: Bucket[]; series: ChartSeries[]; timeZone: string; runId: number; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || !canDraw()) return;
    const xs = buckets.map((b) => b.x / 1000);
    const data = [xs, ...series.map((s) => s.values.map((v) => (v === null ? null : v)))] as uPlot.AlignedData;
    const width = Math.max(320, el.clientWidth || 800);
    const plot = new uPlot(
      {
        width,
        height,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), timeZone),
        scales: { x: { time: true }, y: { auto: true }, r: { auto: true } },
        axes: [{}, { scale: 'y', size: 60 }, ...(series.some((s) => s.right) ? [{ scale: 'r', side: 1, grid: { show: false }, size: 60 }] : [])],
        series: [
          {},
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: 2,
            scale: s.right ? 'r' : 'y',
            dash: s.dash ? [6, 4] : undefined,
            fill: s.bars ? `${s.color}55` : undefined,
            paths: s.bars ? uPlot.paths.bars!({ size: [0.6, 40] }) : undefined,
            spanGaps: false,
          })),
        ],
        plugins: [validityPlugin(buckets)],
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
  }, [buckets, series, timeZone, runId, height]);
  return (
    <figure className="report-chart" aria-label={title}>
      <div ref={box} className="report-chart-canvas" data-testid="report-chart" />
    </figure>
  );
}
