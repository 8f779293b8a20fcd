// Store layout benches (issue 14): each part in its own module under bench/storeLayout/.
//   npm run bench -- store-layout     (re-runs itself inside a private keyring: the board's core keeps its key there)
import os from 'node:os';
import { boardPolicy } from '../src/shared/occupancyBoard/policy';
import { boardRefreshBench } from './storeLayout/boardRefresh';
import { boardRenderBench } from './storeLayout/boardRender';
import { floorplanBench } from './storeLayout/floorplan';
import { benchMatrix } from './storeLayout/matrix';
import { runInKeyring } from './keyring';

const round = (v: number) => Math.round(v * 10) / 10;
const n = (v: number) => v.toLocaleString('en-US');
const runs = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');

async function main(): Promise<void> {
  const f = await floorplanBench();
  console.log(`bench store-layout-floorplan: ${round(f.drawMs)} ms (target 200 ms)`);
  console.log(`bench store-layout-floorplan-baseline: ${round(f.baselineMs)} ms (the same 500 outlines filled and stroked only, this run)`);
  console.log(`bench store-layout-floorplan-ratio: x${round(f.drawMs / Math.max(f.baselineMs, 0.001))}`);
  await benchMatrix();

  const b = await boardRefreshBench();
  const stores = b.last.readings.length;
  const read = b.last.readings.filter((r) => r.occupancy !== null).length;
  console.log(`  store-layout-board-refresh: ${n(stores)} stores with a limit (${n(read)} open with a reading), ${b.last.requests} requests of at most ${n(boardPolicy.storesPerRequest)} stores, ${boardPolicy.concurrentRequests} at once; refresh runs ${runs(b.refreshRuns)} ms; floor runs ${runs(b.floorRuns)} ms; load average ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} cores`);
  console.log(`bench store-layout-board-refresh: ${round(b.refreshMs)} ms (target ${round(b.floorMs * 1.3)} ms, x1.3 the floor; baseline ${round(b.floorMs)} ms, the floor)`);
  console.log(`bench store-layout-board-refresh-floor: ${round(b.floorMs)} ms (RetailNext's 10,000 entries per answer: ${b.floorRequests} request of all ${n(stores)} stores x 2 metrics, bare fetch, this run)`);
  console.log(`bench store-layout-board-refresh-ratio: x${round(b.refreshMs / b.floorMs)} (target x1.3)`);

  const r = await boardRenderBench(b.last);
  console.log(`  store-layout-board-render: ${n(stores)} stores, ${r.rowsInDom} rows in the DOM; runs ${runs(r.runs)} ms; 50-store runs ${runs(r.baselineRuns)} ms`);
  console.log(`bench store-layout-board-render: ${round(r.ms)} ms (target 100 ms; baseline ${round(r.baselineMs)} ms with 50 stores)`);
  console.log(`bench store-layout-board-render-ratio: x${round(r.ms / r.baselineMs)}`);
}

runInKeyring(__filename, main, { exitWhenDone: true });
