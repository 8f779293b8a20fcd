// The shell's event loop, watched while something runs (bench core-host): the longest gap between
// 2 ms ticks, how much of it the shell waited for a CPU (Linux), and its own garbage collections.
import fs from 'node:fs';
import { constants, monitorEventLoopDelay, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

const ms = (v: number) => `${v.toFixed(1)} ms`;

/** The gap before a tick, and how much of it the shell's thread was ready to run but waited for a CPU. */
export interface Gap {
  gap: number;
  waited: number;
  /** Linux: the CPU time (both CPUs) the machine's host took from it around the gap (since a reading at most ~100 ms before it). */
  stolen?: number;
  /** When the gap ended (performance.now()). */
  at?: number;
  /** Linux: the shell's main thread's major page faults in the gap (code or data read back from disk). */
  majorFaults?: number;
}
export const describeGap = (g: Gap) =>
  `gap of ${ms(g.gap)}: the shell waited for a CPU ${ms(g.waited)} of it, ran or slept ${ms(g.gap - g.waited)} (the timer's 2 ms among them)${g.majorFaults ? `, ${g.majorFaults} major page faults among it (the shell's memory read back from disk)` : ''}${g.stolen === undefined ? '' : `; the virtual machine's host took ${ms(g.stolen)} of CPU time from it meanwhile`}`;
/** A stall less the time the shell waited for a CPU in its gap: what the shell's own work, or the timer itself, made late. */
export const notWaiting = (g: Gap) => Math.max(0, g.gap - 2 - g.waited);

/**
 * The shell's loop: the longest gap between 2 ms ticks beyond their due time, while `during` runs;
 * beside it Node's own event-loop delay histogram (max and p99, 1 ms resolution), as a cross-check.
 * `maxBusy` (Linux): the most CPU the shell's main thread itself used between two ticks, which a
 * busy machine does not inflate: a stall much longer than it was a wait for a CPU, not the shell's work.
 * (The kernel adds up a thread's running time at its scheduler ticks, 4 ms apart at HZ 250, and at
 * switches: a gap can be credited with time run in an earlier one, so this is an upper bound.)
 * `worst` (Linux): the longest stall's gap and how much of it the shell waited for a CPU (the kernel
 * counts a wait when the thread gets its CPU, so it falls in the right gap).
 * `ownWorst` (Linux): the gap whose stall was longest once its waits for a CPU are taken out, which a
 * busy machine does not inflate: the shell's own work, or the timer's own lateness.
 */
export async function watchLoop<T>(during: () => Promise<T>): Promise<{ value: T; maxStall: number; maxBusy: number | null; worst: Gap | null; ownWorst: Gap | null; elDelay: string }> {
  // The tick's own code allocates nothing (but the record of a new longest stall): the watcher's garbage
  // would make the shell collect more often than a shell does. Its numbers live in a typed array, as
  // a double kept in a closure's variable is a new heap object each time it changes. (Node's timers
  // themselves allocate about 650 bytes a tick, measured on Node 20: a minor collection every 4-5 s.)
  const sched = mainThreadSchedstat();
  const steal = stealReader();
  const faults = majorFaultReader();
  const LAST = 0, MAX_STALL = 1, MAX_BUSY = 2, RAN = 3, WAITED = 4, OWN_LONGEST = 5, STEAL_AT = 6, FAULTS = 7;
  const s = new Float64Array(8);
  s[LAST] = performance.now();
  s[MAX_BUSY] = -1;
  s[RAN] = sched?.ranMs[0] ?? 0;
  s[WAITED] = sched?.waitedMs[0] ?? 0;
  s[OWN_LONGEST] = -1;
  s[STEAL_AT] = steal?.read() ?? NaN;
  s[FAULTS] = faults?.read() ?? NaN;
  const faultsBefore = s[FAULTS]!;
  let worst: Gap | null = null;
  let ownWorst: Gap | null = null;
  let over10 = 0;
  let ticks = 0;
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  // The shell's own garbage collections: a parallel one makes its thread sleep while V8's helper
  // threads, which may wait for a CPU, do the work (a stall that is neither its work nor its wait).
  const collections: PerformanceEntry[] = [];
  const gcObserver = new PerformanceObserver((list) => void collections.push(...list.getEntries()));
  gcObserver.observe({ entryTypes: ['gc'] });
  const waitedBefore = cpuWait();
  const stolenBefore = s[STEAL_AT]!;
  const t0 = performance.now();
  const tick = setInterval(() => {
    const t = performance.now();
    const stall = t - s[LAST]! - 2;
    if (sched?.read()) {
      const ran = sched.ranMs[0]! - s[RAN]!;
      const waited = sched.waitedMs[0]! - s[WAITED]!;
      const faulted = faults ? faults.read() : NaN;
      const majorFaults = faulted - s[FAULTS]!;
      s[FAULTS] = faulted;
      if (ran > s[MAX_BUSY]!) s[MAX_BUSY] = ran;
      if (stall > s[MAX_STALL]!) worst = { gap: t - s[LAST]!, waited, at: t, ...(Number.isNaN(majorFaults) ? {} : { majorFaults }) };
      if (stall - waited > s[OWN_LONGEST]!) {
        s[OWN_LONGEST] = stall - waited;
        const stolen = stall - waited >= 5 && steal ? steal.read() - s[STEAL_AT]! : NaN;
        ownWorst = { gap: t - s[LAST]!, waited, at: t, ...(Number.isNaN(stolen) ? {} : { stolen }), ...(Number.isNaN(majorFaults) ? {} : { majorFaults }) };
      }
      s[RAN] = sched.ranMs[0]!;
      s[WAITED] = sched.waitedMs[0]!;
    }
    if (stall > s[MAX_STALL]!) s[MAX_STALL] = stall;
    if (stall >= 10) over10++;
    // Every 50th tick (~100 ms): the host's steal so far, for a long stall to compare with.
    if (++ticks % 50 === 0 && steal) s[STEAL_AT] = steal.read();
    s[LAST] = t;
  }, 2);
  try {
    const value = await during();
    const minutes = (performance.now() - t0) / 60_000;
    const waited = cpuWait();
    const wait = waited && waitedBefore ? `; waited for a CPU ${((waited.ms - waitedBefore.ms) / minutes / 600).toFixed(2)}% of the time, ${((waited.ms - waitedBefore.ms) / Math.max(1, waited.slices - waitedBefore.slices)).toFixed(2)} ms per wake-up` : '';
    const maxStall = s[MAX_STALL]!;
    const maxBusy = s[MAX_BUSY]! < 0 ? null : s[MAX_BUSY]!;
    const busy = maxBusy === null ? '' : `; the shell's own work: at most ${ms(maxBusy)} of CPU between two ticks`;
    const stolen = steal ? `; the virtual machine's host took ${(steal.read() - stolenBefore).toFixed(0)} ms of CPU time from it during this` : '';
    const faulted = faults ? `; the shell's major page faults (memory read back from disk): ${(faults.read() - faultsBefore).toFixed(0)}` : '';
    const longestGc = collections.reduce((a, e) => Math.max(a, e.duration), 0);
    const ow = ownWorst as Gap | null;
    const inOwn = ow?.at === undefined ? [] : collections.filter((e) => e.startTime < ow.at! && e.startTime + e.duration > ow.at! - ow.gap);
    const w = worst as Gap | null;
    const inWorst = w?.at === undefined ? [] : collections.filter((e) => e.startTime < w.at! && e.startTime + e.duration > w.at! - w.gap);
    const collected = (es: PerformanceEntry[]) => (es.length ? `collections of ${ms(es.reduce((a, e) => a + e.duration, 0))}` : 'no collection');
    const gcs = `; the shell collected garbage ${collections.length} times (${gcKinds(collections)}), ${ms(collections.reduce((a, e) => a + e.duration, 0))} in all, the longest ${ms(longestGc)}${w ? `; during the longest stall, ${collected(inWorst)}` : ''}${ow ? `; during the longest stall without waits, ${collected(inOwn)}` : ''}`;
    const own = ownWorst ? `; without its waits for a CPU, the longest stall ${ms(notWaiting(ownWorst))} (${describeGap(ownWorst)})` : '';
    return { value, maxStall, maxBusy, worst, ownWorst, elDelay: `event-loop delay max ${ms(histogram.max / 1e6)} p99 ${ms(histogram.percentile(99) / 1e6)}; stalls of 10 ms or more ${(over10 / minutes).toFixed(1)} a minute${wait}${stolen}${faulted}${busy}${worst ? `; the longest stall's ${describeGap(worst)}` : ''}${own}${gcs}` };
  } finally {
    clearInterval(tick);
    histogram.disable();
    gcObserver.disconnect();
  }
}

/** "12 minor, 1 major" (Node's kinds of garbage collection, perf_hooks' constants). */
function gcKinds(entries: PerformanceEntry[]): string {
  const names: Record<number, string> = { [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor', [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major', [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks' };
  const counts = new Map<string, number>();
  for (const e of entries) {
    const kind = names[((e as { detail?: unknown }).detail as { kind?: number } | undefined)?.kind ?? -1] ?? 'other';
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${n} ${k}`).join(', ') || 'none';
}

/**
 * Linux: the time (ms) this process's main thread has run and has waited for a CPU while runnable,
 * so far (/proc schedstat, kept open: one read a tick). `read` parses the digits in place into the
 * two one-number arrays, allocating nothing; false when the file could not be read.
 */
function mainThreadSchedstat(): { read(): boolean; ranMs: Float64Array; waitedMs: Float64Array } | null {
  try {
    const fd = fs.openSync(`/proc/self/task/${process.pid}/schedstat`, 'r');
    const buf = Buffer.alloc(128);
    const fields = [new Float64Array(1), new Float64Array(1)] as const;
    const read = () => {
      const n = fs.readSync(fd, buf, 0, buf.length, 0);
      let field = 0;
      let value = 0;
      for (let i = 0; i < n && field < 2; i++) {
        const c = buf[i]!;
        if (c >= 48 && c <= 57) value = value * 10 + (c - 48);
        else {
          fields[field]![0] = value / 1e6;
          field++;
          value = 0;
        }
      }
      return field === 2;
    };
    if (!read()) return null;
    return { read, ranMs: fields[0], waitedMs: fields[1] };
  } catch {
    return null;
  }
}

/**
 * Linux: the CPU time (ms, both CPUs, 10 ms steps) the virtual machine's host has taken from this
 * machine so far ("steal", the 8th number of /proc/stat's first line): a vCPU the host does not run
 * delays the shell's timer without the shell waiting for a CPU as this machine counts it. `read`
 * parses it in place from a buffer kept for it, allocating nothing. Null when not readable.
 */
function stealReader(): { read(): number } | null {
  try {
    const fd = fs.openSync('/proc/stat', 'r');
    const buf = Buffer.alloc(256);
    const read = () => {
      const n = fs.readSync(fd, buf, 0, buf.length, 0);
      let field = -1; // "cpu" is field -1, user 0, ..., steal 7
      let value = 0;
      let inNumber = false;
      for (let i = 0; i < n; i++) {
        const c = buf[i]!;
        if (c === 10) break;
        if (c >= 48 && c <= 57 && field >= -1) {
          if (!inNumber) {
            inNumber = true;
            field++;
            value = 0;
          }
          value = value * 10 + (c - 48);
        } else if (inNumber) {
          if (field === 7) return value * 10;
          inNumber = false;
        }
      }
      return inNumber && field === 7 ? value * 10 : NaN;
    };
    return Number.isNaN(read()) ? null : { read };
  } catch {
    return null;
  }
}

/**
 * Linux: the major page faults of this process's main thread so far (the 10th number after the
 * name in /proc's stat): each is memory, often the program's own code, that the kernel had dropped
 * and reads back from disk while the thread sleeps; it delays a tick without a wait for a CPU.
 * Parsed in place from a kept buffer, allocating nothing; null when not readable.
 */
function majorFaultReader(): { read(): number } | null {
  try {
    const fd = fs.openSync(`/proc/self/task/${process.pid}/stat`, 'r');
    const buf = Buffer.alloc(1024);
    const read = () => {
      const n = fs.readSync(fd, buf, 0, buf.length, 0);
      let i = buf.lastIndexOf(41, n - 1); // ')' closes the thread's name, which may hold spaces
      if (i < 0) return NaN;
      let field = 0; // the 10th token after the name is majflt
      for (i++; i < n && field < 10; i++) if (buf[i] === 32 && buf[i + 1] !== 32) field++;
      let value = 0;
      for (; i < n && buf[i]! >= 48 && buf[i]! <= 57; i++) value = value * 10 + (buf[i]! - 48);
      return value;
    };
    return Number.isNaN(read()) ? null : { read };
  } catch {
    return null;
  }
}

/** Linux: how long this process's main thread waited for a CPU while runnable, and its time slices (/proc schedstat). */
function cpuWait(): { ms: number; slices: number } | null {
  try {
    const [, waitNs, slices] = fs.readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').trim().split(' ').map(Number);
    return { ms: waitNs! / 1e6, slices: slices! };
  } catch {
    return null;
  }
}

