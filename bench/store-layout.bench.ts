// Store layout benches (issue 14): each part in its own module under bench/storeLayout/.
//   npm run bench -- store-layout
import { floorplanBench } from './storeLayout/floorplan';
import { benchMatrix } from './storeLayout/matrix';

const round = (v: number) => Math.round(v * 10) / 10;

async function main(): Promise<void> {
  const f = await floorplanBench();
  console.log(`bench store-layout-floorplan: ${round(f.drawMs)} ms (target 200 ms)`);
  console.log(`bench store-layout-floorplan-baseline: ${round(f.baselineMs)} ms (the same 500 outlines filled and stroked only, this run)`);
  console.log(`bench store-layout-floorplan-ratio: x${round(f.drawMs / Math.max(f.baselineMs, 0.001))}`);
  await benchMatrix();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
