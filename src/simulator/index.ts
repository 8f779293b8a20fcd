// The vendor simulator: one node:http server on 127.0.0.1 serving RetailNext, Flow and Exteros
// over a generated estate. startSimulator() is what tests, benchmarks, `npm run sim` and the
// console's Demo workspace use.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as control from './control';
import { demoCredentials, type DemoCredentials } from './credentials';
import { generateEstate, type EstateScale } from './estate/generate';
import type { Estate, EstateSize } from './estate/types';
import * as exteros from './exteros';
import { FaultController } from './faults';
import * as flow from './flow';
import * as hls from './hls';
import { createAuth } from './http/auth';
import type { RegisterRoutes, SimContext } from './http/context';
import { Router } from './http/router';
import { SimServer } from './http/server';
import * as retailnext from './retailnext';

export interface SimulatorOptions {
  /** 0 (default) = a random free port */
  port?: number;
  seed?: number;
  scale?: 'demo' | 'large' | EstateSize;
  now?: () => Date;
  /** folder for generated files (ffmpeg); default a fresh temp dir, removed on close */
  workDir?: string;
  /** an estate generated beforehand (benchmarks reuse one); overrides seed/scale */
  estate?: Estate;
}

export interface RunningSimulator {
  /** http://127.0.0.1:PORT */
  url: string;
  baseUrls: { retailnext: string; flow: string; exteros: string };
  credentials: DemoCredentials;
  estate: Estate;
  faults: FaultController;
  close(): Promise<void>;
}

export const DEFAULT_SEED = 20240601;

/** Route modules, in registration order (first match wins). */
const MODULES: { name: string; register: RegisterRoutes }[] = [
  { name: 'control', register: control.register },
  { name: 'retailnext', register: retailnext.register },
  { name: 'flow', register: flow.register },
  { name: 'exteros', register: exteros.register },
  { name: 'hls', register: hls.register as RegisterRoutes },
];

export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  const seed = opts.seed ?? DEFAULT_SEED;
  const estate = opts.estate ?? generateEstate(seed, (opts.scale ?? 'demo') as EstateScale);
  const now = opts.now ?? (() => new Date());
  const ownWorkDir = opts.workDir === undefined;
  const workDir = opts.workDir ?? mkdtempSync(join(tmpdir(), 'retail-sim-'));
  const credentials: DemoCredentials = {
    retailnext: { ...demoCredentials.retailnext },
    flow: { ...demoCredentials.flow, storeCodes: estate.stores.map((s) => s.flowCode) },
    exteros: { ...demoCredentials.exteros },
  };
  const faults = new FaultController(estate.seed);
  const auth = createAuth(credentials);
  const closers: (() => void | Promise<void>)[] = [];
  let url = '';
  const ctx: SimContext = {
    estate,
    now,
    faults,
    workDir,
    auth,
    credentials,
    baseUrl: () => url,
    onClose: (fn) => closers.push(fn),
  };
  const router = new Router();
  for (const m of MODULES) m.register(router, ctx);
  const server = new SimServer(router, auth, faults);
  const port = await server.listen(opts.port ?? 0);
  url = `http://127.0.0.1:${port}`;
  let closed = false;
  return {
    url,
    baseUrls: {
      retailnext: `${url}/retailnext/${credentials.retailnext.subscription}`,
      flow: `${url}/flow/rest`,
      exteros: `${url}/exteros`,
    },
    credentials,
    estate,
    faults,
    async close() {
      if (closed) return;
      closed = true;
      faults.clear(); // requests held by a hold rule go on, so the server can close
      for (const fn of closers) await fn();
      await server.close();
      if (ownWorkDir) rmSync(workDir, { recursive: true, force: true });
    },
  };
}

export { demoCredentials } from './credentials';
export { generateEstate } from './estate/generate';
export type { Estate, EstateSize } from './estate/types';
export { FaultController, type FaultRule, type FaultKind, type FaultVendor } from './faults';
export type { SimContext } from './http/context';
export { Router } from './http/router';
