import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
let child: ChildProcess | undefined;
afterEach(() => {
  if (child?.pid && child.exitCode === null) child.kill('SIGTERM');
});

describe('npm run sim (src/simulator/cli.ts)', () => {
  it('prints each vendor base URL and the demo credentials, serves them, and stops on SIGTERM', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'src/simulator/cli.ts', '--port', '0', '--seed', '5'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    await new Promise<void>((done, fail) => {
      child!.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('Ctrl-C')) done();
      });
      child!.once('exit', (code) => fail(new Error(`cli exited early (${code}): ${out}`)));
    });
    const rn = /RetailNext\s+(http:\/\/127\.0\.0\.1:\d+\/retailnext\/demo)/.exec(out)?.[1];
    const flow = /Flow\s+(http:\/\/127\.0\.0\.1:\d+\/flow\/rest)/.exec(out)?.[1];
    const ext = /Exteros\s+(http:\/\/127\.0\.0\.1:\d+\/exteros)/.exec(out)?.[1];
    expect(rn && flow && ext).toBeTruthy();
    expect(out).toContain('DEMO-ACCESS-KEY');
    expect(out).toContain('demo-secret-key');
    expect(out).toContain('demo-flow-api-key');
    expect(out).toContain('demo-exteros-api-key');
    const res = await fetch(`${ext}/v1/locations`, { headers: { authorization: 'demo-exteros-api-key' } });
    expect(res.status).toBe(200);
    const basic = 'Basic ' + Buffer.from('DEMO-ACCESS-KEY:demo-secret-key').toString('base64');
    expect((await fetch(`${rn}/v1/location`, { headers: { authorization: basic, 'x-page-length': '1' } })).status).toBe(206);
    const exit = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });

  it('refuses an unknown option', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'src/simulator/cli.ts', '--colour', 'blue'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((r) => child!.once('exit', (c) => r(c)));
    expect(code).toBe(1);
    expect(err).toContain('unknown option --colour');
  });
});
