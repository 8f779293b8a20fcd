import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { Logger } from '../log/logger';
import { onThreadExit, startThread } from '../platform/threads';
import { progressLayout, type TailHasherData, type TailHasherResult } from './threadProtocol';

/**
 * Hash alongside a download slower than 200 MB/s; a faster one is hashed after its last byte, or
 * from a quarter of the machine's memory behind (what was written that recently is still in the page cache).
 */
const defaultPace = { fastBytesPerSecond: 200e6, maxLagBytes: Math.floor(os.totalmem() / 4) };

/**
 * SHA-256 of a file that is being written, computed on its own thread by reading back what the
 * writer reports as written (from the page cache, 1 MB at a time).
 *
 * Why a thread: hashing costs more CPU than receiving and writing the body together (0.54 CPU s
 * per GB with SHA extensions, against ~0.4), so hashing on the download's thread halves its speed.
 * Reading back the bytes on disk (rather than posting every chunk) costs the download's thread
 * nothing per chunk and hashes exactly what is on disk, including a partial file being resumed.
 *
 * When it hashes: while the body arrives slowly (any real link: under `fastBytesPerSecond`) it keeps
 * up, so the hash is ready with the last byte. While it arrives faster (a LAN, loopback), it waits
 * for the last byte, or until it is `maxLagBytes` behind (what it reads should still be in the page
 * cache): on 2 cores, hashing alongside such a download made the download thread's kernel time per
 * byte double in about half the runs (bench/video-download: 0.50-0.62 s per GB waiting, 0.55-1.6 s
 * hashing alongside), and the hash done after the last byte costs ~0.6 s per GB. The thread is
 * tailHasherThread.ts.
 */
export class TailHasher {
  /**
   * [bytes on disk (BigInt64), 1 when final (BigInt64), wake counter (Int32), pad, bytes hashed
   * (BigInt64)]: another thread that writes the file (the download thread) publishes its progress
   * here itself, as `advance` does.
   */
  readonly shared = new SharedArrayBuffer(progressLayout.bytes);
  private readonly written: BigInt64Array;
  private readonly wake: Int32Array;
  private readonly worker: Worker;
  private readonly result: Promise<TailHasherResult>;
  private stopped = false;

  /** Starts hashing `path` from byte 0; `bytesOnDisk` are already there (a partial file). */
  constructor(path: string, bytesOnDisk: number, pace: { fastBytesPerSecond: number; maxLagBytes: number } = defaultPace, log?: Logger) {
    this.written = new BigInt64Array(this.shared, progressLayout.writtenAt, 2);
    this.wake = new Int32Array(this.shared, progressLayout.wakeAt, 1);
    this.written[0] = BigInt(bytesOnDisk);
    const workerData: TailHasherData = { path, shared: this.shared, ...pace };
    this.worker = startThread('tailHasherThread', { workerData });
    this.worker.unref();
    this.result = new Promise((resolve, reject) => {
      let hashed = false;
      this.worker.once('message', (r: TailHasherResult) => ((hashed = true), resolve(r)));
      onThreadExit(this.worker, ({ code, error, text }) => {
        // Told at once, not when the download ends (the body may take minutes more).
        if (!hashed && !this.stopped) log?.log('error', 'exports: the hashing thread died; the download fails when its body is in, Resume hashes the file again', { exitCode: code, error });
        reject(new Error(`the hashing thread stopped (${text})`));
      });
    });
    // a hasher that is dropped (download failed) must not leave an unhandled rejection behind
    this.result.catch(() => undefined);
  }

  /** The bytes on disk as last published (by `advance` or the writing thread). */
  bytesOnDisk(): number {
    return Number(Atomics.load(this.written, 0));
  }

  /** How far the hash has read. */
  bytesHashed(): number {
    return Number(Atomics.load(new BigInt64Array(this.shared, progressLayout.hashedAt, 1), 0));
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
    this.stopped = true;
    void this.worker.terminate();
  }
}
