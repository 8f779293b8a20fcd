import fs from 'node:fs';
import path from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { threadEntries, type ThreadName } from './threadEntries';

/**
 * Starts one of the core's worker threads from its typed entry file.
 *
 * Built (the desktop app, `out/main`): the entry electron-vite built next to this bundle. From
 * sources (vitest, browser mode and benches under tsx): the `.ts` entry itself, loaded through
 * tsx's CommonJS hook (`--require tsx/cjs`; Node 20's `--import` hooks do not reach a worker's
 * first module), so tests run exactly the code that ships, without a build first.
 */
export function startThread(name: ThreadName, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const { file, execArgv } = threadEntry(name);
  return new Worker(file, { ...options, execArgv });
}

export function threadEntry(name: ThreadName): { file: string; execArgv: string[] } {
  if (path.extname(__filename) === '.ts') {
    return { file: path.resolve(__dirname, '..', threadEntries[name]), execArgv: ['--require', require.resolve('tsx/cjs')] };
  }
  // This module sits in the bundle's entry (out/main) or in one of its shared chunks (out/main/chunks).
  for (const dir of [__dirname, path.dirname(__dirname)]) {
    const file = path.join(dir, `${name}.js`);
    if (fs.existsSync(file)) return { file, execArgv: [] };
  }
  throw new Error(`The console's ${name} is missing from its build (${name}.js next to ${__dirname}).`);
}
