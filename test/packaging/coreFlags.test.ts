import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coreProcessFlags } from '../../src/main/host/coreFlags';

const root = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

describe("the core's process runs with the core's V8 flags", () => {
  it('Node starts with them (an unknown flag is refused: "bad option")', () => {
    expect(coreProcessFlags.length).toBeGreaterThan(0);
    const r = spawnSync(process.execPath, [...coreProcessFlags, '-e', '0'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('browser mode and the tests start it with them, before the entry\'s own flags', () => {
    expect(read('src/main/host/coreHost.ts')).toContain('execArgv: [...coreProcessFlags, ...execArgv]');
  });

  it("the desktop app's utility process is started with them", () => {
    expect(read('src/main/shell/electron/app.ts')).toContain('execArgv: [...coreProcessFlags]');
  });

  it('bench sync, whose process is the core, runs with them', () => {
    expect(read('bench/sync.bench.ts')).toContain('nodeFlags: coreProcessFlags');
  });
});
