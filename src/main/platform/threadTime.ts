import fs from 'node:fs';

/** What the scheduler counted for the calling thread: time on a CPU, and time ready to run but waiting for one. */
export interface ThreadTime {
  cpuMs: number;
  waitMs: number;
}

/**
 * The calling thread's scheduler times, from Linux's /proc/thread-self/schedstat (nanoseconds);
 * null elsewhere. For the benches: a background thread's wait says whether it was starved of CPU.
 */
export function threadTime(): ThreadTime | null {
  try {
    const [cpu, wait] = fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').map(Number);
    return Number.isFinite(cpu) && Number.isFinite(wait) ? { cpuMs: cpu! / 1e6, waitMs: wait! / 1e6 } : null;
  } catch {
    return null;
  }
}

/** `b` - `a`, or null when either is unknown. */
export function threadTimeSince(a: ThreadTime | null, b: ThreadTime | null): ThreadTime | null {
  return a && b ? { cpuMs: b.cpuMs - a.cpuMs, waitMs: b.waitMs - a.waitMs } : null;
}
