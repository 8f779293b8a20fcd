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

  it('keeps pace with a slow download, waits behind a fast one (up to its lag limit), and hashes all of it either way', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roc-tail-'));
    dirs.push(dir);
    const file = path.join(dir, 'x.part');
    const data = randomBytes(6 * 1024 * 1024);
    fs.writeFileSync(file, data);
    const expected = createHash('sha256').update(data).digest('hex');
    const settle = () => new Promise((r) => setTimeout(r, 600));
    // The hash runs on a thread of its own, which a loaded machine starts late: wait for what must
    // happen (up to 20 s), and give what must not happen a fixed time to show.
    const until = async (done: () => boolean) => {
      for (const end = Date.now() + 20_000; !done() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
    };

    // Every download counts as slow: the hash follows the bytes on disk before the last one is in.
    const follows = new TailHasher(file, 0, { fastBytesPerSecond: Infinity, maxLagBytes: 1024 ** 3 });
    follows.advance(data.length);
    await until(() => follows.bytesHashed() === data.length);
    expect(follows.bytesHashed()).toBe(data.length);
    expect(await follows.finish(data.length)).toBe(expected);

    // Every download counts as fast: nothing is hashed before the last byte...
    const waits = new TailHasher(file, 0, { fastBytesPerSecond: 0, maxLagBytes: 1024 ** 3 });
    waits.advance(data.length);
    await settle();
    expect(waits.bytesHashed()).toBe(0);
    expect(await waits.finish(data.length)).toBe(expected);

    // ...unless it falls more than its lag limit behind.
    const capped = new TailHasher(file, 0, { fastBytesPerSecond: 0, maxLagBytes: 2 * 1024 * 1024 });
    capped.advance(data.length);
    await until(() => capped.bytesHashed() >= 4 * 1024 * 1024);
    await settle();
    expect(capped.bytesHashed()).toBeGreaterThanOrEqual(4 * 1024 * 1024);
    expect(capped.bytesHashed()).toBeLessThan(data.length);
    expect(await capped.finish(data.length)).toBe(expected);
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

describe('a TailHasher whose thread dies', () => {
  it('is logged at once with the thread\'s error, finish fails with that cause, and the next hasher hashes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roc-tail-'));
    dirs.push(dir);
    const file = path.join(dir, 'x.part');
    const data = randomBytes(1024 * 1024);
    fs.writeFileSync(file, data);
    // Told 2 MB are on disk where 1 MB is: the thread throws outside any try of its own.
    const logs: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
    let hasher!: TailHasher;
    const died = new Promise<void>((resolve) => {
      hasher = new TailHasher(file, 2 * 1024 * 1024, { fastBytesPerSecond: 1, maxLagBytes: 1 }, { log: (level, message, fields) => (logs.push({ level, message, fields }), resolve()) });
    });
    await died;
    expect(logs).toEqual([{ level: 'error', message: 'exports: the hashing thread died; the download fails when its body is in, Resume hashes the file again', fields: { exitCode: 1, error: 'Error: the file became shorter while it was hashed' } }]);
    await expect(hasher.finish(2 * 1024 * 1024)).rejects.toThrow('the hashing thread stopped (exit code 1, Error: the file became shorter while it was hashed)');

    const next = new TailHasher(file, data.length);
    expect(await next.finish(data.length)).toBe(createHash('sha256').update(data).digest('hex'));
    expect(logs).toHaveLength(1);
  });
});
