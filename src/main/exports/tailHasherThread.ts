/**
 * The hashing thread of a TailHasher (tailHasher.ts says why and when it hashes): reads back what
 * the writer publishes as on disk, 1 MB at a time, until told the size is final.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { stepBackThisThread } from '../platform/priority';
import { progressLayout, type TailHasherData, type TailHasherResult } from './threadProtocol';

const data = workerData as TailHasherData;
const written = new BigInt64Array(data.shared, progressLayout.writtenAt, 2); // [bytes written so far, 1 when final]
const wake = new Int32Array(data.shared, progressLayout.wakeAt, 1);
const hashed = new BigInt64Array(data.shared, progressLayout.hashedAt, 1);

// The hash takes the CPU the rest of the console leaves (platform/priority.ts).
stepBackThisThread('tailHasherThread');

const fd = fs.openSync(data.path, 'r');
const buf = Buffer.allocUnsafe(1024 * 1024);
const hash = createHash('sha256');
let pos = 0;
// The download's rate over the last quarter second or more: [time, bytes] then.
let then = [performance.now(), Number(Atomics.load(written, 0))] as const;
let fast = true;
const measure = (avail: number) => {
  const now = performance.now();
  if (now - then[0] < 250) return;
  fast = ((avail - then[1]) / (now - then[0])) * 1000 >= data.fastBytesPerSecond;
  then = [now, avail];
};
try {
  for (;;) {
    const seen = Atomics.load(wake, 0);
    const final = Atomics.load(written, 1) === 1n;
    const avail = Number(Atomics.load(written, 0));
    measure(avail);
    const waitForIt = !final && fast && avail - pos < data.maxLagBytes;
    if (pos < avail && !waitForIt) {
      const n = fs.readSync(fd, buf, 0, Math.min(buf.length, avail - pos), pos);
      if (n === 0) throw new Error('the file became shorter while it was hashed');
      hash.update(buf.subarray(0, n));
      pos += n;
      Atomics.store(hashed, 0, BigInt(pos));
      continue;
    }
    if (final) break;
    Atomics.wait(wake, 0, seen, 100);
  }
  const result: TailHasherResult = { bytes: pos, sha256: hash.digest('hex') };
  parentPort!.postMessage(result);
} finally {
  fs.closeSync(fd);
}
