import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TailHasher } from '../../src/main/exports/tailHasher';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('TailHasher', () => {
  it('hashes a partial part already on disk and what is appended while it runs, up to the final size', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roc-tail-'));
    dirs.push(dir);
    const file = path.join(dir, 'x.part');
    const parts = [randomBytes(300_000), randomBytes(2_500_000), randomBytes(17)];
    fs.writeFileSync(file, parts[0]!);
    const hasher = new TailHasher(file, parts[0]!.length);
    let size = parts[0]!.length;
    for (const p of parts.slice(1)) {
      await new Promise((r) => setTimeout(r, 20));
      fs.appendFileSync(file, p);
      size += p.length;
      hasher.advance(size);
    }
    // bytes beyond the reported end are not part of the hash
    fs.appendFileSync(file, Buffer.from('trailing'));
    const expected = createHash('sha256').update(Buffer.concat(parts)).digest('hex');
    expect(await hasher.finish(size)).toBe(expected);
  });

  it('fails when the file is shorter than the bytes reported', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roc-tail-'));
    dirs.push(dir);
    const file = path.join(dir, 'x.part');
    fs.writeFileSync(file, Buffer.alloc(10));
    const hasher = new TailHasher(file, 0);
    await expect(hasher.finish(20)).rejects.toThrow(/shorter/);
  });
});
