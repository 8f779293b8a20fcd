import fs from 'node:fs';
import path from 'node:path';

/**
 * The core's separate entry files: its worker threads, its own process, and the parts of them
 * loaded later (loadEntry). Each is a TypeScript entry (path from src/main) that electron-vite
 * builds to `out/main/<name>.js` next to the main bundle (electron.vite.config.ts reads this table),
 * and that runs from its source under tsx everywhere else (tests, browser mode, benches).
 */
export const builtEntries = {
  syncWriterThread: 'sync/writer/thread.ts',
  downloadThread: 'exports/downloadThread.ts',
  tailHasherThread: 'exports/tailHasherThread.ts',
  readThread: 'reads/thread.ts',
  coreProcess: 'host/coreProcess.ts',
  core: 'compose.ts',
  readOps: 'reads/ops.ts',
} as const;

export type EntryName = keyof typeof builtEntries;

/** The entries that are modules loaded later by another entry, not started by themselves. */
export type LaterEntryName = 'core' | 'readOps';

/**
 * Where an entry is and how Node runs it. Built (the desktop app, `out/main`): the file electron-vite
 * built next to this bundle. From sources (vitest, browser mode and benches under tsx): the `.ts`
 * entry itself, through tsx's CommonJS hook (`--require tsx/cjs`; Node 20's `--import` hooks do not
 * reach a worker's first module), so tests run exactly the code that ships, without a build first.
 */
export function entryFile(name: EntryName): { file: string; execArgv: string[] } {
  if (path.extname(__filename) === '.ts') {
    return { file: path.resolve(__dirname, '..', builtEntries[name]), execArgv: ['--require', require.resolve('tsx/cjs')] };
  }
  // This module sits in the bundle's entry (out/main) or in one of its shared chunks (out/main/chunks).
  for (const dir of [__dirname, path.dirname(__dirname)]) {
    const file = path.join(dir, `${name}.js`);
    if (fs.existsSync(file)) return { file, execArgv: [] };
  }
  throw new Error(`The console's ${name} is missing from its build (${name}.js next to ${__dirname}).`);
}

/**
 * Loads a part of the core when it is first needed rather than with the file that needs it, so what
 * comes before it does not wait for it: the core's process starts the estate's read worker before
 * it loads the core, and a read worker answers the kept first screen before it loads its services.
 * Not an `import()`: tsx, which runs the sources in tests, cannot load TypeScript through one in a
 * worker thread; a require of the entry's own file works built and from sources alike.
 */
export function loadEntry<T>(name: LaterEntryName): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file chosen at run time (see above)
  return require(entryFile(name).file) as T;
}
