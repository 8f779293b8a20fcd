// `npm run sim [-- --port 4010 --seed 7 --scale demo|large]`: run the simulator until Ctrl-C.

import { DEFAULT_SEED, startSimulator } from './index';

function parseArgs(argv: string[]): { port: number; seed: number; scale: 'demo' | 'large' } {
  const out = { port: 4010, seed: DEFAULT_SEED, scale: 'demo' as 'demo' | 'large' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? arg.split('=', 2) : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--port') out.port = Number(value());
    else if (flag === '--seed') out.seed = Number(value());
    else if (flag === '--scale') {
      const v = value();
      if (v !== 'demo' && v !== 'large') throw new Error('--scale is demo or large');
      out.scale = v;
    } else if (flag === '--help' || flag === '-h') {
      console.log('usage: npm run sim -- [--port 4010 (0 = random)] [--seed N] [--scale demo|large]');
      process.exit(0);
    } else throw new Error(`unknown option ${arg} (try --help)`);
  }
  if (!Number.isInteger(out.port) || out.port < 0 || out.port > 65535) throw new Error('--port must be 0-65535');
  if (!Number.isInteger(out.seed)) throw new Error('--seed must be an integer');
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const sim = await startSimulator(args);
  const c = sim.credentials;
  const e = sim.estate;
  const lines = [
    `Vendor simulator (demo data) on ${sim.url}  [seed ${e.seed}, ${args.scale}: ${e.stores.length} stores, ${e.cameras.length} cameras, ready in ${Date.now() - started} ms]`,
    '',
    `RetailNext  ${sim.baseUrls.retailnext}`,
    `            subscription ${c.retailnext.subscription}, access key ${c.retailnext.accessKey}, secret key ${c.retailnext.secretKey} (HTTP basic auth)`,
    `Flow        ${sim.baseUrls.flow}   (POST /kpis/hourly)`,
    `            X-Secret-Key: ${c.flow.apiKey}   store codes ${c.flow.storeCodes.slice(0, 5).join(', ')}${c.flow.storeCodes.length > 5 ? `, ... (${c.flow.storeCodes.length})` : ''}`,
    `Exteros     ${sim.baseUrls.exteros}   (GET /v1/locations)`,
    `            Authorization: ${c.exteros.apiKey}`,
    '',
    `Faults: POST/DELETE ${sim.url}/__sim/faults   e.g. {"vendor":"retailnext","endpoint":"/v1/inventory","kind":"status429","count":3}`,
    'Ctrl-C to stop.',
  ];
  console.log(lines.join('\n'));
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`simulator: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
