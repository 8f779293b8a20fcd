/** Messages and start data of the exports' two threads (downloadThread.ts, tailHasherThread.ts). */

/**
 * Layout of the SharedArrayBuffer a download shares with its hasher: [bytes on disk (BigInt64),
 * 1 when final (BigInt64), wake counter (Int32), pad, bytes hashed (BigInt64)].
 */
export const progressLayout = { bytes: 32, writtenAt: 0, wakeAt: 16, hashedAt: 24 } as const;

export interface TailHasherData {
  path: string;
  shared: SharedArrayBuffer;
  fastBytesPerSecond: number;
  maxLagBytes: number;
}

export interface TailHasherResult {
  bytes: number;
  sha256: string;
}

export interface DownloadThreadData {
  https: boolean;
  host: string;
  port: number;
  servername?: string;
  ca?: string | Buffer;
  /** The whole request head, already checked (see rawGet.ts). */
  request: string;
  headTimeoutMs: number;
  maxHeadBytes: number;
  readBufferBytes: number;
}

export type ToDownloadThread =
  | { type: 'body'; fd: number; position: number; written: SharedArrayBuffer }
  | { type: 'close'; message?: string }
  | { type: 'abort'; message?: string };

export type DownloadFailureKind = 'network' | 'answer' | 'write' | 'aborted';

export type FromDownloadThread =
  | { type: 'head'; statusCode: number; headers: string[] }
  | { type: 'done'; position: number }
  | { type: 'error'; kind: DownloadFailureKind; error: { message: string; code?: string } };
