/**
 * Node and V8 flags browser mode's server, the shell, runs with: scripts/serve.sh passes them to its
 * process (test/packaging/shellFlags.test.ts checks it), as do the e2e fixture and `bench core-host`.
 *
 * --no-memory-reducer: V8's memory reducer gives a heap that has stopped growing back to the system
 * with full collections, several seconds apart, in the first half minute after start. In the shell
 * (a 12 MB heap) each took 10-17 ms of its loop when the CPUs were busy (bench core-host, a large sync
 * started soon after the server): more than the 10 ms a window may wait, to give back a few MB.
 * Collections when the heap grows still run as before.
 */
export const browserShellFlags: readonly string[] = ['--no-memory-reducer'];

/**
 * The same V8 flags for the desktop app's main process, the desktop's shell. Electron gives its main
 * process V8 flags only from its own command line (`--js-flags`; setting them once running is too
 * late: V8 made its memory reducer at start), so the Linux packages' launcher passes them
 * (electron-builder.json, linux.executableArgs, written into the .desktop entry). Started some
 * other way (the AppImage run directly, macOS, Windows), it runs without them.
 */
export const electronMainJsFlags = `--js-flags=${browserShellFlags.join(' ')}`;
