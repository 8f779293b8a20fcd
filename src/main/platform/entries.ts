import fs from 'node:fs';
import path from 'node:path';

/**
 * The core's separate entry files: its worker threads and its own process. Each is a TypeScript
 * entry (path from src/main) that electron-vite builds to `out/main/<name>.js` next to the main
 * bundle (electron.vite.config.ts reads this table), and that runs from its source under tsx
 * everywhere else (tests, browser mode, benches).
 */
export const builtEntries = {
  syncWriterThread: 'sync/writer/thread.ts',
  downloadThread: 'exports/downloadThread.ts',
  tailHasherThread: 'exports/tailHasherThread.ts',
  readThread: 'reads/thread.ts',
  coreProcess: 'host/coreProcess.ts',
} as const;

export type EntryName = keyof typeof builtEntries;

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
