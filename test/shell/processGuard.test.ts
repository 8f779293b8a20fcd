import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

async function startChild(dataDir: string, mode: 'guarded' | 'bare'): Promise<{ child: ChildProcess; port: number; exited: Promise<number | null> }> {
  const child = fork(path.join(__dirname, 'helpers/guardedChild.ts'), [dataDir, mode], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  children.push(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`child exited ${code} before listening`)));
  });
  return { child, port, exited };
}

const get = async (port: number, p: string) => (await fetch(`http://127.0.0.1:${port}${p}`)).text();
const settle = () => new Promise((r) => setTimeout(r, 150));

describe('the process guard of a console process', () => {
  it('logs an uncaught exception and an unhandled rejection, and keeps serving', async () => {
    const dir = tempDir();
    const { port, child } = await startChild(dir, 'guarded');
    expect(await get(port, '/throw')).toBe('alive');
    await settle();
    expect(await get(port, '/reject')).toBe('alive');
    await settle();
    expect(await get(port, '/')).toBe('alive');
    expect(child.exitCode).toBeNull();
    const lines = fs.readFileSync(path.join(dir, 'logs', 'shell.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { level: string; message: string; error: string });
    expect(lines).toEqual([
      expect.objectContaining({ level: 'error', message: 'uncaught exception; the console keeps running', error: expect.stringContaining('thrown where nobody catches') }),
      expect.objectContaining({ level: 'error', message: 'unhandled promise rejection; the console keeps running', error: expect.stringContaining('[SQLITE_FULL]: database or disk is full') }),
    ]);
  });

  it('(the same process without it exits: what the guard prevents)', async () => {
    const { port, exited } = await startChild(tempDir(), 'bare');
    await get(port, '/reject');
    expect(await exited).not.toBe(0);
  });
});
