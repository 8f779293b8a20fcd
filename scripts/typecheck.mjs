// Type-checks each TypeScript project named on the command line, every one even when an earlier one
// fails (a chain of `tsc && tsc` hid the later projects' errors behind the first's), then fails if any did.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const projects = process.argv.slice(2);
if (projects.length === 0) {
  console.error('Name the tsconfig files to check, e.g. node scripts/typecheck.mjs tsconfig.node.json tsconfig.web.json');
  process.exit(2);
}
const failed = projects.filter((project) => {
  const run = spawnSync(process.execPath, [tsc, '-p', project, '--noEmit'], { stdio: 'inherit' });
  return run.status !== 0;
});
if (failed.length > 0) {
  console.error(`typecheck failed in ${failed.length} of ${projects.length} projects: ${failed.join(', ')}`);
  process.exit(1);
}
