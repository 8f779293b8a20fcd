import { Worker } from 'node:worker_threads';

/**
 * SHA-256 of a file that is being written, computed on its own thread by reading back what the
 * writer reports as written (from the page cache, 1 MB at a time).
 *
 * Why a thread: hashing costs about as much CPU as receiving and writing the body together, so
 * hashing on the download's thread halves its speed; at the lowest priority, on a machine with few
 * cores, it lags behind the download instead of slowing it, and finishes just after; reading back the bytes on disk (rather than
 * posting every chunk) costs the download's thread nothing per chunk and hashes exactly what is on
 * disk, including a partial file being resumed. Plain JavaScript run with `eval` for the same reason
 * as the sync writer (src/main/sync/writer/workerSource.ts): the core runs both from sources and
 * from electron-vite's bundle.
 */
const tailHasherSource = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { createHash } = require('node:crypto');
const written = new BigInt64Array(workerData.shared, 0, 2); // [bytes written so far, 1 when final]
const wake = new Int32Array(workerData.shared, 16, 1);
// Lowest priority, for this thread only (Linux keeps a nice value per thread; elsewhere it would
// apply to the whole process, so it is left alone): the hash takes the CPU the download and
// the rest of the console leave, and catches up from the page cache once the last byte is in.
if (process.platform === 'linux') {
  try { require('node:os').setPriority(19); } catch {}
}
const fd = fs.openSync(workerData.path, 'r');
const buf = Buffer.allocUnsafe(1024 * 1024);
const hash = createHash('sha256');
let pos = 0;
try {
  for (;;) {
    const seen = Atomics.load(wake, 0);
    const avail = Number(Atomics.load(written, 0));
    if (pos < avail) {
      const n = fs.readSync(fd, buf, 0, Math.min(buf.length, avail - pos), pos);
      if (n === 0) throw new Error('the file became shorter while it was hashed');
      hash.update(buf.subarray(0, n));
      pos += n;
      continue;
    }
    if (Atomics.load(written, 1) === 1n) break;
    Atomics.wait(wake, 0, seen, 200);
  }
  parentPort.postMessage({ bytes: pos, sha256: hash.digest('hex') });
} finally {
  fs.closeSync(fd);
}
`;

export class TailHasher {
  private readonly written: BigInt64Array;
  private readonly wake: Int32Array;
  private readonly worker: Worker;
  private readonly result: Promise<{ bytes: number; sha256: string }>;

  /** Starts hashing `path` from byte 0; `bytesOnDisk` are already there (a partial file). */
  constructor(path: string, bytesOnDisk: number) {
    const shared = new SharedArrayBuffer(24);
    this.written = new BigInt64Array(shared, 0, 2);
    this.wake = new Int32Array(shared, 16, 1);
    this.written[0] = BigInt(bytesOnDisk);
    this.worker = new Worker(tailHasherSource, { eval: true, workerData: { path, shared } });
    this.worker.unref();
    this.result = new Promise((resolve, reject) => {
      this.worker.once('message', resolve);
      this.worker.once('error', reject);
      this.worker.once('exit', (code) => reject(new Error(`the hashing thread stopped (exit ${code})`)));
    });
    // a hasher that is dropped (download failed) must not leave an unhandled rejection behind
    this.result.catch(() => undefined);
  }

  /** The file now holds `bytes` bytes (all written, not merely queued). */
  advance(bytes: number): void {
    Atomics.store(this.written, 0, BigInt(bytes));
    Atomics.add(this.wake, 0, 1);
    Atomics.notify(this.wake, 0);
  }

  /** No more bytes are coming: the hash of the first `bytes` bytes of the file. */
  async finish(bytes: number): Promise<string> {
    this.advance(bytes);
    Atomics.store(this.written, 1, 1n);
    Atomics.add(this.wake, 0, 1);
    Atomics.notify(this.wake, 0);
    const r = await this.result;
    if (r.bytes !== bytes) throw new Error(`hashed ${r.bytes} bytes of ${bytes}`);
    return r.sha256;
  }

  /** Stops hashing (the download failed or was cancelled). */
  stop(): void {
    void this.worker.terminate();
  }
}
