import { cancelledError } from '../../../shared/contract/errors';
import { followSignals } from '../../platform/signals';

/**
 * Runs `work` over items with at most `concurrency` in flight, pulling lazily so a year of slices
 * never sits in memory as promises. Stops at the first error: the items in flight are told through
 * the signal `work` receives (so a 503 storm or a hung vendor ends the run at once instead of after
 * every queued request has retried), and that first error, the real cause, is what it throws.
 */
export async function runPool<T>(items: Iterable<T>, concurrency: number, work: (item: T, signal: AbortSignal) => Promise<void>, signal?: AbortSignal): Promise<void> {
  const it = items[Symbol.iterator]();
  const run = followSignals([signal]);
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
        await work(next.value, run.signal);
      } catch (e) {
        failure ??= e;
        run.stop();
        return;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  } finally {
    run.done();
  }
  if (failure) throw failure;
}

/**
 * Runs `tasks` together, like Promise.all, but the first failure stops the others (through the
 * signal each receives) and is what it throws: the real cause, never a sibling's "cancelled".
 */
export async function allOrStop<T extends readonly unknown[]>(tasks: { readonly [K in keyof T]: (signal: AbortSignal) => Promise<T[K]> }, signal?: AbortSignal): Promise<T> {
  const list = tasks as ReadonlyArray<(signal: AbortSignal) => Promise<unknown>>;
  const results: unknown[] = new Array(list.length);
  await runPool(list.keys(), list.length, async (i, stop) => {
    results[i] = await list[i]!(stop);
  }, signal);
  return results as unknown as T;
}
