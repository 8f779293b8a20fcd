// Runs Doyensec's electronegativity over src/ and fails on any finding (its CLI exits 0 regardless).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'roc-electronegativity-')), 'report.sarif');
execFileSync('npx', ['electronegativity', '--input', 'src', '--output', out, '--electron-version', '45.4.1', '--relative'], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
const sarif = JSON.parse(fs.readFileSync(out, 'utf8'));
const findings = sarif.runs?.flatMap((run) => run.results ?? []);
if (!Array.isArray(findings)) throw new Error('electronegativity wrote no SARIF results');
for (const f of findings) {
  const where = f.locations?.[0]?.physicalLocation;
  console.log(`${where?.artifactLocation?.uri ?? '?'}:${where?.region?.startLine ?? '?'}  ${f.ruleId}  ${f.message?.text ?? ''}`);
}
console.log(`electronegativity: ${findings.length} finding(s)`);
process.exit(findings.length === 0 ? 0 : 1);
