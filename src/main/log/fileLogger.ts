import fs from 'node:fs';
import path from 'node:path';
import { redactFields, type Logger, type LogLevel } from './logger';

/** JSON lines in `<dataDir>/logs/console.log`; fields that look like credentials are masked. */
export function createFileLogger(dataDir: string, options: { echo?: boolean } = {}): Logger {
  const dir = path.join(dataDir, 'logs');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'console.log');
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
