import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// The release workflow cannot run here (hosted runners, Electron downloads): what can be checked is
// that it parses, runs on a tag on the three OSes, and that every npm script it runs exists.
const root = path.join(import.meta.dirname, '..', '..');
type Step = { run?: string; uses?: string };
type Job = { 'runs-on': string; strategy?: { matrix: { os: string[] } }; steps: Step[] };
type Workflow = { on: { push: { tags: string[] } }; jobs: Record<string, Job> };
const workflowText = fs.readFileSync(path.join(root, '.github/workflows/release.yml'), 'utf8');
const workflow = parse(workflowText) as Workflow;
const scripts = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** The npm scripts a shell line runs: `npm run X`, `npm run-script X`, `npm test`, `npm start`. */
function npmScriptsIn(line: string): string[] {
  const found = [...line.matchAll(/\bnpm\s+(?:run|run-script)\s+([\w:.-]+)/g)].map((m) => m[1]!);
  for (const m of line.matchAll(/\bnpm\s+(test|start)\b/g)) found.push(m[1]!);
  return found;
}

describe('the release workflow', () => {
  it('parses as YAML into jobs with steps', () => {
    expect(Object.keys(workflow.jobs).length).toBeGreaterThan(0);
    for (const job of Object.values(workflow.jobs)) expect(job.steps.length).toBeGreaterThan(0);
  });

  it('runs on a version tag, on Linux, macOS and Windows runners', () => {
    expect(workflow.on.push.tags).toEqual(['v*']);
    const oses = workflow.jobs.installers!.strategy!.matrix.os;
    expect(oses.some((os) => os.startsWith('ubuntu'))).toBe(true);
    expect(oses.some((os) => os.startsWith('macos'))).toBe(true);
    expect(oses.some((os) => os.startsWith('windows'))).toBe(true);
  });

  it('runs only npm scripts that package.json has, npm run dist among them', () => {
    const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((step) => (step.run ? npmScriptsIn(step.run) : [])));
    expect(runs).toContain('dist');
    for (const name of runs) expect(scripts[name], `npm run ${name}`).toBeDefined();
  });

  it('reads npm script names the way npm does (the check can fail)', () => {
    expect(npmScriptsIn('npm ci && npm run dist -- --linux deb')).toEqual(['dist']);
    expect(npmScriptsIn('npm run-script docs:contract; npm test')).toEqual(['docs:contract', 'test']);
    expect(scripts['no-such-script']).toBeUndefined();
  });
});
