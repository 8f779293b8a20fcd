import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vendorLabels, type Vendor } from '../../src/shared/connections/types';
import type { ContractError } from '../../src/shared/contract/errors';
import type { SyncDataset, SyncRunView } from '../../src/shared/sync/types';
import { datasetTables } from '../../src/main/sync/tables';
import type { HttpTiming } from '../../src/main/vendors/http/client';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import type { FaultRule } from '../../src/simulator/faults';
import { mountSmallDisk, type SmallDiskResult } from '../support/smallDisk';
import { addSimConnections, createHarness, type Harness } from '../sync/helpers/harness';

/**
 * The fault matrix: every dataset of a vendor against every way a sync goes wrong, on the
 * simulator. Each case asserts the message the user sees, that the data held before is whole, and
 * that the next sync succeeds. Deadlines are short for the timeout case only
 * (see `timing`): the others must not fail for a slow machine.
 */
export interface Fault {
  name: string;
  /** The simulator's rule (every request of the vendor), or the disk filling up. */
  rule: Omit<FaultRule, 'vendor'> | 'disk full';
  /** What the user reads: the run's error (or the refusal to start it). */
  expect(vendor: string): { code: ContractError['code']; message: RegExp };
}

/**
 * Deadlines as generous as a loaded CI machine needs for the syncs that must succeed; the timeout
 * case alone swaps in short ones (the clients read `timing.deadlines` at each request), so it takes
 * about a second instead of a real vendor's 45.
 */
const relaxed = { connectMs: 5_000, idleMs: 15_000, totalMs: 30_000 };
const strict = { connectMs: 1_000, idleMs: 300, totalMs: 1_200 };
const timing: HttpTiming = {
  deadlines: relaxed,
  backoff: { attempts: 3, baseMs: 5, capMs: 20, maxRetryAfterMs: 100 },
  maxBodyBytes: 16 * 1024 * 1024, // a week of datamine hours is a few MB
};

export const faults: Fault[] = [
  { name: '429 storm', rule: { kind: 'status429', retryAfter: 0 }, expect: (v) => ({ code: 'rate_limited', message: new RegExp(`^${v} is limiting requests; try again in a moment\\.`) }) },
  { name: '5xx storm', rule: { kind: 'status5xx', status: 503 }, expect: (v) => ({ code: 'vendor_error', message: new RegExp(`^${v} had a problem on its side while trying to `) }) },
  { name: 'timeout', rule: { kind: 'timeout' }, expect: (v) => ({ code: 'timeout', message: new RegExp(`^${v} did not answer in time \\(no answer for 300 ms\\)\\.$`) }) },
  { name: 'connection reset', rule: { kind: 'resetMidBody', bytes: 16 }, expect: (v) => ({ code: 'offline', message: new RegExp(`^The connection to ${v} dropped before the answer was complete\\.$`) }) },
  { name: 'truncated body', rule: { kind: 'truncatedBody' }, expect: (v) => ({ code: 'bad_response', message: new RegExp(`^${v} sent an answer the console could not read while trying to `) }) },
  { name: 'malformed JSON', rule: { kind: 'malformedJson' }, expect: (v) => ({ code: 'bad_response', message: new RegExp(`^${v} sent an answer the console could not read while trying to `) }) },
  { name: 'wrong content type', rule: { kind: 'wrongContentType' }, expect: (v) => ({ code: 'bad_response', message: new RegExp(`^${v} answered with a web page instead of data while trying to .*: a proxy or a sign-in page may be in the way\\.$`) }) },
  { name: 'huge body', rule: { kind: 'hugeBody' }, expect: (v) => ({ code: 'bad_response', message: new RegExp(`^${v} sent an answer larger than the console accepts \\(over 16 MB\\) while trying to `) }) },
  { name: 'redirect to another origin', rule: { kind: 'redirectOtherOrigin' }, expect: (v) => ({ code: 'vendor_error', message: new RegExp(`^${v} redirected the request to another address \\(localhost:\\d+\\), which refused it; the console does not send its keys to another address\\.$`) }) },
  { name: 'disk full', rule: 'disk full', expect: () => ({ code: 'disk_full', message: /^The disk is full/ }) },
];

/** What the cache holds of a dataset: it must not change when a sync fails. */
function holdings(h: Harness, connectionId: string, dataset: SyncDataset): unknown {
  if (dataset === 'kpis') {
    return {
      hours: h.db.prepare('SELECT COUNT(*) AS n, TOTAL(enters) AS enters, TOTAL(exits) AS exits, TOTAL(impressions) AS impressions, MAX(fetched_at) AS at FROM kpi_hourly WHERE connection_id = ?').get(connectionId),
      days: h.db.prepare("SELECT COUNT(*) AS n, SUM(status = 'final') AS final, MAX(fetched_at) AS at FROM kpi_days WHERE connection_id = ?").get(connectionId),
    };
  }
  const current = h.db.prepare("SELECT id, fetched_at, row_count FROM sync_snapshots WHERE connection_id = ? AND dataset = ? AND state = 'current'").get(connectionId, dataset) as { id: number; fetched_at: string; row_count: number } | undefined;
  const rows = current ? datasetTables[dataset].reduce((n, t) => n + (h.db.prepare(`SELECT COUNT(*) AS n FROM ${t.name} WHERE snapshot_id = ?`).get(current.id) as { n: number }).n, 0) : 0;
  return { current, rows };
}

