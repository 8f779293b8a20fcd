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

  /** Runs `source` in a fresh process; its last line of output, parsed. */
  async function probeRun(name: string, source: string): Promise<unknown> {
    // The probe lives in the checkout's .tmp so tsx loads the modules as the console does (CommonJS).
    fs.mkdirSync('.tmp', { recursive: true });
    const script = path.resolve('.tmp', `${name}-${process.pid}.ts`);
    fs.writeFileSync(script, source);
    onTestFinished(() => fs.rmSync(script, { force: true }));
    const { stdout } = await run(path.resolve('node_modules/.bin/tsx'), [script], { timeout: 60_000 });
    return JSON.parse(stdout.trim().split('\n').at(-1)!);
  }

  it('not with the core and the read operations; with the first request', async () => {
    expect(await probeRun('undici-probe', probe)).toEqual({ withCode: false, status: 200, afterRequest: true });
  });

  // The sync's service loads it in an idle moment after its writer is ready, in a callback of its
  // own: not while the service is built (the core's start), not in the turn of a sync's first request.
  const warmProbe = `
    import path from 'node:path';
    const loaded = () => Object.keys(require.cache).some((k) => k.includes(\`\${path.sep}node_modules\${path.sep}undici\${path.sep}\`));
    const { createHarness } = require('../test/sync/helpers/harness');
    (async () => {
      const h = createHarness({ warmHttpAfterMs: 0 });
      const whenBuilt = loaded();
      await h.sync.ready;
      const whenReady = loaded();
      await h.sync.httpWarm;
      const afterWarm = loaded();
      await h.close();
      console.log(JSON.stringify({ whenBuilt, whenReady, afterWarm }));
    })();
  `;

  it('the sync service loads it once its writer is ready, before any request', async () => {
    expect(await probeRun('undici-warm-probe', warmProbe)).toEqual({ whenBuilt: false, whenReady: false, afterWarm: true });
  });
});
