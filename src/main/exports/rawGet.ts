import http from 'node:http';
import net from 'node:net';
import type { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/contract/errors';
import type { Logger } from '../log/logger';
import { onThreadExit, startThread } from '../platform/threads';
import type { DownloadThreadData, FromDownloadThread, ToDownloadThread } from './threadProtocol';

const readBufferBytes = 256 * 1024;
const maxHeadBytes = 64 * 1024;

/** The `code` of the error when the server's answer is not HTTP the parser can read. */
export const badAnswer = 'ROC_BAD_HTTP_ANSWER';

const writeFailed = Symbol('the file could not be written');

/** Whether a failure of `saveBody` was the file's (a full disk...) rather than the network's. */
export function isWriteError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && writeFailed in e;
}

export interface RawGetOptions {
  headers: Record<string, string>;
  signal?: AbortSignal;
  /** Milliseconds to wait for the status and headers. */
  headTimeoutMs: number;
  /** Extra certificate authorities to trust for https (a vendor behind a private CA; the tests' own). */
  ca?: string | Buffer;
  /** Told at once when the download thread dies (no URL, no headers: its exit code and error). */
  log?: Logger;
  /** Told of the download thread once it is started (the tests stop one mid-body). */
  onThread?: (thread: Worker) => void;
}

/**
 * One GET for a big download, received and written to disk on a thread of its own (see
 * downloadThread.ts for why; Node's http client, before it, copied each body piece twice). `open`
 * resolves with the status and headers; the caller then either saves the body into a file or
 * destroys the request. Errors keep Node's codes (ECONNREFUSED, certificate codes, ENOSPC...);
 * an answer that is not HTTP has the code `badAnswer`.
 */
export class RawGet {
  statusCode = 0;
  /** Lower-case names; a repeated header keeps its first value. */
  headers: Record<string, string> = {};

  private readonly worker: Worker;
  private failure: Error | null = null;
  private ended = false;
  private finalPosition: number | null = null;
  private settleHead: { resolve(): void; reject(e: Error): void } | null = null;
  private settleBody: { resolve(position: number): void; reject(e: Error): void } | null = null;

  private constructor(url: URL, options: RawGetOptions) {
    const request = requestHead(url, options.headers);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const workerData: DownloadThreadData = {
      https: url.protocol === 'https:',
      host,
      port: Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
      servername: net.isIP(host) ? undefined : host,
      ca: options.ca,
      request,
      headTimeoutMs: options.headTimeoutMs,
      maxHeadBytes,
      readBufferBytes,
    };
    this.worker = startThread('downloadThread', { workerData });
    this.worker.unref();
    this.worker.on('message', (m: FromDownloadThread) => this.onMessage(m));
    // The body's outcome is told only once the thread is gone: until then it may still write to
    // the file, which the caller closes next (and whose descriptor number could then be reused).
    onThreadExit(this.worker, ({ code, error, text }) => {
      if (!this.ended && !this.failure && this.finalPosition === null) {
        // Not ended by its answer nor by us: it died (an uncaught error, killed). Not the network's
        // fault, so not told as a dropped connection; Resume starts a new thread.
        options.log?.log('error', 'exports: the download thread died; Resume starts a new one', { exitCode: code, error });
        this.fail(new AppError('internal', "The console's download thread stopped unexpectedly, so the download stopped. The part already downloaded is kept; press Resume.", `the download thread stopped (${text})`));
      }
      this.fail(new Error(`the download thread stopped (${text})`));
      const settle = this.settleBody;
      this.settleBody = null;
      if (this.finalPosition !== null) settle?.resolve(this.finalPosition);
      else settle?.reject(this.failure!);
    });

    options.onThread?.(this.worker);
    if (options.signal) {
      const signal = options.signal;
      const onAbort = () => this.destroy(new Error('aborted'));
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
      this.worker.once('exit', () => signal.removeEventListener('abort', onAbort));
    }
  }

  /** Resolves once the status and headers are in; rejects when the connection fails first. */
  static open(url: URL, options: RawGetOptions): Promise<RawGet> {
    const get = new RawGet(url, options);
    return new Promise((resolve, reject) => {
      if (get.failure) return reject(get.failure);
      get.settleHead = { resolve: () => resolve(get), reject };
    });
  }

  /**
   * Writes the body into `fd` from `position` on (the thread's own writes, at their offsets),
   * publishing the bytes on disk in `written` (BigInt64 [0]; a TailHasher's `shared`); resolves with the position after the last byte once the whole body (as framed by the response)
   * is on disk (`written` says how far a failed one got; `isWriteError` tells the file's failures).
   */
  saveBody(fd: number, position: number, written: SharedArrayBuffer): Promise<number> {
    if (this.failure) return Promise.reject(this.failure);
    const done = new Promise<number>((resolve, reject) => (this.settleBody = { resolve, reject }));
    this.post({ type: 'body', fd, position, written });
    return done;
  }

  /** Stops the request and its thread; a pending `open` or `saveBody` rejects with `error` (the latter once the thread is gone). */
  destroy(error: Error = new Error('closed')): void {
    this.fail(error);
    this.end();
  }

  private onMessage(m: FromDownloadThread): void {
    if (m.type === 'head') {
      this.statusCode = m.statusCode;
      for (let i = 0; i < m.headers.length; i += 2) {
        const name = m.headers[i]!.toLowerCase();
        if (!(name in this.headers)) this.headers[name] = m.headers[i + 1]!;
      }
      this.settleHead?.resolve();
      this.settleHead = null;
      return;
    }
    if (m.type === 'done') {
      if (!this.failure) this.finalPosition = m.position;
      this.end();
      return;
    }
    const error: Error & { code?: string; [writeFailed]?: true } = new Error(m.error.message);
    if (m.kind === 'answer') error.code = badAnswer;
    else if (m.error.code) error.code = m.error.code;
    if (m.kind === 'write') error[writeFailed] = true;
    this.fail(error);
    this.end();
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.post({ type: 'close' });
    void this.worker.terminate();
  }

  private post(m: ToDownloadThread): void {
    this.worker.postMessage(m);
  }

  private fail(error: Error): void {
    if (this.failure || this.finalPosition !== null) return;
    this.failure = error;
    this.settleHead?.reject(error);
    this.settleHead = null;
  }
}

/** The request's head; a header name or value that could split the request is refused (as Node's client does). */
function requestHead(url: URL, headers: Record<string, string>): string {
  let head = `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\n`;
  for (const [name, value] of Object.entries(headers)) {
    http.validateHeaderName(name);
    http.validateHeaderValue(name, value);
    if (/^(host|connection|content-length|transfer-encoding)$/i.test(name)) continue;
    head += `${name}: ${value}\r\n`;
  }
  return `${head}Connection: close\r\n\r\n`;
}
