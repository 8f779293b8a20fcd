// Fills a data folder's cache by a real sync of the Demo workspace, in a plain Node process (the
// renderer tests run under happy-dom, whose DOM globals the sync's HTTP and abort code must not see).
import { openDemoCache } from './demoCache';

async function main(): Promise<void> {
  const [dataDir, datasetsJson] = process.argv.slice(2);
  const cache = await openDemoCache({ dataDir: dataDir! });
  await cache.syncAll((datasetsJson ? JSON.parse(datasetsJson) : undefined) ?? undefined);
  await cache.core.close();
  process.stdout.write('synced\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
