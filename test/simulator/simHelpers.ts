// Shared helpers for the simulator's own tests: a simulator on a pinned, movable clock and
// small fetch wrappers that send each vendor's credentials.

import { startSimulator, type RunningSimulator } from '../../src/simulator/index';
import type { EstateSize } from '../../src/simulator/estate/types';

/** Sunday 19 April 2026, 20:20 UTC: 13:20 in Los Angeles, 15:20 in Chicago (the Flow example's date). */
export const FIXED_NOW = Date.parse('2026-04-19T20:20:00Z');

export interface TestSim {
  sim: RunningSimulator;
  clock: { ms: number };
  rn(path: string, init?: RequestInit & { json?: unknown; pageLength?: number; pageStart?: string | number }): Promise<Response>;
  flow(body: unknown, key?: string): Promise<Response>;
  exteros(path: string, key?: string): Promise<Response>;
}

export async function startTestSim(opts: { seed?: number; scale?: 'demo' | 'large' | EstateSize; nowMs?: number } = {}): Promise<TestSim> {
  const clock = { ms: opts.nowMs ?? FIXED_NOW };
  const sim = await startSimulator({ port: 0, seed: opts.seed ?? 42, scale: opts.scale ?? 'demo', now: () => new Date(clock.ms) });
  const c = sim.credentials;
  const basic = 'Basic ' + Buffer.from(`${c.retailnext.accessKey}:${c.retailnext.secretKey}`).toString('base64');
  return {
    sim,
    clock,
    rn(path, init = {}) {
      const headers = new Headers(init.headers);
      if (!headers.has('authorization')) headers.set('authorization', basic);
      if (init.pageLength !== undefined) headers.set('x-page-length', String(init.pageLength));
      if (init.pageStart !== undefined) headers.set('x-page-start', String(init.pageStart));
      let body = init.body;
      if (init.json !== undefined) {
        body = JSON.stringify(init.json);
        headers.set('content-type', 'application/json');
      }
      return fetch(`${sim.baseUrls.retailnext}${path}`, { ...init, headers, body, method: init.method ?? (body !== undefined ? 'POST' : 'GET') });
    },
    flow(body, key = c.flow.apiKey) {
      return fetch(`${sim.baseUrls.flow}/kpis/hourly`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-secret-key': key, 'accept-language': 'en' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    },
    exteros(path, key = c.exteros.apiKey) {
      return fetch(`${sim.baseUrls.exteros}${path}`, { headers: { authorization: key } });
    },
  };
}

/** The sorted list of keys of an object (to compare with the documents' examples). */
export function keysOf(o: unknown): string[] {
  return Object.keys(o as object).sort();
}
