// What the benches share: their command line, the simulator child's first message
// (bench/sync/simChild.ts), and the Stores view's first-answer timings of a started core.
import type { CoreHost } from '../src/main/host/coreHost';
import type { Result } from '../src/shared/contract/errors';

/** The value after `--<name>` on the command line, or `fallback`. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

/** The simulator child's first message: where it listens, its keys, and the estate's size. */
export interface SimInfo {
  baseUrls: { retailnext: string; flow: string; exteros: string };
  credentials: { retailnext: { subscription: string; accessKey: string; secretKey: string }; flow: { apiKey: string; storeCodes: string[] } };
  counts: { stores: number; cameras: number; channels: number; appliances: number; users: number; locations: number };
}

/**
 * estate.tree's first part asked once on a core that has just become ready (cold), then 7 more times
 * (warm, the same process); `warm` is their median. Each answer is parsed, as the page would.
 */
export async function treeTopTimings(host: CoreHost): Promise<{ cold: number; warm: number }> {
  const ask = async () => {
    const t0 = performance.now();
    const r = JSON.parse(await host.invoke('estate.tree', { part: 'top' })) as Result<unknown>;
    if (!r.ok) throw new Error(`estate.tree: ${r.error.message} ${r.error.detail ?? ''}`);
    return performance.now() - t0;
  };
  const cold = await ask();
  const warms: number[] = [];
  for (let i = 0; i < 7; i++) warms.push(await ask());
  return { cold, warm: [...warms].sort((a, b) => a - b)[Math.floor(warms.length / 2)]! };
}
