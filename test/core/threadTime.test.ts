import { describe, expect, it } from 'vitest';
import { threadTime, threadTimeSince } from '../../src/main/platform/threadTime';

describe("a thread's scheduler times (benches)", () => {
  it.skipIf(process.platform !== 'linux')('counts the CPU time this thread spends, and not the time it sleeps', async () => {
    const before = threadTime();
    const t0 = performance.now();
    let x = 0;
    while (performance.now() - t0 < 60) x += Math.sqrt(x + 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const spent = threadTimeSince(before, threadTime());
    expect(x).toBeGreaterThan(0);
    // The 60 ms busy were spent on a CPU or waiting for one (on a loaded machine mostly waiting:
    // 18 ms on a CPU was seen at load 16); the 100 ms asleep are neither.
    expect(spent!.cpuMs).toBeGreaterThan(0);
    expect(spent!.waitMs).toBeGreaterThanOrEqual(0);
    expect(spent!.cpuMs + spent!.waitMs).toBeGreaterThan(45);
    expect(spent!.cpuMs).toBeLessThan(60 + 50);
  });

  it('is unknown when either end is', () => {
    expect(threadTimeSince(null, { cpuMs: 1, waitMs: 1 })).toBeNull();
    expect(threadTimeSince({ cpuMs: 1, waitMs: 2 }, { cpuMs: 4, waitMs: 7 })).toEqual({ cpuMs: 3, waitMs: 5 });
  });
});
