// A console-like process: the process guard, a file log, an HTTP server; then an exception nobody
// catches and a rejection nobody awaits. With the guard it keeps answering; without it, it exits.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFileLogger } from '../../../src/main/log/fileLogger';
import { keepServingOnFailure } from '../../../src/main/log/processGuard';

const [dataDir, guarded] = process.argv.slice(2) as [string, string];
const log = createFileLogger(dataDir, { process: 'shell' });
if (guarded === 'guarded') keepServingOnFailure(log);

const server = http.createServer((req, res) => {
  if (req.url === '/throw') {
    setTimeout(() => {
      throw new Error('thrown where nobody catches');
    }, 0);
  } else if (req.url === '/reject') {
    void Promise.reject(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
  }
  res.end('alive');
});
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.on('disconnect', () => process.exit(0));
