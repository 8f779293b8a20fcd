import type * as Undici from 'undici';

/**
 * undici, loaded at the first vendor request rather than with every file that may send one: it was
 * about 70 ms of the core process's start and of the read worker's, neither of which needs it to
 * answer its first calls. Node keeps the module once loaded.
 */
export function undici(): typeof Undici {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a module loaded when first needed (see above)
  return require('undici') as typeof Undici;
}

/**
 * Loads undici ahead of the first request, in a callback of its own (70-130 ms on a busy machine):
 * left to the first request, that load lands in the turn that also builds and sends it, the
 * longest stall of a sync. Resolves once loaded. Its caller keeps the promise (the sync service, once
 * per service), so that a second warm-up waits for the first.
 */
export function warmUndici(): Promise<void> {
  return new Promise<void>((resolve) =>
    setImmediate(() => {
      try {
        undici();
      } catch {
        // the first request reports it in words
      }
      resolve();
    }),
  );
}
