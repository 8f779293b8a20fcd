import type { Worker } from 'node:worker_threads';
import { startThread } from '../platform/threads';
import type { ReadThreadData } from './protocol';

/** A read worker that is loading, and why it is gone if it ended before its lane took it. */
export interface StartedReadThread {
  worker: Worker;
  gone(): Error | null;
}

/**
 * Starts a read worker (thread.ts). Light on purpose: the core's process calls it before it loads
 * the rest of the core, so the worker's own load overlaps the core's, and the lane takes it once the
 * cache is open (ReadsOptions.started). Until then what becomes of the worker is only noted here.
 */
export function startReadThread(data: ReadThreadData): StartedReadThread {
  const worker = startThread('readThread', { workerData: data });
  // The thread must not keep the core alive on its own (tests, a shell that forgets to close).
  worker.unref();
  let gone: Error | null = null;
  worker.on('error', (e) => (gone ??= e));
  worker.on('exit', (code) => (gone ??= new Error(`exit ${code}`)));
  return { worker, gone: () => gone };
}