/** Defines the cases of one vendor's datasets (one test file each, so files run in parallel). */
export function faultMatrix(vendor: Vendor, datasets: readonly SyncDataset[], prepare: readonly SyncDataset[] = []): void {
  const label = vendorLabels[vendor];
  describe(`fault matrix: ${label} ${datasets.join(', ')} x ${faults.length} faults`, () => {
    // A pinned clock: the simulator's answers, and which days are final, do not move between cases.
    const now = new Date('2026-12-02T16:30:00Z');
    let sim: RunningSimulator;
    let h: Harness;
    let disk: SmallDiskResult;
    let dir: string;
    let connectionId: string;

    beforeAll(async () => {
      disk = mountSmallDisk(64);
      dir = disk.ok ? path.join(disk.disk.dir, 'data') : fs.mkdtempSync(path.join(os.tmpdir(), 'roc-matrix-'));
      fs.mkdirSync(dir, { recursive: true });
      sim = await startSimulator({ seed: 13, scale: 'demo', now: () => now });
      h = createHarness({ dir, now: () => now, httpTiming: timing, recordRetryMs: 50 });
      const ids = await addSimConnections(h, sim);
      connectionId = { retailnext: ids.rn.id, flow: ids.flow.id, exteros: ids.ex.id }[vendor];
      if (vendor === 'flow') await syncOk(ids.rn.id, ['locations']); // Flow stores' zones come from the RetailNext stores
      for (const d of [...prepare, ...datasets]) await syncOk(connectionId, [d]);
    });
    afterAll(async () => {
      await h?.close();
      await sim?.close();
      if (disk?.ok) disk.disk.unmount();
      else if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    async function syncOk(id: string, sets: SyncDataset[]): Promise<void> {
      const { runIds } = await h.sync.start({ connectionId: id, datasets: sets, refetchFinal: false });
      for (const run of await Promise.all(runIds.map((r) => h.sync.wait(r)))) expect({ dataset: run.dataset, status: run.status, error: run.error }).toEqual({ dataset: run.dataset, status: 'ok', error: null });
    }

    /** Runs one sync of the dataset; the error the user reads, from the run or from the refusal to start it. */
    async function syncSeen(dataset: SyncDataset): Promise<{ run: SyncRunView | null; error: ContractError | null }> {
      try {
        const { runIds } = await h.sync.start({ connectionId, datasets: [dataset], refetchFinal: false });
        const run = await h.sync.wait(runIds[0]!);
        return { run, error: run.error };
      } catch (e) {
        const err = e as { code: ContractError['code']; message: string };
        return { run: null, error: { code: err.code, message: err.message } };
      }
    }

    for (const dataset of datasets) {
      for (const fault of faults) {
        it(`${dataset} x ${fault.name}: says what happened, keeps what it held, syncs again after`, async (t) => {
          if (fault.rule === 'disk full' && !disk.ok) return t.skip(disk.reason);
          const before = holdings(h, connectionId, dataset);
          let seen: Awaited<ReturnType<typeof syncSeen>>;
          if (fault.rule === 'disk full' && disk.ok) {
            h.db.pragma('wal_checkpoint(TRUNCATE)');
            disk.disk.fill(16 * 1024);
            try {
              seen = await syncSeen(dataset);
            } finally {
              disk.disk.free();
            }
          } else {
            sim.faults.set({ ...(fault.rule as FaultRule), id: 'matrix', vendor });
            if ((fault.rule as FaultRule).kind === 'timeout') timing.deadlines = strict;
            try {
              seen = await syncSeen(dataset);
            } finally {
              sim.faults.clear('matrix');
              timing.deadlines = relaxed;
            }
          }
          const expected = fault.expect(label);
          expect(seen.run?.status ?? 'refused').not.toBe('ok');
          expect(seen.error?.code, JSON.stringify(seen.error)).toBe(expected.code);
          expect(seen.error?.message).toMatch(expected.message);
          expect(holdings(h, connectionId, dataset)).toEqual(before);
          await syncOk(connectionId, [dataset]);
          // Nothing of the failed run is left behind (a full disk may have kept it from freeing its snapshot: freed now).
          expect((h.db.prepare("SELECT COUNT(*) AS n FROM sync_snapshots WHERE state <> 'current'").get() as { n: number }).n).toBe(0);
        });
      }
    }
  });
}
