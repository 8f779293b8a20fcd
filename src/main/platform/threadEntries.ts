/**
 * The core's worker threads: each is a TypeScript entry file (path from src/main) that
 * electron-vite builds to `out/main/<name>.js` next to the core's bundle (electron.vite.config.ts
 * reads this table), and that runs from its source under tsx everywhere else (tests, browser mode,
 * benches). See threads.ts.
 */
export const threadEntries = {
  syncWriterThread: 'sync/writer/thread.ts',
  downloadThread: 'exports/downloadThread.ts',
  tailHasherThread: 'exports/tailHasherThread.ts',
} as const;

export type ThreadName = keyof typeof threadEntries;
