import path from 'node:path';
import { parseArgs } from 'node:util';
import { CoreHost } from '../../host/coreHost';
import { mediaBasePath } from '../../live/httpMedia';
import { createFileLogger } from '../../log/fileLogger';
import { keepServingOnFailure } from '../../log/processGuard';
import { defaultDataDir } from '../../platform/dataDir';
import { startBrowserServer } from './server';

const usage = 'Usage: npm run serve -- [--port N] [--data-dir DIR] [--no-background-sync]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
      'static-dir': { type: 'string', default: path.resolve('out', 'renderer') },
      'no-background-sync': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535. ${usage}`);
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());

  const log = createFileLogger(dataDir, { process: 'shell' });
  // Bad input or a failed write is reported where it happens; nothing missed there ends browser mode.
  keepServingOnFailure(log);
  // The core runs in its own process, so a heavy read there never holds this server's loop.
  const host = new CoreHost({
    start: { dataDir, shell: 'browser', version: process.env.npm_package_version ?? '0.0.0', shellServices: [], mediaBasePath, backgroundSync: !values['no-background-sync'] },
    log,
  });
  await host.ready();
  const server = await startBrowserServer({ core: host, log, staticDir: values['static-dir'], port });
  console.log(`Retail Ops Console (browser mode) is running. Data folder: ${dataDir}`);
  console.log(`Open: ${server.url}`);

  const stop = async () => {
    await server.close();
    await host.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
