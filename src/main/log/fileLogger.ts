import fs from 'node:fs';
import path from 'node:path';
import { redactFields, type Logger, type LogLevel } from './logger';

/**
 * The console's processes, each with its own log file, so a user (or support) can tell which part
 * said what: `core.log` the core's process (sync, vendors, the cache, exports, its worker threads),
 * `shell.log` the shell's (the desktop app's main process or the browser-mode server: windows,
 * connections of pages, the core's restarts).
 */
export const logFiles = { core: 'core.log', shell: 'shell.log' } as const;

/** JSON lines in `<dataDir>/logs/<core|shell>.log`; fields that look like credentials are masked. */
export function createFileLogger(dataDir: string, options: { process: keyof typeof logFiles; echo?: boolean }): Logger {
  const dir = path.join(dataDir, 'logs');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, logFiles[options.process]);
  return {
    log(level: LogLevel, message: string, fields?: Record<string, unknown>) {
      const line = JSON.stringify({ t: new Date().toISOString(), level, message, ...redactFields(fields) });
      try {
        fs.appendFileSync(file, line + '\n');
      } catch {
        // A full disk must not turn logging into a crash.
      }
      if (options.echo && level !== 'debug') process.stderr.write(line + '\n');
    },
  };
}
