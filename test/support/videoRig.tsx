import { afterAll, beforeAll } from 'vitest';
import type { Core } from '../../src/main/compose';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index';
import { callOk, startTestCore } from './core';
import { useCoreForRenderer } from './renderer';

export interface VideoRig {
  /** The file's simulator (Demo estate, seed 7), started before its tests. */
  sim(): RunningSimulator;
  /** A new core with one RetailNext connection, "Video", to the simulator; the renderer's client calls it. */
  coreWithConnection(): Promise<{ core: Core; connectionId: string }>;
}

/** For a file of view tests over RetailNext video (exports, live): one simulator for the whole file. */
export function videoRig(): VideoRig {
  let sim: RunningSimulator | undefined;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, scale: 'demo', seed: 7 });
  });
  afterAll(async () => {
    await sim?.close();
  });
  return {
    sim: () => sim!,
    async coreWithConnection() {
      const core = startTestCore();
      const s = sim!;
      const c = s.credentials.retailnext;
      const saved = await callOk<{ id: string }>(core, 'connections.save', { vendor: 'retailnext', name: 'Video', baseUrl: s.baseUrls.retailnext, subscription: c.subscription, accessKey: c.accessKey, secretKey: c.secretKey });
      useCoreForRenderer(core);
      return { core, connectionId: saved.id };
    },
  };
}
