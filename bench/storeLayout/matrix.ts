// `bench store-layout-matrix`: the 100 x 100 zone transition matrix, from the vendor's answer to
// pixels, with the view's own code in Chromium (Playwright, Debian's Chromium): read against the
// floorplan, matrix and totals built, sorted, top flows, drawn on a canvas. Median of 7 after 2 warm
// runs. Baseline in the same run: the same matrix as a DOM table of 10,000 cells, laid out.
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import type { RawTransitionPlan } from '../../src/shared/storeLayout/transitions';
import type { FloorplanZone } from '../../src/shared/storeLayout/types';
import { chromiumLaunchOptions } from '../../test/support/chromium';

const N = 100;
const root = path.resolve(__dirname, '../..');

/** A floor of 100 zones and an answer with every pair (10,000 transitions), counts falling with distance. */
function fixture(): { zones: FloorplanZone[]; answer: RawTransitionPlan } {
  const zones: FloorplanZone[] = Array.from({ length: N }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: i % 10 === 0 ? `Entrance ${i / 10 + 1}` : `Department ${i}`,
    type: 'fpa',
    locationId: `loc-${i}`,
    locationName: `Zone ${i}`,
    areaCm2: 40_000,
    dwellThresholdMs: 500,
    zoneThresholdMm: 1000,
    points: [],
    drawable: true,
    notes: [],
  }));
  const transitions = zones.flatMap((a, i) => zones.map((b, j) => ({ from_zone_id: a.id, to_zone_id: b.id, value: Math.round(400 / (1 + Math.abs(i - j))), percentage: 1 })));
  return { zones, answer: { floorplan: { uuid: 'plan', name: 'Bench floor' }, zones: zones.map((z) => ({ uuid: z.id, name: z.name })), transitions } };
}

async function bundle(): Promise<string> {
  const out = await build({
    root,
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: false, lib: { entry: path.join(__dirname, 'matrix.page.ts'), name: 'matrixBench', formats: ['iife'], fileName: 'matrix' } },
  });
  const result = Array.isArray(out) ? out[0]! : out;
  if (!('output' in result)) throw new Error('vite did not bundle the bench page');
  const chunk = result.output.find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('vite bundled no script');
  return chunk.code;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchMatrix(): Promise<void> {
  const code = await bundle();
  const { zones, answer } = fixture();
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.setContent('<!doctype html><html><body style="margin:0;font:11px system-ui"></body></html>');
    await page.addScriptTag({ content: code });
    const times = (await page.evaluate(
      ({ zones, answer }) => {
        const w = globalThis as unknown as { matrixBench: { canvasRun(a: unknown, z: unknown): number; tableRun(a: unknown, z: unknown): number } };
        const canvas: number[] = [];
        const table: number[] = [];
        for (let i = 0; i < 9; i++) {
          canvas.push(w.matrixBench.canvasRun(answer, zones));
          table.push(w.matrixBench.tableRun(answer, zones));
        }
        return { canvas: canvas.slice(2), table: table.slice(2) };
      },
      { zones, answer },
    )) as { canvas: number[]; table: number[] };
    const ms = median(times.canvas);
    const baseline = median(times.table);
    console.log(`  store-layout-matrix: ${N} x ${N} zones, ${N * N} transitions; canvas runs ${times.canvas.map((t) => t.toFixed(0)).join(', ')} ms; DOM table runs ${times.table.map((t) => t.toFixed(0)).join(', ')} ms; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`);
    console.log(`bench store-layout-matrix: ${ms.toFixed(1)} ms (target 150 ms; baseline ${baseline.toFixed(1)} ms as a DOM table)`);
  } finally {
    await browser.close();
  }
}
