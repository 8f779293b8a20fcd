import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp';

const root = path.join(import.meta.dirname, '..', '..');

/** The two runners' JSON reports as written by `npm test`, one test failed in each. */
function reports(dir: string): [string, string] {
  const vitest = {
    numPassedTests: 2,
    numFailedTests: 1,
    numPendingTests: 1,
    testResults: [
      {
        name: path.join(root, 'test/host/coreHost.test.ts'),
        status: 'failed',
        message: '',
        assertionResults: [
          { fullName: 'core host answers', status: 'passed', failureMessages: [] },
          { fullName: 'core host a crash mid-answer', status: 'failed', failureMessages: ['\u001b[31mAssertionError: expected true to be false\u001b[39m\n    at coreHost.test.ts:252:7'] },
        ],
      },
      { name: path.join(root, 'test/sync/sync.test.ts'), status: 'passed', message: '', assertionResults: [{ fullName: 'syncs', status: 'passed', failureMessages: [] }] },
    ],
  };
  const playwright = {
    stats: { expected: 1, flaky: 0, unexpected: 1, skipped: 0 },
    suites: [
      {
        title: 'stores.spec.ts',
        file: 'stores.spec.ts',
        specs: [
          { title: 'finds a store', file: 'stores.spec.ts', line: 4, tests: [{ expectedStatus: 'passed', results: [{ status: 'passed', errors: [] }] }] },
          { title: 'its devices', file: 'stores.spec.ts', line: 30, tests: [{ expectedStatus: 'passed', results: [{ status: 'timedOut', errors: [{ message: 'Test timeout of 90000ms exceeded.' }] }] }] },
        ],
      },
    ],
  };
  const vitestFile = path.join(dir, 'vitest.json');
  const playwrightFile = path.join(dir, 'playwright.json');
  fs.writeFileSync(vitestFile, JSON.stringify(vitest));
  fs.writeFileSync(playwrightFile, JSON.stringify(playwright));
  return [vitestFile, playwrightFile];
}

describe('the test summary at the end of npm test', () => {
  it('names each failed test with the first lines of its error, just before the closing line (CI keeps only the tail)', () => {
    const run = spawnSync(process.execPath, [path.join(root, 'scripts/summarise-tests.mjs'), ...reports(tempDir('roc-summary-'))], { encoding: 'utf8', cwd: root });
    const lines = run.stdout.trim().split('\n');
    expect(lines.at(-1)).toBe('tests: 3 passed, 2 failed, 1 skipped');
    expect(lines.slice(0, -1)).toEqual([
      'FAILED test/host/coreHost.test.ts > core host a crash mid-answer',
      '    AssertionError: expected true to be false',
      '        at coreHost.test.ts:252:7',
      'FAILED stores.spec.ts:30 > its devices',
      '    Test timeout of 90000ms exceeded.',
    ]);
  });
});
