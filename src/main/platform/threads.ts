import { Worker, type WorkerOptions } from 'node:worker_threads';
import { entryFile, type EntryName, type LaterEntryName } from './entries';

export type ThreadName = Exclude<EntryName, 'coreProcess' | LaterEntryName>;

/** Starts one of the core's worker threads from its typed entry file (see entries.ts). */
export function startThread(name: ThreadName, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const { file, execArgv } = entryFile(name);
  return new Worker(file, { ...options, execArgv });
}

/** An uncaught error of a thread as a log or an error's detail may keep it: its kind and first words (no stack, no data). */
export function threadErrorText(e: Error): string {
  return `${e.name}: ${e.message}`.slice(0, 300);
}

/** How a thread ended: its exit code and the uncaught error that ended it, if one did. */
export interface ThreadExit {
  code: number;
  error: string | null;
  /** Both in words for a detail: "exit code 1, TypeError: ...". */
  text: string;
}

/** Calls `exited` once `worker` has stopped, with the uncaught error (if any) that the 'error' event told before. */
export function onThreadExit(worker: Worker, exited: (exit: ThreadExit) => void): void {
  let error: Error | null = null;
  worker.on('error', (e) => (error ??= e));
  worker.once('exit', (code) => {
    const text = error ? threadErrorText(error) : null;
    exited({ code, error: text, text: `exit code ${code}${text ? `, ${text}` : ''}` });
  });
}
