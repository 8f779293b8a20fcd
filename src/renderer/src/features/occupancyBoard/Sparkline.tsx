import type { StoreCurve } from './store';
import { plural } from '../../../../shared/text/plural';

/** Today's curve of one store from the board's own readings, against its limit (dashed); it stretches to its column's width. */
export function Sparkline({ curve, limit, width = 140, height = 28 }: { curve: StoreCurve | undefined; limit: number | null; width?: number; height?: number }) {
  const points = curve?.points ?? [];
  if (points.length < 2) return <span className="board-spark muted">{points.length === 1 ? '1 reading so far' : 'no readings yet'}</span>;
  const t0 = points[0]![0];
  const t1 = points[points.length - 1]![0];
  const top = Math.max(limit ?? 0, ...points.map((p) => p[1]), 1);
  const x = (t: number) => (t1 === t0 ? 0 : ((t - t0) / (t1 - t0)) * (width - 2) + 1);
  const y = (v: number) => height - 1 - (v / top) * (height - 2);
  const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join('');
  return (
    <svg className="board-spark" width="100%" height={height} viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="img" aria-label={`Today: ${plural(points.length, 'reading')}, from ${points[0]![1]} to ${points[points.length - 1]![1]} people`}>
      {limit !== null && <line x1={0} x2={width} y1={y(limit)} y2={y(limit)} className="board-spark-limit" />}
      <path d={d} className="board-spark-line" />
    </svg>
  );
}
