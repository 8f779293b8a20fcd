import fs from 'node:fs';
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

/**
 * How far the core's whole process steps back below the shell and the windows: a little, so that a
 * window or Electron's main process waking up gets a CPU before the core's sync work, while the
 * core's call loop still comes before its own background threads (5 and more). Measured with
 * `bench core-host` (the same small sync, 4 against 0, back to back): the shell waited for a CPU
 * less and app.info's p99 did not grow.
 */
export const coreProcessNiceValue = 4;

/**
 * How far the helper threads Node runs in the core's process step back: V8's (four by default),
 * which collect garbage and compile beside the loops. They are unnamed, so they carry the process's
 * own name. They run in bursts, several at once; at the call loop's nice 4 they outweighed the
 * shell on 2 CPUs and ran whole 4 ms scheduler ticks while it waited. In `bench core-host`'s sync
 * (perf sched over two runs), they were 45% and 36% of what ran while the shell waited 2 ms or more
 * for a CPU held by the console's own threads, though each used under 2 s of the sync's 3 minutes.
 * At the sync writer's value they still get a CPU, so the loop they work for is not left waiting.
 */
export const platformThreadsNiceValue = 10;

/**
 * The nice values the core process sets at start, or null to leave them. Linux only, where each
 * thread has its own: the call loop (this thread) and the threads it starts later inherit
 * `process`; the helper threads already running with the process's name (Node's, V8's) take
 * `helpers`; a thread the runtime named (Electron's IPC and task threads) takes `process` too, so
 * that messages to and from the windows are not slowed. Linux desktops share the CPU between sessions first
 * (autogroup, cgroups), so it mostly ranks the console's own processes. On macOS it would lower the
 * whole process against every other program, call loop included; on Windows libuv maps nice 0-9 to
 * the NORMAL class anyway. There the core stays at normal.
 */
export function coreProcessNice(platform: NodeJS.Platform = process.platform): { process: number; helpers: number } | null {
  return platform === 'linux' ? { process: coreProcessNiceValue, helpers: platformThreadsNiceValue } : null;
}

/** Steps the core's process back as coreProcessNice decides; called first thing by the core process. */
export function stepBackCoreProcess(): void {
  const nice = coreProcessNice();
  if (nice === null) return;
  const comm = (tid: number | string) => {
    try {
      return fs.readFileSync(`/proc/self/task/${tid}/comm`, 'utf8');
    } catch {
      return null;
    }
  };
  let threads: number[];
  try {
    threads = fs.readdirSync('/proc/self/task').map(Number);
  } catch {
    threads = [0];
  }
  const ownName = comm(process.pid);
  for (const tid of threads) {
    const value = tid !== process.pid && tid !== 0 && ownName !== null && comm(tid) === ownName ? nice.helpers : nice.process;
    try {
      if (os.getPriority(tid) < value) os.setPriority(tid, value);
    } catch {
      // ended meanwhile, or not allowed here: that thread keeps its priority
    }
  }
}
