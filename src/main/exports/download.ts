import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../shared/contract/errors';
import { classifyNetworkError, networkAppError } from '../vendors/http/errors';
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
  /** Milliseconds without a byte before the download is given up as stalled. */
  idleTimeoutMs?: number;
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

/**
 * Streams a file to disk in constant memory, resuming a partial file with Range + If-Range, hashing
 * what lands on disk on another thread as it goes (see tailHasher.ts). Never buffers the body.
 */
export async function downloadToFile(spec: DownloadSpec): Promise<DownloadResult> {
  let offset = fileSize(spec.partPath);

  let res = await open(spec, offset);
  if (offset > 0 && res.statusCode === 416) {
    const total = totalFromContentRange(res.headers['content-range']);
    res.resume();
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
    res.resume();
    throw statusError(res.statusCode ?? 0);
  }
  const etag = header(res.headers.etag);
  const bytesTotal = res.statusCode === 206 ? totalFromContentRange(res.headers['content-range']) : numberOrNull(res.headers['content-length']);
  const contentType = header(res.headers['content-type']);
  const contentDisposition = header(res.headers['content-disposition']);
  spec.onStart?.({ etag, bytesTotal, offset, contentType, contentDisposition });

  // The file is opened (and truncated on a restart) before the hasher starts reading it; the hasher
  // reads back from byte 0 on its own thread, so a resumed partial part is hashed while the rest arrives.
  const fd = fs.openSync(spec.partPath, offset > 0 ? 'a' : 'w');
  const hasher = new TailHasher(spec.partPath, offset);
  const sink = new FileSink(fd, offset, (bytes) => {
    hasher.advance(bytes);
    spec.onProgress?.(bytes, bytesTotal);
  });
  const idle = idleWatch(res, spec.idleTimeoutMs ?? 30_000, () => sink.position + sink.writableLength);
  const onAbort = (): void => void res.destroy(new Error('aborted'));
  spec.signal?.addEventListener('abort', onAbort, { once: true });
  // pipe(), not pipeline(): when the connection drops, whatever already arrived is still written
  // (it is what a resume continues from) before anything is reported.
  const { readError, writeError } = await new Promise<{ readError: unknown; writeError: unknown }>((resolve) => {
    let readError: unknown = null;
    let writeError: unknown = null;
    const stopReading = (e: unknown): void => {
      if (readError || writeError) return;
      readError = e;
      res.unpipe(sink);
      sink.end();
    };
    res.on('error', stopReading);
    res.on('close', () => {
      if (!res.complete) stopReading(new Error('terminated: connection closed before the end of the body'));
    });
    sink.on('error', (e) => {
      writeError = e;
      res.unpipe(sink);
      res.destroy();
      sink.destroy();
      resolve({ readError, writeError });
    });
    sink.on('close', () => resolve({ readError, writeError }));
    res.pipe(sink);
  });
  idle.stop();
  spec.signal?.removeEventListener('abort', onAbort);
  const done = sink.position;
  const failed = (e: AppError): never => {
    hasher.stop();
    throw e;
  };
  if (writeError) failed(downloadError(writeError, fileSizeOr(spec.partPath, done), false));
  if (spec.signal?.aborted) failed(new AppError('cancelled', 'The download was stopped; the part already downloaded is kept.'));
  if (readError) failed(downloadError(readError, done, idle.fired()));
  if (bytesTotal !== null && done !== bytesTotal) {
    failed(new AppError('offline', `The connection dropped after ${formatMb(done)} of ${formatMb(bytesTotal)}; the part already downloaded is kept.`, 'short body'));
  }
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

/**
 * Writes to a file descriptor in batches (writev), reporting the bytes on disk after each batch.
 * Ending it flushes every chunk it accepted, then closes the file.
 */
class FileSink extends Writable {
  constructor(
    private readonly fd: number,
    public position: number,
    private readonly onWritten: (bytes: number) => void,
  ) {
    super({ highWaterMark: 4 * chunkBytes });
  }

  override _writev(chunks: Array<{ chunk: Buffer }>, cb: (error?: Error | null) => void): void {
    this.writeAll(chunks.map((c) => c.chunk), cb);
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (error?: Error | null) => void): void {
    this.writeAll([chunk], cb);
  }

  private writeAll(buffers: Buffer[], cb: (error?: Error | null) => void): void {
    fs.writev(this.fd, buffers, null, (err, written) => {
      if (err) return cb(err);
      this.position += written;
      this.onWritten(this.position);
      let left = written;
      let i = 0;
      while (i < buffers.length && left >= buffers[i]!.length) left -= buffers[i++]!.length;
      if (i === buffers.length) return cb();
      // a short write (rare): write the rest
      this.writeAll([buffers[i]!.subarray(left), ...buffers.slice(i + 1)], cb);
    });
  }

  override _destroy(error: Error | null, cb: (error?: Error | null) => void): void {
    fs.close(this.fd, () => cb(error));
  }
}

function open(spec: DownloadSpec, offset: number): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    let url = spec.url;
    const go = (hops: number): void => {
      const target = new URL(url);
      const headers: Record<string, string> = { accept: '*/*', 'accept-encoding': 'identity', ...spec.headersFor(url) };
      if (offset > 0) {
        headers.range = `bytes=${offset}-`;
        if (spec.etag) headers['if-range'] = spec.etag;
      }
      const lib = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : null;
      if (!lib) return reject(new AppError('insecure_url', 'The download address is not http(s).'));
      const req = lib.get(target, { headers, signal: spec.signal, highWaterMark: chunkBytes } as http.RequestOptions, (res) => {
        const status = res.statusCode ?? 0;
        if ([301, 302, 303, 307, 308].includes(status)) {
          res.resume();
          const location = res.headers.location;
          if (!location || hops >= maxRedirects) return reject(new AppError('bad_response', 'The download address redirected too often or to nowhere.'));
          const next = new URL(location, url);
          if (target.protocol === 'https:' && next.protocol !== 'https:') return reject(new AppError('insecure_url', 'The download redirected to an insecure address; the console did not follow it.'));
          url = next.toString();
          return go(hops + 1);
        }
        resolve(res);
      });
      req.on('error', (e) => {
        if (spec.signal?.aborted) reject(new AppError('cancelled', 'The download was stopped; the part already downloaded is kept.'));
        else reject(downloadError(e, offset, false));
      });
    };
    go(0);
  });
}

/** Gives up on a body that sends nothing for `ms` (checked once a second, not per chunk). */
function idleWatch(res: http.IncomingMessage, ms: number, bytes: () => number): { stop(): void; fired(): boolean } {
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
      res.destroy(new Error('no data'));
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

function header(v: string | string[] | undefined): string | null {
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
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
