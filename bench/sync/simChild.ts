// The simulator in its own process, so the benchmark measures only the core's event loop.
// On 'close' it reports the CPU time it used, so the bench can say whether it was the bottleneck.
import { startSimulator } from '../../src/simulator';

async function main(): Promise<void> {
  const scale = (process.argv[2] ?? 'large') as 'demo' | 'large';
  const latencyMs = Number(process.argv[3] ?? 50);
  // Optional: a pinned clock (ISO instant), and 'every-store-limited' to give each store an occupancy limit.
  const pinned = process.argv[4] ? new Date(process.argv[4]) : null;
  const sim = await startSimulator({ seed: 20240601, scale, ...(pinned ? { now: () => new Date(pinned.getTime()) } : {}) });
  if (process.argv[5] === 'every-store-limited') for (const [i, s] of sim.estate.stores.entries()) s.occupancy_limit ??= 20 + (i % 30) * 5;
  if (latencyMs > 0) sim.faults.set({ id: 'bench-latency', vendor: '*', kind: 'latency', ms: latencyMs });
  const e = sim.estate;
  const cpuAtReady = process.cpuUsage();
  process.send?.({
    baseUrls: sim.baseUrls,
    credentials: sim.credentials,
    counts: { stores: e.stores.length, cameras: e.cameras.length, channels: e.channels.length, appliances: e.appliances.length, users: e.users.length, locations: e.regions.length + e.stores.length + e.sublocations.length },
  });
  process.on('message', (m) => {
    if (m === 'cpu') {
      const cpu = process.cpuUsage(cpuAtReady);
      process.send?.({ cpuMs: (cpu.user + cpu.system) / 1000 });
    }
    if (m === 'close') void sim.close().then(() => process.exit(0));
  });
  // Never outlive the bench.
  process.on('disconnect', () => process.exit(0));
}

void main();
