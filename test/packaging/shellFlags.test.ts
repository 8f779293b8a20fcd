import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserShellFlags, electronMainJsFlags } from '../../src/main/shell/browser/shellFlags';

const root = path.resolve(__dirname, '../..');

describe("browser mode's server runs with the shell's flags", () => {
  it('npm run serve starts it with each of them', () => {
    const exec = fs
      .readFileSync(path.join(root, 'scripts/serve.sh'), 'utf8')
      .split('\n')
      .find((l) => l.startsWith('exec ') && l.includes('src/main/shell/browser/cli.ts'));
    expect(exec).toBeDefined();
    expect(browserShellFlags.length).toBeGreaterThan(0);
    for (const flag of browserShellFlags) expect(exec!.split(' ')).toContain(flag);
  });

  it('the e2e fixture and bench core-host start the shell with them too', () => {
    expect(fs.readFileSync(path.join(root, 'test/e2e/fixtures.ts'), 'utf8')).toContain('[...browserShellFlags, ');
    expect(fs.readFileSync(path.join(root, 'bench/core-host.bench.ts'), 'utf8')).toContain('nodeFlags: browserShellFlags');
  });

  it("the Linux packages' launcher starts the desktop app's main process with them", () => {
    const builder = JSON.parse(fs.readFileSync(path.join(root, 'electron-builder.json'), 'utf8')) as { linux?: { executableArgs?: string[] } };
    expect(builder.linux?.executableArgs).toContain(electronMainJsFlags);
    for (const flag of browserShellFlags) expect(electronMainJsFlags.split('=').slice(1).join('=').split(' ')).toContain(flag);
  });
});
