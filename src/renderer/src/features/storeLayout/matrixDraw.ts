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
  /** heat colours from 0 to the matrix's largest cell, on a square-root scale (see flowPalette) */
  palette: readonly string[];
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

  // cells: one pixel per cell in an n x n image, drawn scaled up in one call (no smoothing), then the
  // white lines between cells: ~200 draw calls for 10,000 cells instead of 10,000
  const steps = o.palette.length;
  const rgb = o.palette.map(parseRgb);
  const empty = parseRgb('#f4f5f8');
  const image = new ImageData(Math.max(1, n), Math.max(1, n));
  const px = new Uint32Array(image.data.buffer);
  for (let r = 0; r < n; r++) {
    const row = order[r]! * m.n;
    for (let k = 0; k < n; k++) {
      const v = m.values[row + order[k]!]!;
      px[r * n + k] = v > 0 && m.max > 0 ? rgb[Math.min(steps - 1, Math.round(Math.sqrt(v / m.max) * (steps - 1)))]! : empty;
    }
  }
  if (n > 0) {
    const tile = document.createElement('canvas');
    tile.width = n;
    tile.height = n;
    tile.getContext('2d')!.putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(tile, x0, y0, n * c, n * c);
    ctx.fillStyle = '#ffffff';
    for (let k = 1; k <= n; k++) {
      ctx.fillRect(x0 + k * c - 1, y0, 1, n * c);
      ctx.fillRect(x0, y0 + k * c - 1, n * c, 1);
    }
  }
  if (c >= 30) {
    ctx.font = font;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (let r = 0; r < n; r++) {
      for (let k = 0; k < n; k++) {
        const v = m.values[order[r]! * m.n + order[k]!]!;
        const text = fmt(v);
        if (v <= 0 || text.length * 6.4 > c - 4) continue;
        ctx.fillStyle = v > m.max * 0.45 ? '#ffffff' : '#172033';
        ctx.fillText(text, x0 + k * c + (c - 1) / 2, y0 + r * c + (c - 1) / 2);
      }
    }
  }
  // the diagonal (staying in, or coming back to, the same zone) outlined
  ctx.strokeStyle = 'rgba(23, 32, 51, 0.25)';
  ctx.lineWidth = 1;
  for (let r = 0; r < n; r++) ctx.strokeRect(x0 + r * c + 0.5, y0 + r * c + 0.5, c - 2, c - 2);

  // names: from-zones left, to-zones turned above; zones not on the floorplan in italics, amber.
  // A font is set only when it changes: parsing one per name is most of the names' cost.
  const hr = hover?.row ?? -1;
  const hc = hover?.col ?? -1;
  let current = '';
  const style = (known: boolean, strong: boolean) => {
    const f = `${known ? '' : 'italic '}${strong ? '600 ' : ''}11px system-ui, sans-serif`;
    if (f !== current) {
      ctx.font = f;
      ctx.fillStyle = known ? '#172033' : '#9a5b00';
      current = f;
    }
  };
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  for (let r = 0; r < n; r++) {
    const z = m.zones[order[r]!]!;
    style(z.known, r === hr);
    ctx.fillText(z.name, x0 - 8, y0 + r * c + (c - 1) / 2);
  }
  ctx.textAlign = 'left';
  ctx.save();
  ctx.rotate(-Math.PI / 2);
  // turned a quarter: screen (x, y) is (-y, x) in these coordinates
  for (let k = 0; k < n; k++) {
    const z = m.zones[order[k]!]!;
    style(z.known, k === hc);
    ctx.fillText(z.name, -(y0 - 7), x0 + k * c + (c - 1) / 2);
  }
  ctx.restore();
  current = '';

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
  if (l.turnTotals) {
    ctx.save();
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'right';
    for (let k = 0; k < n; k++) ctx.fillText(fmt(m.colTotals[order[k]!]!), -(ty + 6), x0 + k * c + (c - 1) / 2);
    ctx.restore();
  } else {
    ctx.textAlign = 'center';
    for (let k = 0; k < n; k++) ctx.fillText(fmt(m.colTotals[order[k]!]!), x0 + k * c + (c - 1) / 2, ty + l.totalH / 2);
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

/** "rgb(1, 2, 3)" or "#rrggbb" as a little-endian RGBA pixel (what a Uint32Array over ImageData holds). */
function parseRgb(colour: string): number {
  let r = 0;
  let g = 0;
  let b = 0;
  const m = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(colour);
  if (m) [r, g, b] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if (/^#[0-9a-f]{6}$/i.test(colour)) [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16)) as [number, number, number];
  return ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
}
