// Benchmark of the vendor simulator on the large estate (5,000 stores, 40,000 cameras):
// requests per second it serves for the inventory and KPI endpoints, measured from a separate
// client process over loopback (the simulator runs in a child process of this script).
//
//   npx tsx bench/simulator.bench.ts
//
// Prints lines `bench <name>: <value> <unit> (target <target>)`.

import { fork, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';

const DURATION_MS = Number(process.env.BENCH_SIM_DURATION_MS ?? 3000);
const WARMUP_MS = 400;

interface Ready {
  url: string;
  genMs: number;
  heapMb: number;
  cameraCursors: string[];
  flowCodes: string[];
  exterosNames: string[];
  creds: { rnAuth: string; flowKey: string; exterosKey: string };
}

async function serve(): Promise<void> {
  const { generateEstate } = await import('../src/simulator/estate/generate');
  const { startSimulator } = await import('../src/simulator/index');
  const started = performance.now();
  const estate = generateEstate(1, 'large');
  const genMs = performance.now() - started;
  global.gc?.();
  const heapMb = process.memoryUsage().heapUsed / 1e6;
  const sim = await startSimulator({ estate });
  const c = sim.credentials;
  const ready: Ready = {
    url: sim.url,
    genMs,
    heapMb,
    cameraCursors: estate.cameras.filter((_, i) => i % 100 === 0).map((cam) => cam.device_id),
    flowCodes: estate.stores.map((s) => s.flowCode),
    exterosNames: estate.stores.map((s) => s.exterosName),
    creds: {
      rnAuth: 'Basic ' + Buffer.from(`${c.retailnext.accessKey}:${c.retailnext.secretKey}`).toString('base64'),
      flowKey: c.flow.apiKey,
      exterosKey: c.exteros.apiKey,
    },
  };
  process.send?.(ready);
  process.on('disconnect', () => void sim.close().then(() => process.exit(0)));
}

interface Req {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

function send(agent: Agent, base: string, r: Req): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${r.path}`, { method: r.method, headers: r.headers, agent }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(r.body);
  });
}

/** Run `concurrency` request loops for the duration; requests/second of 200 answers. */
async function load(base: string, concurrency: number, next: (i: number) => Req): Promise<{ rps: number; errors: Map<number, number> }> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const errors = new Map<number, number>();
  let counter = 0;
  let ok = 0;
  let measuring = false;
  const warmEnd = performance.now() + WARMUP_MS;
  const end = warmEnd + DURATION_MS;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const now = performance.now();
        if (now >= end) return;
        if (!measuring && now >= warmEnd) measuring = true;
        const counted = measuring;
        const status = await send(agent, base, next(counter++));
        if (status === 200) {
          if (counted) ok++;
        } else errors.set(status, (errors.get(status) ?? 0) + 1);
      }
    }),
  );
  agent.destroy();
  return { rps: ok / (DURATION_MS / 1000), errors };
}

function report(name: string, value: number, unit: string, target: number, errors?: Map<number, number>): void {
  console.log(`bench ${name}: ${Math.round(value)} ${unit} (target ${target})`);
  if (errors && errors.size > 0) console.error(`  (${name}: non-200 answers ${JSON.stringify(Object.fromEntries(errors))})`);
}

async function main(): Promise<void> {
  const child: ChildProcess = fork(__filename, ['--serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [...process.execArgv, '--expose-gc'] });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Ready));
    child.once('exit', (code) => reject(new Error(`simulator process exited (${code})`)));
  });
  try {
    report('simulator-estate-generate', ready.genMs, 'ms', 3000);
    report('simulator-estate-heap', ready.heapMb, 'MB', 400);
    const base = ready.url;

    // Inventory: camera pages of 100, walked through the whole estate, 3 at a time (the documented limit).
    const inv = await load(base, 3, (i) => {
      const cursor = ready.cameraCursors[i % ready.cameraCursors.length]!;
      return { method: 'GET', path: '/retailnext/demo/v1/inventory/cameras', headers: { authorization: ready.creds.rnAuth, 'x-page-start': cursor } };
    });
    report('simulator-inventory', inv.rps, 'req/s', 2000, inv.errors);

    // Flow: 20 stores per request (the documented maximum), a different day of the past year each time.
    const stores = ready.flowCodes;
    const flow = await load(base, 8, (i) => {
      const first = (i * 20) % (stores.length - 20);
      const date = new Date(Date.UTC(2025, 5, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10);
      return {
        method: 'POST',
        path: '/flow/rest/kpis/hourly',
        headers: { 'content-type': 'application/json', 'x-secret-key': ready.creds.flowKey },
        body: JSON.stringify({ date, storeCodes: stores.slice(first, first + 20) }),
      };
    });
    report('simulator-flow-hourly', flow.rps, 'req/s', 500, flow.errors);

    // Exteros: one location and day per request, rotating metric and interval.
    const metrics = ['impression-counts', 'discovery-counts', 'engagement-counts', 'interaction-counts'];
    const intervals = ['hour', 'hour', '15min', 'day'];
    const names = ready.exterosNames;
    const ext = await load(base, 8, (i) => {
      const date = new Date(Date.UTC(2025, 5, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10);
      return {
        method: 'GET',
        path: `/exteros/v1/traffic/${metrics[i % 4]}/${encodeURIComponent(names[(i * 7) % names.length]!)}/${date}?interval=${intervals[(i >> 2) % 4]}`,
        headers: { authorization: ready.creds.exterosKey },
      };
    });
    report('simulator-exteros-counts', ext.rps, 'req/s', 2000, ext.errors);
  } finally {
    child.disconnect();
    await new Promise((r) => child.once('exit', r));
  }
}

if (process.argv.includes('--serve')) {
  serve().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
} else {
  main().catch((e: unknown) => {
    console.error(`bench simulator failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
