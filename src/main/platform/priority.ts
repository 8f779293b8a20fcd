import os from 'node:os';
import type { ThreadName } from './threads';

/**
 * How far each of the core's worker threads steps back (a nice value, 0 normal to 19 lowest) so the
 * windows, the shell and the core's own call loop get a CPU first when they want one: the sync
 * writer and the downloads are background work; the reads answer a view someone waits for, so they
 * step back least; the hash takes only what is left.
 */
export const backgroundNice: Record<ThreadName, number> = {
  readThread: 5,
  syncWriterThread: 10,
  downloadThread: 10,
  tailHasherThread: 19,
};

/**
 * The nice value a thread sets for itself at start, or null to leave it as it is. Only on Linux,
 * where a nice value belongs to each thread (setpriority on "process" 0 is the calling thread). On
 * macOS and Windows the same call (libuv's uv_os_setpriority: setpriority, SetPriorityClass) changes
 * the whole core process, which would also slow its call loop, so the threads keep their priority.
 */
export function threadNice(name: ThreadName, platform: NodeJS.Platform = process.platform): number | null {
  return platform === 'linux' ? backgroundNice[name] : null;
}

/**
 * Lowers the calling worker thread's priority as threadNice decides; called first thing by each
 * thread entry. Only ever lowers it (raising needs privileges); a refusal leaves normal priority.
 */
export function stepBackThisThread(name: ThreadName): void {
  const nice = threadNice(name);
  if (nice === null) return;
  try {
    if (os.getPriority(0) < nice) os.setPriority(0, nice);
  } catch {
    // not allowed here (a sandbox, a container's policy): run at the priority it has
  }
}
