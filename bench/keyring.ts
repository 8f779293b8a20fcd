import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * Runs a bench's main where the real keychain works: as it is inside a session bus, else this same
 * bench file again in a child under scripts/with-keyring.sh. `exitWhenDone`: end the process after
 * main (for benches that leave handles open).
 */
export function runInKeyring(benchFile: string, main: () => Promise<void>, options: { exitWhenDone?: boolean } = {}): void {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS && !process.env.ROC_BENCH_IN_KEYRING) {
    const r = spawnSync('bash', [path.join(__dirname, '../scripts/with-keyring.sh'), process.execPath, ...process.execArgv, benchFile, ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...process.env, ROC_BENCH_IN_KEYRING: '1' },
    });
    process.exit(r.status ?? 1);
  }
  main().then(
    () => {
      if (options.exitWhenDone) process.exit(0);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
