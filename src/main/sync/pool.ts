import { cancelledError } from '../vendors/http/limiter';

/**
 * Runs `work` over items with at most `concurrency` in flight, pulling lazily so a year of slices
 * never sits in memory as promises. Stops at the first error (after in-flight items settle).
 */
export async function runPool<T>(items: Iterable<T>, concurrency: number, work: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  const it = items[Symbol.iterator]();
  let failure: unknown = null;
  const worker = async (): Promise<void> => {
    for (;;) {
      if (failure) return;
      if (signal?.aborted) {
        failure ??= cancelledError();
        return;
      }
      const next = it.next();
      if (next.done) return;
      try {
        await work(next.value);
      } catch (e) {
        failure ??= e;
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  if (failure) throw failure;
}
