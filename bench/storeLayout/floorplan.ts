// bench store-layout-floorplan: a floorplan of 500 zones drawn by the view's own code
// (src/renderer/src/features/storeLayout/draw.ts, bundled by esbuild) on a 1440x900 canvas in
// Debian's Chromium, driven by Playwright as the other render benches are. The baseline, in the
// same run and page: the same 500 outlines only filled and stroked (no names, no styles by type).
import path from 'node:path';
import { buildSync } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../../test/support/chromium';

const root = path.resolve(__dirname, '..', '..');

// The page is seen through these minimal types: bench files are checked without the DOM library.
interface Ctx {
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void;
  clearRect(x: number, y: number, w: number, h: number): void;
  fill(p: unknown): void;
  stroke(p: unknown): void;
  getImageData(x: number, y: number, w: number, h: number): unknown;
}
interface PageGlobals {
  roc: { zoneShapes(p: unknown): Array<{ path: unknown }>; drawFloorplan(ctx: Ctx, s: unknown, o: unknown): void; fitTransform(b: unknown, w: number, h: number): { k: number; x: number; y: number } };
  document: { getElementById(id: string): { getContext(kind: '2d'): Ctx | null } | null };
  performance: { now(): number };
}

/** The draw code as a script for the page: `window.roc.zoneShapes`, `drawFloorplan`, `fitTransform`. */
function drawBundle(): string {
  const out = buildSync({
    stdin: { contents: "export { zoneShapes, drawFloorplan, fitTransform } from './src/renderer/src/features/storeLayout/draw';", resolveDir: root, loader: 'ts' },
    bundle: true, format: 'iife', globalName: 'roc', write: false, platform: 'browser', target: 'chrome120',
  });
  return out.outputFiles[0]!.text;
}

export async function floorplanBench(runs = 15): Promise<{ drawMs: number; baselineMs: number }> {
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.setContent('<canvas id="c" width="1440" height="900" style="width:1440px;height:900px"></canvas>');
    // tsx names the functions it compiles with a helper (__name) the page lacks: an identity one.
    await page.addScriptTag({ content: 'window.__name = function (f) { return f; };' });
    await page.addScriptTag({ content: drawBundle() });
    return await page.evaluate((n) => {
      const g = globalThis as unknown as PageGlobals;
      const roc = g.roc;
      // 500 zones: a 25 x 20 grid of bays 4 m x 3 m, each a slightly irregular pentagon, with names.
      const zones = [];
      for (let i = 0; i < 500; i++) {
        const x = (i % 25) * 420;
        const y = Math.floor(i / 25) * 320;
        const points = [{ x, y }, { x: x + 400, y: y + (i % 7) * 3 }, { x: x + 400, y: y + 300 }, { x: x + 200, y: y + 310 }, { x, y: y + 300 }];
        zones.push({ id: `z${i}`, name: `${i % 3 === 0 ? 'Fitting rooms' : i % 3 === 1 ? 'Menswear aisle' : 'Checkout'} ${i + 1}`, type: i % 10 === 0 ? 'staff' : 'fpa', locationId: null, locationName: null, areaCm2: 120_000, dwellThresholdMs: null, zoneThresholdMm: null, points, drawable: true, notes: [] });
      }
      const bounds = { minX: 0, minY: 0, maxX: 25 * 420, maxY: 20 * 320 };
      const plan = { id: 'p', name: 'Floor 1', zones, bounds, notes: [] };
      const ctx = g.document.getElementById('c')!.getContext('2d')!;
      const t = roc.fitTransform(bounds, 1440, 900);
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const time = (f: () => void) => {
        const out: number[] = [];
        f(); // warm
        for (let r = 0; r < n; r++) {
          const t0 = g.performance.now();
          f();
          ctx.getImageData(0, 0, 1, 1); // wait for the canvas to have drawn
          out.push(g.performance.now() - t0);
        }
        return median(out);
      };
      // A floorplan opened: its paths built, then drawn whole (zones, outlines, names).
      const drawMs = time(() => roc.drawFloorplan(ctx, roc.zoneShapes(plan), { width: 1440, height: 900, transform: t, ratio: 1 }));
      const shapes = roc.zoneShapes(plan);
      const baselineMs = time(() => {
        ctx.setTransform(t.k, 0, 0, t.k, t.x, t.y);
        ctx.clearRect(-1e6, -1e6, 2e6, 2e6);
        for (const s of shapes) {
          ctx.fill(s.path);
          ctx.stroke(s.path);
        }
      });
      return { drawMs, baselineMs };
    }, runs);
  } finally {
    await browser.close();
  }
}
