// The command palette on the large estate (issue 16 item 6): time per keystroke to rank every view,
// store and camera, as the renderer does (src/renderer/src/features/keyboard/rank.ts), typed one
// character at a time. The entries are the simulator's large estate (5,000 stores, 40,000 cameras),
// built as the palette builds them from the store tree and inventory.cameraNames.
//   npx tsx bench/palette.bench.ts
// Baseline (same run, same entries): one plain substring pass over every entry per keystroke, the
// least any search can do, so a slower machine shows in both figures.
import { viewShortcuts } from '../src/shared/app/shortcuts';
import { PaletteIndex, paletteEntry, rankPalette, type PaletteEntry } from '../src/renderer/src/features/keyboard/rank';
import { DEFAULT_SEED } from '../src/simulator';
import { generateEstate } from '../src/simulator/estate/generate';

const limit = 20;
const estate = generateEstate(DEFAULT_SEED, 'large');
const regionName = new Map(estate.regions.map((r) => [r.uuid, r.name]));
const storeName = new Map(estate.stores.map((s) => [s.uuid, s.name]));
const views = viewShortcuts.map((s) => paletteEntry({ key: s.view, group: 'Views', label: s.label, detail: '', target: { hash: `#${s.view}` } }));
const stores = estate.stores.map((s) => paletteEntry({ key: s.uuid, group: 'Stores', label: s.name, detail: `${regionName.get(s.parent_uuid ?? '') ?? ''} · ${s.store_id}`, target: { action: `store:l:${s.uuid}` } }));
const cameras = estate.cameras.map((c) => paletteEntry({ key: c.device_id, group: 'Cameras', label: c.device_name, detail: `${storeName.get(c.store_uuid) ?? 'No store'} · ${c.device_id}`, target: { hash: `#inventory/camera/${c.device_id}` } }));
const actions = ['Sync all', 'Add connection', 'Keyboard shortcuts'].map((l) => paletteEntry({ key: l, group: 'Actions', label: l, detail: '', target: { action: l } }));

const t0 = performance.now();
const indexes = [new PaletteIndex('Views', views), new PaletteIndex('Stores', stores), new PaletteIndex('Cameras', cameras), new PaletteIndex('Actions', actions)];
const buildMs = performance.now() - t0;

// What people type: a store by name, a camera by name and store, a typo, one letter, an id.
const sample = estate.stores[1234]!;
const queries = [sample.name.toLowerCase(), `register ${sample.name.split(' ')[0]!.toLowerCase()}`, 'invntory', 'sync all', sample.store_id.toLowerCase()];
const all: PaletteEntry[] = [...views, ...stores, ...cameras, ...actions];

function typed(q: string): string[] {
  return Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1));
}

// Warm up (the renderer's first keystroke comes after the palette has been opened and rendered).
for (const q of typed(queries[0]!)) rankPalette(indexes, q, limit);

const times: number[] = [];
const baseline: number[] = [];
let found = 0;
let sink = 0; // keeps the baseline's count alive
for (const q of queries) {
  for (const prefix of typed(q)) {
    let t = performance.now();
    const groups = rankPalette(indexes, prefix, limit);
    times.push(performance.now() - t);
    if (prefix === q && groups.length > 0) found++;
    t = performance.now();
    let n = 0;
    for (const e of all) if (e.text.includes(prefix)) n++;
    baseline.push(performance.now() - t);
    sink += n;
  }
}
const top = rankPalette(indexes, sample.name, limit)[0]?.items[0]?.label;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;
const round = (x: number) => Math.round(x * 10) / 10;

console.log(`entries: ${views.length} views, ${stores.length} stores, ${cameras.length} cameras, ${actions.length} actions; ${times.length} keystrokes; indexes built in ${round(buildMs)} ms`);
console.log(`"${sample.name}" ranks first: ${top === sample.name ? 'yes' : `no (${top})`}; ${found} of ${queries.length} full queries found something`);
console.log(`baseline palette-substring-pass: ${round(mean(baseline))} ms (${sink} hits in all)`);
console.log(`bench palette-keystroke: ${round(mean(times))} ms (target 50 ms; baseline ${round(mean(baseline))} ms)`);
console.log(`bench palette-keystroke-p95: ${round(p95(times))} ms (target 100 ms; baseline ${round(p95(baseline))} ms)`);
console.log(`bench palette-keystroke-vs-substring: x${round(mean(times) / mean(baseline))} (target x5)`);
if (top !== sample.name) process.exitCode = 1;
