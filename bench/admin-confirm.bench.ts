// Confirming a bulk location change of 5,000 stores: what it costs the core's call loop (issue 17).
//   npx tsx bench/admin-confirm.bench.ts [--rows 5000] [--runs 3]
// Each run drafts the rows (occupancy limits of the large estate's stores), confirms them, and cancels
// the run as soon as the confirm has answered (what is sent after is not measured). During the call,
// the core's loop is watched: its busy time (event-loop utilisation) and its longest turn (a 1 ms
// ticker's longest gap). Beside it, the same run's baseline: the rows' change log inserts alone, as
// the core ran them on its loop before (ChangeLog.record in one transaction, rolled back).
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { ChangeLog } from '../src/main/changeLog/changeLog';
import { draftRowsPerCall } from '../src/shared/admin/contract';
import type { BulkSummary } from '../src/shared/admin/types';
import { openAdminBenchRig } from './admin/rig';
import { arg } from './cli';
import { runInKeyring } from './keyring';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const rows = Number(arg('rows', '5000'));
  const runs = Number(arg('runs', '3'));
  const rig = await openAdminBenchRig('confirm', 50);
  const { core, rn, call } = rig;
  try {
    const db = core.context.db;
    const stores = db.prepare("SELECT uuid FROM cached_locations WHERE location_type = 'store' ORDER BY uuid LIMIT ?").all(rows) as Array<{ uuid: string }>;
    if (stores.length < rows) throw new Error(`the estate has ${stores.length} stores, fewer than ${rows}`);

    const busy: number[] = [];
    const longest: number[] = [];
    const wall: number[] = [];
    const inline: number[] = [];
    for (let run = 0; run < runs; run++) {
      const csvRows = stores.map((s, i) => ({ row: i + 2, uuid: s.uuid, values: { occupancy_limit: 1000 + run * rows + i }, problem: null }));
      // In parts, as the Import view sends a large file.
      let draft: BulkSummary | null = null;
      for (let i = 0; i < csvRows.length; i += draftRowsPerCall) {
        const part = csvRows.slice(i, i + draftRowsPerCall);
        draft = await call<BulkSummary>('admin.bulk.draft', draft ? { bulkId: draft.id, source: 'csv', label: `bench-${run}.csv`, fields: ['occupancy_limit'], rows: part } : { connectionId: rn.id, source: 'csv', label: `bench-${run}.csv`, fields: ['occupancy_limit'], rows: part });
      }
      if (!draft) throw new Error('no rows');
      if (draft.counts.change !== rows) throw new Error(`dry run: ${JSON.stringify(draft.counts)}`);

      // Baseline: the same entries recorded on this loop, as the confirm did before, then rolled back.
      const log = new ChangeLog(db, () => new Date());
      const planned = db.prepare("SELECT row, uuid, name, diffs FROM admin_bulk_rows WHERE bulk_id = ? AND verdict = 'change' ORDER BY seq").all(draft.id) as Array<{ row: number; uuid: string; name: string | null; diffs: string }>;
      const i0 = performance.now();
      try {
        db.transaction(() => {
          for (const p of planned) {
            const diffs = JSON.parse(p.diffs) as Array<{ field: string; before: unknown; after: unknown }>;
            log.record({ bulkId: draft.id, row: p.row, connectionId: rn.id, connectionName: rn.name, kind: 'location.update', target: p.uuid, targetName: p.name, before: Object.fromEntries(diffs.map((d) => [d.field, d.before])), sent: Object.fromEntries(diffs.map((d) => [d.field, d.after])) });
          }
          inline.push(performance.now() - i0);
          throw new Error('rolled back');
        })();
      } catch (e) {
        if (!(e instanceof Error) || e.message !== 'rolled back') throw e;
      }

      global.gc?.();
      await new Promise((r) => setTimeout(r, 50));
      let last = performance.now();
      let gap = 0;
      const ticker = setInterval(() => {
        const t = performance.now();
        gap = Math.max(gap, t - last);
        last = t;
      }, 1);
      const elu0 = performance.eventLoopUtilization();
      const t0 = performance.now();
      await call('admin.bulk.confirm', { bulkId: draft.id });
      const elapsed = performance.now() - t0;
      const elu = performance.eventLoopUtilization(elu0);
      clearInterval(ticker);
      gap = Math.max(gap, performance.now() - last);
      await call('admin.bulk.cancel', { bulkId: draft.id });
      for (;;) {
        const s = (await call<{ summary: BulkSummary }>('admin.bulk.preview', { bulkId: draft.id, limit: 1 })).summary;
        if (!s.running) {
          if (s.counts.pending + s.counts.sending !== 0 || s.counts.done + s.counts.not_sent + s.counts.failed + s.counts.unknown !== rows) throw new Error(`run ${run} ended with ${JSON.stringify(s.counts)}`);
          break;
        }
        await new Promise((r) => setTimeout(r, 10));
      }
      busy.push(elu.active);
      longest.push(gap);
      wall.push(elapsed);
      console.log(`run ${run + 1}: confirm answered in ${elapsed.toFixed(1)} ms, the loop busy ${elu.active.toFixed(1)} ms of it, longest turn ${gap.toFixed(1)} ms; baseline (the inserts on the loop) ${inline.at(-1)!.toFixed(1)} ms`);
    }
    const [l1, l5] = os.loadavg();
    console.log(`rows ${rows}, ${runs} runs (medians below); load average ${l1!.toFixed(2)} / ${l5!.toFixed(2)} on ${os.cpus().length} cores, shared machine`);
    console.log(`bench admin-confirm-loop-busy: ${median(busy).toFixed(1)} ms (target 16 ms; baseline ${median(inline).toFixed(1)} ms: the inserts alone on the loop)`);
    console.log(`bench admin-confirm-longest-turn: ${median(longest).toFixed(1)} ms (target 16 ms)`);
    console.log(`bench admin-confirm-answer: ${median(wall).toFixed(1)} ms (no target: recorded and committed by the writer before it answers)`);
  } finally {
    await rig.close();
  }
}

runInKeyring(__filename, main);
