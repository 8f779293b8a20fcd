import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import { Transform } from 'node:stream';
import type { Worker } from 'node:worker_threads';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../shared/contract/errors';
import type { Logger } from '../log/logger';
import { classifyNetworkError, networkAppError } from '../vendors/http/errors';
import { badAnswer, isWriteError, RawGet } from './rawGet';
import { TailHasher } from './tailHasher';

export interface DownloadSpec {
  url: string;
  /** Credential headers per URL (sent only to the vendor's own origin). */
  headersFor(url: string): Record<string, string>;
  /** The partial file (created if missing); its current size is where the download resumes. */
  partPath: string;
  /** The ETag seen when the partial file was started: sent as If-Range. */
  etag: string | null;
  signal?: AbortSignal;
  onProgress?(bytesDone: number, bytesTotal: number | null): void;
  /** Called as soon as the response says what the file is (ETag, total), before the body. */
  onStart?(info: { etag: string | null; bytesTotal: number | null; offset: number; contentType: string | null; contentDisposition: string | null }): void;
  /** Every byte is on disk; what is left is finishing the SHA-256 (which may lag behind on a busy machine). */
  onBodyComplete?(bytes: number): void;
  /** Milliseconds without a byte before the download is given up as stalled. */
  idleTimeoutMs?: number;
  /** Extra certificate authorities to trust (a vendor behind a private CA; the tests' own). */
  ca?: string | Buffer;
  /** Where a thread of the download that dies is told at once. */
  log?: Logger;
  /** Told of each download thread once it is started (the tests stop one mid-body). */
  onThread?: (thread: Worker) => void;
}

export interface DownloadResult {
  bytes: number;
  sha256: string;
  etag: string | null;
  contentType: string | null;
  contentDisposition: string | null;
}

const chunkBytes = 1024 * 1024;
const maxRedirects = 5;
const progressEveryMs = 100;

/**
 * Streams a file to disk in constant memory (one read buffer on the download's own thread, see
 * downloadThread.ts), resuming a partial file with Range + If-Range, hashing what lands on disk on
 * another thread, as it goes or, on a very fast link, after the last byte (see tailHasher.ts).
 * Never buffers the body.
 */
export async function downloadToFile(spec: DownloadSpec): Promise<DownloadResult> {
  let offset = fileSize(spec.partPath);

  let res = await open(spec, offset);
  if (offset > 0 && res.statusCode === 416) {
    const total = totalFromContentRange(res.headers['content-range']);
    res.destroy();
    if (total === offset) {
      return { bytes: offset, sha256: await sha256OfFile(spec.partPath), etag: spec.etag, contentType: null, contentDisposition: null };
    }
    // The partial is not a prefix of this file: start again.
    offset = 0;
    res = await open({ ...spec, etag: null }, 0);
  }
  if (offset > 0 && res.statusCode === 206) {
    const start = startFromContentRange(res.headers['content-range']);
    if (start !== offset) offset = 0;
  } else if (offset > 0 && res.statusCode === 200) {
    // The server ignored the range (the file changed, If-Range failed): the whole file is coming.
    offset = 0;
  }
  if (res.statusCode !== 200 && res.statusCode !== 206) {
    res.destroy();
    throw statusError(res.statusCode);
  }
  const etag = res.headers.etag ?? null;
  const bytesTotal = res.statusCode === 206 ? totalFromContentRange(res.headers['content-range']) : numberOrNull(res.headers['content-length']);
  const contentType = res.headers['content-type'] ?? null;
  const contentDisposition = res.headers['content-disposition'] ?? null;
  spec.onStart?.({ etag, bytesTotal, offset, contentType, contentDisposition });

  // The file is opened (and truncated on a restart) before the hasher starts reading it; the hasher
  // reads back from byte 0 on its own thread, so a resumed partial part is hashed while the rest arrives.
  // Not 'a': Linux appends whatever the offset given, and each piece is written at its own offset.
  const fd = fs.openSync(spec.partPath, offset > 0 ? 'r+' : 'w');
  const hasher = new TailHasher(spec.partPath, offset, undefined, spec.log);
  const onDisk = () => hasher.bytesOnDisk();
  const progress = setInterval(() => spec.onProgress?.(onDisk(), bytesTotal), progressEveryMs);
  const idle = idleWatch(() => res.destroy(new Error('no data')), spec.idleTimeoutMs ?? 30_000, onDisk);
  // When the connection drops, whatever already arrived is on disk (it is what a resume continues
  // from): the thread writes each piece as it comes and has stopped when this settles.
  let bodyError: unknown = null;
  try {
    await res.saveBody(fd, offset, hasher.shared);
  } catch (e) {
    bodyError = e;
  } finally {
    clearInterval(progress);
    idle.stop();
    fs.close(fd, () => undefined);
  }
  const done = onDisk();
  spec.onProgress?.(done, bytesTotal);
  const failed = (e: AppError): never => {
    hasher.stop();
    throw e;
  };
  if (spec.signal?.aborted) failed(new AppError('cancelled', 'The download was stopped; the part already downloaded is kept.'));
  if (bodyError && isWriteError(bodyError)) failed(downloadError(bodyError, fileSizeOr(spec.partPath, done), false));
  if (bodyError) failed(downloadError(bodyError, done, idle.fired()));
  if (bytesTotal !== null && done !== bytesTotal) {
    failed(new AppError('offline', `The connection dropped after ${formatMb(done)} of ${formatMb(bytesTotal)}; the part already downloaded is kept.`, 'short body'));
  }
  spec.onBodyComplete?.(done);
  let sha256: string;
  try {
    sha256 = await hasher.finish(done);
  } catch (e) {
    hasher.stop();
    throw new AppError('internal', 'The downloaded file could not be hashed.', e instanceof Error ? e.message : String(e));
  }
  return { bytes: done, sha256, etag, contentType, contentDisposition };
}

