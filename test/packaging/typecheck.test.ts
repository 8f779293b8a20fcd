import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp';

const root = path.join(import.meta.dirname, '..', '..');
const scripts = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** A TypeScript project of one file with one type error, named after it. */
function brokenProject(dir: string, name: string): string {
  fs.writeFileSync(path.join(dir, `${name}.ts`), `export const ${name}: number = 'not a number';\n`);
  const config = path.join(dir, `${name}.json`);
  fs.writeFileSync(config, JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: [] }, files: [`${name}.ts`] }));
  return config;
}

describe('npm run typecheck', () => {
  it('checks every project even when the first fails, names the failed ones, and fails', () => {
    const dir = tempDir('roc-typecheck-');
    const run = spawnSync(process.execPath, [path.join(root, 'scripts/typecheck.mjs'), brokenProject(dir, 'first'), brokenProject(dir, 'second')], { encoding: 'utf8' });
    const out = run.stdout + run.stderr;
    expect(run.status).toBe(1);
    expect(out).toMatch(/first\.ts.*error TS2322/);
    expect(out).toMatch(/second\.ts.*error TS2322/);
    expect(out).toContain('typecheck failed in 2 of 2 projects');
   }, 120_000); // two runs of tsc: 3 s on a quiet machine, 50 s seen at load 16

  it("runs the script over each of the repository's projects, the editors' one over everything included", () => {
    const projects = fs.readdirSync(root).filter((f) => /^tsconfig\..+\.json$/.test(f) && f !== 'tsconfig.base.json');
    expect(scripts.typecheck).toBe(`node scripts/typecheck.mjs ${['tsconfig.node.json', 'tsconfig.web.json', 'tsconfig.shell.json', 'tsconfig.test-dom.json', 'tsconfig.json'].join(' ')}`);
    expect(projects.sort()).toEqual(['tsconfig.node.json', 'tsconfig.shell.json', 'tsconfig.test-dom.json', 'tsconfig.web.json']);
    expect(fs.existsSync(path.join(root, 'tsconfig.json'))).toBe(true);
  });
});
