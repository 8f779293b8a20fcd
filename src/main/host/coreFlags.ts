/**
 * V8 flags the core's process runs with: forkCoreProcess (browser mode, tests) and the desktop's
 * utility process pass them, and `bench sync`, whose process is the core, runs with them
 * (test/packaging/coreFlags.test.ts checks all three). They hold for every thread of the process:
 * the core's, the sync writer's, the read workers'.
 *
 * --heap-growing-percent=50: after each full collection V8 lets the old generation grow to a
 * multiple of what survived before the next one; on a machine with memory to spare that multiple is
 * up to 4. A large sync promotes garbage fast (vendor pages in flight while the writer catches up),
 * so the core's heap, about 25 MB live, reached 100-144 MB between full collections, more on a busy
 * machine (slower collections, a larger multiple), and made the sync's peak RSS (`bench sync`,
 * 350 MB target). At 1.5 it stays near 70 MB. Not a cap: a heap that needs more still grows.
 */
export const coreProcessFlags: readonly string[] = ['--heap-growing-percent=50'];
