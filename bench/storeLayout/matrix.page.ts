// In-page part of the matrix bench, bundled for Chromium (a *.page.ts file: type-checked with the DOM, as the renderer is): the view's own code (shared/storeLayout
// transitions, the renderer's colour scale and matrixDraw) from a vendor answer to pixels; and the
// baseline, the same matrix as a DOM table (what a canvas replaces), laid out.
import { matrixOrder, readTransitions, topFlows, transitionMatrix, type RawTransitionPlan } from '../../src/shared/storeLayout/transitions';
import type { FloorplanZone } from '../../src/shared/storeLayout/types';
import { flowPalette, flowScale } from '../../src/renderer/src/features/storeLayout/colour';
import { drawMatrix, matrixLayout } from '../../src/renderer/src/features/storeLayout/matrixDraw';

/** ms to read the answer, build, sort and draw the matrix on a canvas 1,180 px wide (the view's at 1440 px). */
export function canvasRun(answer: RawTransitionPlan, zones: FloorplanZone[]): number {
  const t0 = performance.now();
  const read = readTransitions(zones, answer);
  const m = transitionMatrix(read.zones, read.flows);
  const order = matrixOrder(m, 'leaving', true);
  topFlows(m, 15);
  const canvas = document.createElement('canvas');
  document.body.appendChild(canvas);
  const ctx = canvas.getContext('2d')!;
  const layout = matrixLayout(ctx, m, 1180);
  canvas.width = layout.width;
  canvas.height = layout.height;
  drawMatrix(ctx, m, layout, { order, palette: flowPalette(m.max) });
  // a pixel read waits for the drawing to be done
  ctx.getImageData(0, 0, 1, 1);
  const ms = performance.now() - t0;
  canvas.remove();
  return ms;
}

/** Baseline: the same matrix as a table of 10,000 coloured cells, built and laid out. */
export function tableRun(answer: RawTransitionPlan, zones: FloorplanZone[]): number {
  const t0 = performance.now();
  const read = readTransitions(zones, answer);
  const m = transitionMatrix(read.zones, read.flows);
  const order = matrixOrder(m, 'leaving', true);
  const heat = flowScale(m.max);
  const table = document.createElement('table');
  const head = table.insertRow();
  head.insertCell().textContent = '';
  for (const j of order) head.insertCell().textContent = m.zones[j]!.name;
  for (const i of order) {
    const row = table.insertRow();
    row.insertCell().textContent = m.zones[i]!.name;
    for (const j of order) {
      const cell = row.insertCell();
      const v = m.values[i * m.n + j]!;
      cell.textContent = String(v);
      cell.style.background = heat(v);
    }
    row.insertCell().textContent = String(m.rowTotals[i]);
  }
  document.body.appendChild(table);
  void table.offsetHeight;
  const ms = performance.now() - t0;
  table.remove();
  return ms;
}
