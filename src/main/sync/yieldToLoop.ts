/** Lets timers and I/O run between chunks of synchronous SQLite work. */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
