import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index';
import type { Core } from '../../src/main/compose';
import type { ExportJobView, ExportWritePreview, VideoSources } from '../../src/shared/exports/types';
import type { EventName, EventPayload } from '../../src/shared/contract/events';
import { callOk, startTestCore, testSecretStore } from '../support/core';
import { tempDir } from '../support/temp';
import type { CoreOptions } from '../../src/main/compose';

/** A simulator of its own (it outlives console restarts) and a real RetailNext connection to it. */
export async function startSim(): Promise<RunningSimulator> {
  return startSimulator({ port: 0, scale: 'demo', seed: 7 });
}

export async function connectCore(sim: RunningSimulator, overrides: Partial<CoreOptions> = {}): Promise<{ core: Core; connectionId: string }> {
  const core = startTestCore(overrides);
  const c = sim.credentials.retailnext;
  const existing = (await callOk<Array<{ id: string; vendor: string }>>(core, 'connections.list', {})).find((x) => x.vendor === 'retailnext');
  if (existing) return { core, connectionId: existing.id };
  const conn = await callOk<{ id: string }>(core, 'connections.save', {
    vendor: 'retailnext',
    name: 'Video test',
    baseUrl: sim.baseUrls.retailnext,
    subscription: c.subscription,
    accessKey: c.accessKey,
    secretKey: c.secretKey,
  });
  return { core, connectionId: conn.id };
}

/** A store with at least `min` recording channels on one appliance. */
export async function pickStore(core: Core, connectionId: string, min = 1) {
  const sources = await callOk<VideoSources>(core, 'exports.sources', { connectionId });
  for (const store of sources.stores) {
    for (const a of store.appliances) {
      const recording = a.channels.filter((c) => c.recordingEnabled);
      if (recording.length >= min) return { store, applianceId: a.applianceId, channels: recording };
    }
  }
  throw new Error(`no store with ${min} recording channels`);
}

/** A short range that ended a minute ago (the simulator refuses ranges in the future). */
export function recentRange(seconds: number): { start: string; end: string } {
  const end = Math.floor(Date.now() / 1000) * 1000 - 60_000;
  return { start: new Date(end - seconds * 1000).toISOString().replace('.000Z', 'Z'), end: new Date(end).toISOString().replace('.000Z', 'Z') };
}

export function waitForJob(core: Core, id: string, states: ExportJobView['state'][], timeoutMs = 20_000): Promise<ExportJobView> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(async () => {
      off();
      const list = await callOk<ExportJobView[]>(core, 'exports.list', {});
      reject(new Error(`export ${id} did not reach ${states.join('/')}: ${JSON.stringify(list.find((j) => j.id === id))}`));
    }, timeoutMs);
    const check = (job: ExportJobView) => {
      if (job.id === id && states.includes(job.state)) {
        clearTimeout(timer);
        off();
        resolve(job);
      }
    };
    const off = core.subscribe((name, payload) => {
      if (name === 'exports.changed') check(payload as ExportJobView);
    });
    void callOk<ExportJobView[]>(core, 'exports.list', {}).then((list) => {
      const j = list.find((x) => x.id === id);
      if (j) check(j);
    });
  });
}

export function collect<E extends EventName>(core: Core, event: E): Array<EventPayload<E>> {
  const out: Array<EventPayload<E>> = [];
  core.subscribe((name, payload) => {
    if ((name as string) === (event as string)) out.push(payload as EventPayload<E>);
  });
  return out;
}

export function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** The vendor's file for an export, fetched directly (the reference for byte-identical checks). */
export async function referenceBytes(sim: RunningSimulator, exportId: string): Promise<Buffer> {
  const c = sim.credentials.retailnext;
  const auth = 'Basic ' + Buffer.from(`${c.accessKey}:${c.secretKey}`).toString('base64');
  const status = await fetch(`${sim.baseUrls.retailnext}/v1/video/export/task/${exportId}`, { headers: { authorization: auth }, redirect: 'manual' });
  const location = status.headers.get('location');
  if (status.status !== 302 || !location) throw new Error(`export not ready: ${status.status}`);
  const file = await fetch(new URL(location, sim.url));
  return Buffer.from(await file.arrayBuffer());
}

export async function setFault(sim: RunningSimulator, rule: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${sim.url}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rule) });
  if (res.status !== 201) throw new Error(`fault refused: ${await res.text()}`);
}

export { callOk, tempDir, testSecretStore };

/** A write to RetailNext as the view makes it: its preview, then its confirmation. */
export async function confirmed(core: Core, previewCall: 'exports.startPreview' | 'exports.retryPreview' | 'exports.deletePreview', input: unknown): Promise<ExportJobView> {
  const preview = await callOk<ExportWritePreview>(core, previewCall, input);
  return callOk<ExportJobView>(core, 'exports.confirm', { previewId: preview.previewId });
}
