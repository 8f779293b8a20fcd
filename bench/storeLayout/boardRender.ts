// `bench store-layout-board-render`: the occupancy board (the renderer's OccupancyBoardView, bundled
// by vite with React in production mode and the app's stylesheet) rendered over the 5,000 stores of
// the run's refresh, in Debian's Chromium at 1440x900 driven by Playwright, as the other render
// benches are: from the state handed to the view to the next frame painted. Median of 7 after 2 warm
// runs. Baseline in the same run and page: the same view with the first 50 of those stores.
import path from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import type { BoardRefresh } from '../../src/shared/occupancyBoard/types';
import { chromiumLaunchOptions } from '../../test/support/chromium';

const root = path.resolve(__dirname, '../..');

async function bundle(): Promise<string> {
  const out = await build({
    root,
    configFile: false,
    logLevel: 'silent',
    mode: 'production',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: { write: false, minify: false, lib: { entry: path.join(__dirname, 'board.page.ts'), name: 'boardBench', formats: ['iife'], fileName: 'board' } },
  });
  const result = Array.isArray(out) ? out[0]! : out;
  if (!('output' in result)) throw new Error('vite did not bundle the bench page');
  const chunk = result.output.find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('vite bundled no script');
  return chunk.code;
}

export interface BoardRenderResult {
  ms: number;
  baselineMs: number;
  runs: number[];
  baselineRuns: number[];
  rowsInDom: number;
}

export async function boardRenderBench(refresh: BoardRefresh): Promise<BoardRenderResult> {
  const code = await bundle();
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addStyleTag({ path: path.join(root, 'src/renderer/src/styles.css') });
    // tsx names the functions it compiles with a helper (__name) the page lacks: an identity one.
    await page.addScriptTag({ content: 'window.__name = function (f) { return f; };' });
    await page.addScriptTag({ content: code });
    return (await page.evaluate(async (refresh) => {
      type Run = { ms: number; rowsInDom: number };
      const w = globalThis as unknown as { boardBench: { renderRun(r: unknown, n: number): Promise<Run> } };
      const full: Run[] = [];
      const small: Run[] = [];
      for (let i = 0; i < 9; i++) {
        full.push(await w.boardBench.renderRun(refresh, 5000));
        small.push(await w.boardBench.renderRun(refresh, 50));
      }
      const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const runs = full.slice(2).map((r) => r.ms);
      const baselineRuns = small.slice(2).map((r) => r.ms);
      return { ms: med(runs), baselineMs: med(baselineRuns), runs, baselineRuns, rowsInDom: full[full.length - 1]!.rowsInDom };
    }, refresh)) as BoardRenderResult;
  } finally {
    await browser.close();
  }
}
