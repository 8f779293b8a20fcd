import { useEffect, useMemo, useRef, useState } from 'react';
import type { TransitionMatrix } from '../../../../shared/storeLayout/transitions';
import { fitCanvasToScreen, useElementSize } from './canvasSize';
import { cellAt, drawMatrix, matrixLayout } from './matrixDraw';

export interface MatrixCanvasProps {
  matrix: TransitionMatrix;
  order: readonly number[];
  /** heat colours, see flowPalette */
  palette: readonly string[];
  /** The zone whose row the user picked (select it on the plan too). */
  onPick?(zoneId: string): void;
}

/**
 * The from → to matrix on one canvas sized to its content (100 x 100 zones is 10,000 rectangles: a
 * few milliseconds, where as many DOM cells would take hundreds), scrolled inside its card.
 */
export function MatrixCanvas({ matrix, order, palette, onPick }: MatrixCanvasProps) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const { width } = useElementSize(wrapRef);
  const [hover, setHover] = useState<{ row: number; col: number; x: number; y: number } | null>(null);
  const measureCtx = useMemo(() => (typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d')), []);
  const layout = useMemo(() => (measureCtx && width > 0 ? matrixLayout(measureCtx, matrix, width) : null), [measureCtx, matrix, width]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || !layout) return;
    const ratio = fitCanvasToScreen(canvas, layout.width, layout.height);
    drawMatrix(ctx, matrix, layout, { order, palette, hover, ratio });
  }, [matrix, layout, order, palette, hover]);

  const at = (e: React.MouseEvent<HTMLCanvasElement>) => {
    if (!layout) return null;
    const r = e.currentTarget.getBoundingClientRect();
    const cell = cellAt(layout, order.length, e.clientX - r.left, e.clientY - r.top);
    return cell ? { ...cell, x: e.clientX - r.left, y: e.clientY - r.top } : null;
  };
  const tip = hover ? describeCell(matrix, order[hover.row]!, order[hover.col]!) : null;

  return (
    <div className="fp-matrix-wrap" ref={wrapRef}>
      {layout && (
        <canvas
          ref={canvasRef}
          className="fp-matrix"
          style={{ width: layout.width, height: layout.height }}
          role="img"
          aria-label={`Transitions from zone to zone: ${matrix.n} by ${matrix.n}, ${Math.round(matrix.total).toLocaleString('en-US')} in all`}
          data-testid="transition-matrix"
          data-zones={matrix.n}
          onMouseMove={(e) => {
            const cell = at(e);
            setHover((h) => (cell === null ? null : h && h.row === cell.row && h.col === cell.col && Math.abs(h.x - cell.x) < 1 ? h : cell));
          }}
          onMouseLeave={() => setHover(null)}
          onClick={(e) => {
            const cell = at(e);
            if (cell && onPick) onPick(matrix.zones[order[cell.row]!]!.id);
          }}
        />
      )}
      {hover && tip && (
        <div className="fp-tooltip" role="tooltip" style={{ left: Math.min(hover.x + 14, (layout?.width ?? 0) - 230), top: hover.y + 14 }}>
          {tip}
        </div>
      )}
    </div>
  );
}

function describeCell(m: TransitionMatrix, i: number, j: number): string {
  const v = m.values[i * m.n + j]!;
  const from = m.zones[i]!;
  const to = m.zones[j]!;
  const share = m.rowTotals[i]! > 0 ? Math.round((v / m.rowTotals[i]!) * 100) : 0;
  const what = i === j ? `${from.name} → itself` : `${from.name} → ${to.name}`;
  return `${what}: ${Math.round(v).toLocaleString('en-US')} (${share}% of the flows leaving ${from.name})`;
}
