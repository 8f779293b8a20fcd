import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * Runs a bench's main where the real keychain works: as it is inside a session bus, else this same
 * bench file again in a child under scripts/with-keyring.sh. `exitWhenDone`: end the process after
 * main (for benches that leave handles open). `nodeFlags`: Node or V8 flags this process must run
 * with (the shell's own, for a bench whose process is the shell): it runs again with them if not.
 */
export function runInKeyring(benchFile: string, main: () => Promise<void>, options: { exitWhenDone?: boolean; nodeFlags?: readonly string[] } = {}): void {
  const missing = (options.nodeFlags ?? []).filter((f) => !process.execArgv.includes(f));
  const inKeyring = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS || process.env.ROC_BENCH_IN_KEYRING);
  if (!inKeyring || missing.length > 0) {
    const node = [process.execPath, ...missing, ...process.execArgv, benchFile, ...process.argv.slice(2)];
    const r = inKeyring
      ? spawnSync(node[0]!, node.slice(1), { stdio: 'inherit' })
      : spawnSync('bash', [path.join(__dirname, '../scripts/with-keyring.sh'), ...node], {
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