function fileSizeOr(file: string, fallback: number): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return fallback;
  }
}

async function open(spec: DownloadSpec, offset: number): Promise<RawGet> {
  let url = spec.url;
  for (let hops = 0; ; hops++) {
    const target = new URL(url);
    if (target.protocol !== 'https:' && target.protocol !== 'http:') throw new AppError('insecure_url', 'The download address is not http(s).');
    const headers: Record<string, string> = { accept: '*/*', 'accept-encoding': 'identity', ...spec.headersFor(url) };
    if (offset > 0) {
      headers.range = `bytes=${offset}-`;
      if (spec.etag) headers['if-range'] = spec.etag;
    }
    let res: RawGet;
    try {
      res = await RawGet.open(target, { headers, signal: spec.signal, headTimeoutMs: spec.idleTimeoutMs ?? 30_000, ca: spec.ca, log: spec.log, onThread: spec.onThread });
    } catch (e) {
      if (spec.signal?.aborted) throw new AppError('cancelled', 'The download was stopped; the part already downloaded is kept.');
      const code = (e as { code?: unknown }).code;
      if (code === 'ERR_INVALID_CHAR' || code === 'ERR_INVALID_HTTP_TOKEN') {
        throw new AppError('invalid_input', 'The download could not be asked for: a key or header of the connection holds a character HTTP does not allow (a line break, say). Check the connection\'s keys.', String(code));
      }
      throw downloadError(e, offset, false);
    }
    if (![301, 302, 303, 307, 308].includes(res.statusCode)) return res;
    res.destroy();
    const location = res.headers.location;
    if (!location || hops >= maxRedirects) throw new AppError('bad_response', 'The download address redirected too often or to nowhere.');
    const next = new URL(location, url);
    if (target.protocol === 'https:' && next.protocol !== 'https:') throw new AppError('insecure_url', 'The download redirected to an insecure address; the console did not follow it.');
    url = next.toString();
  }
}

/** Gives up on a body that sends nothing for `ms` (checked once a second, not per chunk). */
function idleWatch(giveUp: () => void, ms: number, bytes: () => number): { stop(): void; fired(): boolean } {
  let fired = false;
  let last = bytes();
  let lastChange = Date.now();
  const timer = setInterval(() => {
    const now = Date.now();
    const b = bytes();
    if (b !== last) {
      last = b;
      lastChange = now;
    } else if (now - lastChange > ms) {
      fired = true;
      giveUp();
    }
  }, Math.min(1000, ms));
  timer.unref();
  return {
    stop: () => clearInterval(timer),
    fired: () => fired,
  };
}

/** Maps what broke (disk, network) to words; the partial file is always kept. */
export function downloadError(e: unknown, bytesDone: number, idle: boolean): AppError {
  if (e instanceof AppError) return e;
  const code = (e as { code?: unknown }).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new AppError('disk_full', `The disk is full: the download stopped after ${formatMb(bytesDone)}. The part already downloaded is kept; free some space and press Resume.`, String(code));
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new AppError('invalid_input', 'The console may not write into the export folder. Pick another folder.', String(code));
  }
  if (code === badAnswer) {
    return new AppError('bad_response', `RetailNext's download server sent an answer the console cannot read; ${formatMb(bytesDone)} are kept for Resume.`, (e as Error).message);
  }
  if (idle) return new AppError('timeout', `The download stalled after ${formatMb(bytesDone)}; the part already downloaded is kept for Resume.`);
  const { kind, code: netCode } = classifyNetworkError(e);
  const err = networkAppError(kind === 'unknown' ? 'reset' : kind, 'RetailNext', 'the download server', netCode, e);
  return new AppError(err.code, `${err.message} ${formatMb(bytesDone)} were downloaded and are kept for Resume.`, err.detail);
}

function statusError(status: number): AppError {
  if (status === 404) return new AppError('not_found', 'The export file is no longer available at RetailNext (it may have expired).', `HTTP ${status}`);
  if (status === 401 || status === 403) return new AppError('auth_failed', 'RetailNext refused the download link (it may have expired); Resume asks for a fresh one.', `HTTP ${status}`);
  return new AppError('vendor_error', `RetailNext answered the download with HTTP ${status}.`, `HTTP ${status}`);
}

async function hashFile(file: string, hash: Hash, signal?: AbortSignal): Promise<void> {
  await pipeline(fs.createReadStream(file, { highWaterMark: chunkBytes }), new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      cb();
    },
  }), { signal });
}

/** SHA-256 of a file, streamed (constant memory). */
export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  await hashFile(file, hash);
  return hash.digest('hex');
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}


function numberOrNull(v: string | undefined): number | null {
  const n = Number(v);
  return v !== undefined && Number.isFinite(n) && n >= 0 ? n : null;
}

function totalFromContentRange(v: string | undefined): number | null {
  const m = /\/(\d+)\s*$/.exec(v ?? '');
  return m ? Number(m[1]) : null;
}

function startFromContentRange(v: string | undefined): number | null {
  const m = /^bytes\s+(\d+)-/.exec(v ?? '');
  return m ? Number(m[1]) : null;
}

export function formatMb(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
