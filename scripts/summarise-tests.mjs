// Prints one closing line over the vitest and Playwright JSON reports: "tests: N passed, N failed, N skipped",
// after the name and first lines of each failed test: CI keeps only the tail of the output, so the failures
// must be at the end to be read.
import fs from 'node:fs';
import path from 'node:path';

let passed = 0;
let failed = 0;
let skipped = 0;
const [vitestFile, playwrightFile] = process.argv.slice(2);

const read = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    console.log(`(no report at ${file}: that runner did not finish)`);
    failed += 1;
    return null;
  }
};

const failures = [];
// Terminal colour codes (ESC [ ... m) in vitest's messages.
const colour = new RegExp(String.fromCharCode(27) + '\\[[0-9;]*m', 'g');
const firstLines = (text) => String(text ?? '').replace(colour, '').split('\n').filter((l) => l.trim()).slice(0, 6);

const vitest = read(vitestFile);
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests + (vitest.numRuntimeErrorTestSuites ?? 0);
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  for (const file of vitest.testResults ?? []) {
    const where = path.relative(process.cwd(), file.name);
    const failedTests = (file.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const a of failedTests) failures.push({ name: `${where} > ${a.fullName}`, lines: firstLines((a.failureMessages ?? []).join('\n')) });
    if (file.status === 'failed' && failedTests.length === 0) failures.push({ name: where, lines: firstLines(file.message) });
  }
}
const playwright = read(playwrightFile);
if (playwright) {
  passed += playwright.stats.expected + playwright.stats.flaky;
  failed += playwright.stats.unexpected;
  skipped += playwright.stats.skipped;
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const last = test.results?.[test.results.length - 1];
        if (!last || last.status === test.expectedStatus || last.status === 'skipped') continue;
        failures.push({ name: `${spec.file ?? suite.file}:${spec.line} > ${[...titles, spec.title].join(' > ')}`, lines: firstLines((last.errors ?? []).map((e) => e.message ?? '').join('\n')) });
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  for (const suite of playwright.suites ?? []) walk(suite, []);
}
for (const failure of failures) {
  console.log(`FAILED ${failure.name}`);
  for (const line of failure.lines) console.log(`    ${line.slice(0, 300)}`);
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
