// Child process for the kill -9 test: opens the cache in the given folder and syncs the
// inventory of the given connection, telling the parent when rows are being written.
import { createHarness } from './harness';

async function main(): Promise<void> {
  const [dir, connectionJson, secret] = process.argv.slice(2) as [string, string, string];
  const h = createHarness({ dir });
  const conn = JSON.parse(connectionJson) as { id: string };
  // The connection row already exists in the shared file; only the secret is handed over.
  await h.ctx.secrets.set(`connection:${conn.id}`, secret);
  const { runIds } = await h.sync.start({ connectionId: conn.id, datasets: ['inventory'], refetchFinal: false });
  const timer = setInterval(() => {
    const building = h.db.prepare("SELECT COUNT(*) n FROM cache_cameras c JOIN sync_snapshots s ON s.id = c.snapshot_id WHERE s.state = 'building'").get() as { n: number };
    if (building.n > 0) process.send?.({ building: building.n });
  }, 20);
  await h.sync.wait(runIds[0]!);
  clearInterval(timer);
  process.send?.({ finished: true });
}

void main();
