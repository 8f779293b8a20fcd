import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';

const run = promisify(execFile);

/**
 * undici is about 70 ms of loading: neither the core process nor a read worker needs it to answer
 * their first calls, so it loads with the first vendor request, not with their code. Checked in a
 * fresh Node process (the modules it has loaded are its own), running the sources as the tests do.
 */
describe('undici loads with the first vendor request', () => {
  const probe = `
    import http from 'node:http';
    import path from 'node:path';
    const loaded = () => Object.keys(require.cache).some((k) => k.includes(\`\${path.sep}node_modules\${path.sep}undici\${path.sep}\`));
    require('../src/main/compose');
    require('../src/main/reads/ops');
    const withCode = loaded();
    const { httpRequest } = require('../src/main/vendors/http/client');
    const { HttpPools } = require('../src/main/vendors/http/pools');
    const server = http.createServer((_req, res) => res.end('{}')).listen(0, '127.0.0.1', async () => {
      const pools = new HttpPools();
      const { port } = server.address() as { port: number };
      const res = await httpRequest({ vendor: 'Probe', what: 'answer', method: 'GET', url: \`http://127.0.0.1:\${port}/\`, pools, retry: 'none' });
      console.log(JSON.stringify({ withCode, status: res.status, afterRequest: loaded() }));
      await pools.close();
      server.close();
    });
  `;

  it('not with the core and the read operations; with the first request', async () => {
    // The probe lives in the checkout's .tmp so tsx loads the modules as the console does (CommonJS).
    fs.mkdirSync('.tmp', { recursive: true });
    const script = path.resolve('.tmp', `undici-probe-${process.pid}.ts`);
    fs.writeFileSync(script, probe);
    onTestFinished(() => fs.rmSync(script, { force: true }));
    const { stdout } = await run(path.resolve('node_modules/.bin/tsx'), [script], { timeout: 60_000 });
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({ withCode: false, status: 200, afterRequest: true });
  });
});
