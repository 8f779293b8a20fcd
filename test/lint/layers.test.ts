import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layers of DESIGN.md are enforced by lint rules; these cases prove each rule fires.
const eslint = new ESLint({ cwd: process.cwd() });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

describe('layer rules', () => {
  it.each([
    ['src/shared/x.ts', "import fs from 'node:fs'; export const a = fs;"],
    ['src/shared/x.ts', "import { app } from 'electron'; export const a = app;"],
    ['src/shared/x.ts', 'export const a = window.location;'],
    ['src/main/sync/x.ts', "import { app } from 'electron'; export const a = app;"],
    ['src/simulator/x.ts', "import { app } from 'electron'; export const a = app;"],
    ['src/renderer/src/x.ts', "import fs from 'fs'; export const a = fs;"],
    ['src/renderer/src/x.ts', "import Database from 'better-sqlite3'; export const a = Database;"],
    ['src/renderer/src/x.ts', "import { createCore } from '../../main/core/createCore'; export const a = createCore;"],
    ['src/renderer/src/x.ts', 'export const a = process.env;'],
    ['src/preload/x.ts', "import fs from 'node:fs'; export const a = fs;"],
  ])('%s rejects: %s', async (file, code) => {
    expect(await layerErrors(file, code)).not.toEqual([]);
  });

  it.each([
    ['src/main/index.ts', "import { app } from 'electron'; export const a = app;"],
    ['src/main/shell/electron/x.ts', "import { app } from 'electron'; export const a = app;"],
    ['src/main/sync/x.ts', "import fs from 'node:fs'; export const a = fs;"],
    ['src/preload/x.ts', "import { contextBridge } from 'electron'; export const a = contextBridge;"],
    ['src/renderer/src/x.ts', "import { calls } from '../../shared/contract/calls'; export const a = calls;"],
  ])('%s allows: %s', async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });
});

describe('no code in strings', () => {
  async function evalErrors(code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: 'src/main/sync/x.ts' });
    return (result?.messages ?? []).filter((m) => ['no-eval', 'no-new-func', 'no-restricted-syntax'].includes(m.ruleId ?? '')).map((m) => m.message);
  }

  it.each([
    ["import { Worker } from 'node:worker_threads'; export const w = new Worker('x', { eval: true });"],
    ["export const f = new Function('return 1');"],
    ["export const v = eval('1');"],
  ])('rejects: %s', async (code) => {
    expect(await evalErrors(code)).not.toEqual([]);
  });

  it('allows a thread started from its typed entry', async () => {
    expect(await evalErrors("import { startThread } from '../platform/threads'; export const w = startThread('syncWriterThread', { workerData: {} });")).toEqual([]);
  });
});

