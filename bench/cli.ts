// What the benches share from their command line and from the simulator child (bench/sync/simChild.ts).

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
