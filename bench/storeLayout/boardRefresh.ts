// `bench store-layout-board-refresh`: one refresh of the live occupancy board over 5,000 stores with
// an occupancy limit, through the core's own call (occupancyBoard.refresh: the cached stores read from
// SQLite, split, sent over real HTTP to the simulator's large estate, readings built), the core and
// its cache made by createCore and filled by the real locations sync.
//
// The floor is what RetailNext's documented limits allow at best. The doc sets no request rate for
// datamine and no concurrency limit for it (3 concurrent requests is documented for predicted traffic
// and the cameras inventory only); what it sets is at most 10,000 entries in a v2 answer. Current
// occupancy is 2 entries a store (total_occupancy, occupancy_limit), so 5,000 stores need at least
// one request: the floor is the time of that one request, sent by a bare fetch in the same run.
// The board's policy (2,500 stores a request, at most 3 at once) sends 2 requests side by side.
//
// Simulator in its own process with 50 ms latency; both clocks pinned to a Wednesday 14:20 UTC (shops
// open in Europe and the Americas, closed in Asia and Australia: those answer with no reading).
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../../src/main/compose';
import { KeytarSecretStore } from '../../src/main/secrets/keytarStore';
import { connectionAccount } from '../../src/main/secrets/store';
import type { ConnectionView } from '../../src/shared/connections/types';
import type { BoardRefresh } from '../../src/shared/occupancyBoard/types';
import type { SyncRunView } from '../../src/shared/sync/types';

export const pinnedNow = '2026-06-10T14:20:00.000Z';
const latencyMs = 50;
const runs = 5;

interface SimInfo {
  baseUrls: { retailnext: string };
  credentials: { retailnext: { subscription: string; accessKey: string; secretKey: string } };
}

export interface BoardRefreshResult {
  refreshMs: number;
  floorMs: number;
  refreshRuns: number[];
  floorRuns: number[];
  /** The last refresh's answer: what the render bench draws. */
  last: BoardRefresh;
  floorRequests: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function call<T>(core: Core, name: string, input: unknown): Promise<T> {
  const r = await core.invoke(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message} ${r.error.detail ?? ''}`);
  return r.value as T;
}

export async function boardRefreshBench(): Promise<BoardRefreshResult> {
  const child = fork(path.join(__dirname, '../sync/simChild.ts'), ['large', String(latencyMs), pinnedNow, 'every-store-limited'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const kill = () => child.kill();
  process.on('exit', kill);
  const sim = await new Promise<SimInfo>((resolve, reject) => {
    child.once('message', (m) => resolve(m as SimInfo));
    child.once('exit', (code) => reject(new Error(`simulator exited ${code}`)));
  });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roc-bench-board-'));
  const secrets = new KeytarSecretStore(`Retail Ops Console board bench ${path.basename(dataDir)}`);
  const core = createCore({ dataDir, secrets, shell: 'browser', version: 'bench', log: { log: () => undefined }, now: () => new Date(pinnedNow) });
  const events: Array<{ name: string; payload: unknown }> = [];
  core.subscribe((name, payload) => void events.push({ name, payload }));
  const c = sim.credentials.retailnext;
  const rn = await call<ConnectionView>(core, 'connections.save', { vendor: 'retailnext', name: 'RN bench', baseUrl: sim.baseUrls.retailnext, subscription: c.subscription, accessKey: c.accessKey, secretKey: c.secretKey });
  try {
    const { runIds } = await call<{ runIds: number[] }>(core, 'sync.start', { connectionId: rn.id, datasets: ['locations'] });
    let synced: SyncRunView | undefined;
    while (!(synced = events.find((e) => e.name === 'sync.finished' && (e.payload as SyncRunView).id === runIds[0])?.payload as SyncRunView | undefined)) await new Promise((r) => setTimeout(r, 20));
    if (synced.status !== 'ok') throw new Error(`the locations sync ended ${synced.status}: ${JSON.stringify(synced)}`);

    const first = await call<BoardRefresh>(core, 'occupancyBoard.refresh', {});
    const uuids = first.readings.map((r) => r.storeUuid);
    if (uuids.length !== 5000) throw new Error(`the board has ${uuids.length} stores, not 5,000: ${JSON.stringify({ ...first, readings: first.readings.length })}`);
    const floorRequests = Math.ceil((uuids.length * 2) / 10_000);
    const body = JSON.stringify({
      locations: uuids,
      metrics: ['total_occupancy', 'occupancy_limit'],
      date_ranges: [{ from: { name: 'today' }, to: { name: 'now' } }],
      time_ranges: [{ type: 'store_hours' }],
      group_bys: [{ group: 'location', unit: '', value: 0 }],
      time_zone: 'local',
    });
    const auth = `Basic ${Buffer.from(`${c.accessKey}:${c.secretKey}`).toString('base64')}`;
    const bare = async (): Promise<number> => {
      const t0 = performance.now();
      const res = await fetch(`${sim.baseUrls.retailnext}/v2/datamine`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body });
      if (!res.ok) throw new Error(`bare datamine request: HTTP ${res.status} ${await res.text()}`);
      const answer = (await res.json()) as { metrics: Array<{ data: unknown[] }> };
      const ms = performance.now() - t0;
      if (answer.metrics.length !== 2) throw new Error('bare datamine request: not the two metrics asked');
      return ms;
    };
    await bare(); // warm, as the refresh was
    const refreshRuns: number[] = [];
    const floorRuns: number[] = [];
    let last = first;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      last = await call<BoardRefresh>(core, 'occupancyBoard.refresh', {});
      refreshRuns.push(performance.now() - t0);
      floorRuns.push((await bare()) * floorRequests);
    }
    if (last.errors.length > 0) throw new Error(`refresh errors: ${JSON.stringify(last.errors)}`);
    return { refreshMs: median(refreshRuns), floorMs: median(floorRuns), refreshRuns, floorRuns, last, floorRequests };
  } finally {
    await core.close();
    await secrets.delete(connectionAccount(rn.id)).catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
    child.send('close');
    process.off('exit', kill);
  }
}
