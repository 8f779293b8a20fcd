import type { TransitionMatrix } from '../../../../shared/storeLayout/transitions';

/** Where the parts of a drawn matrix sit, in CSS pixels. */
export interface MatrixLayout {
  /** width of the row names (from-zones) */
  labelW: number;
  /** height of the turned column names (to-zones) */
  headerH: number;
  cell: number;
  /** width of the "leaving" totals column */
  totalW: number;
  /** height of the "arriving" totals row */
  totalH: number;
  /** whether the arriving totals are turned to fit narrow cells */
  turnTotals: boolean;
  width: number;
  height: number;
}

const font = '11px system-ui, sans-serif';
const bold = '600 11px system-ui, sans-serif';
const fmt = (v: number) => Math.round(v).toLocaleString('en-US');

/**
 * Sizes the matrix for a width: names measured so none is cut, cells as large as the width allows
 * (14 to 44 px: past 44 px a cell says nothing more), totals wide enough for their figures.
 */
export function matrixLayout(ctx: CanvasRenderingContext2D, m: TransitionMatrix, availableWidth: number): MatrixLayout {
  ctx.font = font;
  let name = ctx.measureText('Arriving').width;
  for (const z of m.zones) name = Math.max(name, ctx.measureText(z.name).width);
  ctx.font = bold;
  let figure = ctx.measureText(fmt(m.total)).width;
  for (let i = 0; i < m.n; i++) figure = Math.max(figure, ctx.measureText(fmt(m.colTotals[i]!)).width);
  const labelW = Math.ceil(name + 18);
  const headerH = Math.ceil(name + 14);
  const totalW = Math.ceil(Math.max(figure, ctx.measureText('Leaving').width) + 16);
  const cell = Math.max(14, Math.min(44, Math.floor((availableWidth - labelW - totalW - 2) / Math.max(1, m.n))));
  const turnTotals = figure + 6 > cell;
  const totalH = turnTotals ? Math.ceil(figure + 12) : 22;
  return { labelW, headerH, cell, totalW, totalH, turnTotals, width: labelW + m.n * cell + totalW, height: headerH + m.n * cell + totalH };
}

export interface MatrixDrawOptions {
  /** rows and columns in the order shown (indexes into the matrix's zones) */
  order: readonly number[];
  heat(v: number): string;
  /** the cell under the pointer, by position in `order` */
  hover?: { row: number; col: number } | null;
  ratio?: number;
}

/** Draws the from → to matrix: names, heat-coloured cells (figures where they fit), totals leaving and arriving. */
export function drawMatrix(ctx: CanvasRenderingContext2D, m: TransitionMatrix, l: MatrixLayout, o: MatrixDrawOptions): void {
  const ratio = o.ratio ?? 1;
  const { order } = o;
  const n = order.length;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, l.width, l.height);
  const x0 = l.labelW;
  const y0 = l.headerH;
  const c = l.cell;
  const hover = o.hover ?? null;

  // cells
  const showFigures = c >= 30;
  ctx.font = font;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (let r = 0; r < n; r++) {
    const i = order[r]!;
    const y = y0 + r * c;
    for (let k = 0; k < n; k++) {
      const j = order[k]!;
      const v = m.values[i * m.n + j]!;
      const x = x0 + k * c;
      ctx.fillStyle = v > 0 ? o.heat(v) : '#f4f5f8';
      ctx.fillRect(x, y, c - 1, c - 1);
      if (showFigures && v > 0) {
        const text = fmt(v);
        if (text.length * 6.4 <= c - 4) {
          ctx.fillStyle = v > m.max * 0.45 ? '#ffffff' : '#172033';
          ctx.fillText(text, x + (c - 1) / 2, y + (c - 1) / 2);
        }
      }
    }
  }
  // the diagonal (staying in, or coming back to, the same zone) outlined
  ctx.strokeStyle = 'rgba(23, 32, 51, 0.25)';
  ctx.lineWidth = 1;
  for (let r = 0; r < n; r++) ctx.strokeRect(x0 + r * c + 0.5, y0 + r * c + 0.5, c - 2, c - 2);

  // names: from-zones left, to-zones turned above; zones not on the floorplan in italics, amber
  const hr = hover?.row ?? -1;
  const hc = hover?.col ?? -1;
  ctx.textAlign = 'right';
  for (let r = 0; r < n; r++) {
    const z = m.zones[order[r]!]!;
    ctx.font = `${z.known ? '' : 'italic '}${r === hr ? '600 ' : ''}11px system-ui, sans-serif`;
    ctx.fillStyle = z.known ? '#172033' : '#9a5b00';
    ctx.fillText(z.name, x0 - 8, y0 + r * c + (c - 1) / 2);
  }
  ctx.textAlign = 'left';
  for (let k = 0; k < n; k++) {
    const z = m.zones[order[k]!]!;
    ctx.save();
    ctx.translate(x0 + k * c + (c - 1) / 2, y0 - 7);
    ctx.rotate(-Math.PI / 2);
    ctx.font = `${z.known ? '' : 'italic '}${k === hc ? '600 ' : ''}11px system-ui, sans-serif`;
    ctx.fillStyle = z.known ? '#172033' : '#9a5b00';
    ctx.fillText(z.name, 0, 0);
    ctx.restore();
  }

  // totals: leaving (right column), arriving (bottom row), everything (corner)
  const tx = x0 + n * c;
  const ty = y0 + n * c;
  ctx.fillStyle = '#eef1f6';
  ctx.fillRect(tx, y0, l.totalW, n * c);
  ctx.fillRect(x0, ty, n * c, l.totalH);
  ctx.fillStyle = '#dfe5ef';
  ctx.fillRect(tx, ty, l.totalW, l.totalH);
  ctx.fillStyle = '#172033';
  ctx.font = bold;
  ctx.textAlign = 'left';
  ctx.save();
  ctx.translate(tx + l.totalW / 2, y0 - 7);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText('Leaving', 0, 0);
  ctx.restore();
  ctx.textAlign = 'right';
  ctx.fillText('Arriving', x0 - 8, ty + (l.turnTotals ? 10 : l.totalH / 2));
  for (let r = 0; r < n; r++) ctx.fillText(fmt(m.rowTotals[order[r]!]!), tx + l.totalW - 8, y0 + r * c + (c - 1) / 2);
  for (let k = 0; k < n; k++) {
    const text = fmt(m.colTotals[order[k]!]!);
    if (l.turnTotals) {
      ctx.save();
      ctx.translate(x0 + k * c + (c - 1) / 2, ty + 6);
      ctx.rotate(-Math.PI / 2);
      ctx.textAlign = 'right';
      ctx.fillText(text, 0, 0);
      ctx.restore();
    } else {
      ctx.textAlign = 'center';
      ctx.fillText(text, x0 + k * c + (c - 1) / 2, ty + l.totalH / 2);
    }
  }
  ctx.textAlign = 'right';
  ctx.fillText(fmt(m.total), tx + l.totalW - 8, ty + (l.turnTotals ? 10 : l.totalH / 2));

  if (hover) {
    ctx.strokeStyle = '#172033';
    ctx.lineWidth = 2;
    ctx.strokeRect(x0 + hc * c, y0 + hr * c, c - 1, c - 1);
  }
}

/** The cell under a point, by position in the order shown; null off the cells. */
export function cellAt(l: MatrixLayout, n: number, x: number, y: number): { row: number; col: number } | null {
  const col = Math.floor((x - l.labelW) / l.cell);
  const row = Math.floor((y - l.headerH) / l.cell);
  if (x < l.labelW || y < l.headerH || col >= n || row >= n) return null;
  return { row, col };
}
