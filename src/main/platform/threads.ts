import { Worker, type WorkerOptions } from 'node:worker_threads';
import { entryFile, type EntryName, type LaterEntryName } from './entries';

export type ThreadName = Exclude<EntryName, 'coreProcess' | LaterEntryName>;

/** Starts one of the core's worker threads from its typed entry file (see entries.ts). */
export function startThread(name: ThreadName, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const { file, execArgv } = entryFile(name);
  return new Worker(file, { ...options, execArgv });
}
