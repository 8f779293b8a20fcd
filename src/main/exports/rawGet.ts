import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import { HTTPParser } from 'http-parser-js';

const readBufferBytes = 256 * 1024;
const maxHeadBytes = 64 * 1024;

/** The `code` of the error when the server's answer is not HTTP the parser can read. */
export const badAnswer = 'ROC_BAD_HTTP_ANSWER';

export interface RawGetOptions {
  headers: Record<string, string>;
  signal?: AbortSignal;
  /** Milliseconds to wait for the status and headers. */
  headTimeoutMs: number;
  /** Extra certificate authorities to trust for https (a vendor behind a private CA; the tests' own). */
  ca?: string | Buffer;
}

type BodyListener = (view: Buffer) => void;

/**
 * One GET on a connection of its own, for big downloads: every read lands in the same 256 KB buffer
 * and the body is handed out as views of it, valid only during the call. Node's http client reads
 * into a fresh buffer each time and copies each body piece again; with the file write, that made a
 * download cost twice curl's CPU per byte (bench/video-download). http-parser-js reads the status,
 * the headers and the body's framing (Content-Length, chunked, or until close).
 */
export class RawGet {
  statusCode = 0;
  /** Lower-case names; a repeated header keeps its first value. */
  headers: Record<string, string> = {};
  /** True once the whole body (as framed by the response) has arrived. */
  complete = false;

  private readonly socket: net.Socket;
  private readonly parser = Object.assign(new HTTPParser(HTTPParser.RESPONSE), { maxHeaderSize: maxHeadBytes });
  private listener: BodyListener | null = null;
  private early: Buffer[] = [];
  private paused = false;
  private failure: Error | null = null;
  private listenerError: Error | null = null;
  private settleHead: { resolve(): void; reject(e: Error): void } | null = null;
  private settleBody: { resolve(): void; reject(e: Error): void } | null = null;

  private constructor(url: URL, options: RawGetOptions) {
    const request = requestHead(url, options.headers);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
    const onread = { buffer: Buffer.allocUnsafe(readBufferBytes), callback: (n: number, buf: Buffer) => this.onRead(n, buf) };
    // `onread` is a net.Socket option that tls.connect passes on; Node's types list it for net only.
    this.socket =
      url.protocol === 'https:'
        ? tls.connect({ host, port, servername: net.isIP(host) ? undefined : host, ALPNProtocols: ['http/1.1'], ca: options.ca, onread } as tls.ConnectionOptions)
        : net.connect({ host, port, onread });
    this.socket.setTimeout(options.headTimeoutMs, () => this.destroy(Object.assign(new Error('no answer'), { code: 'ETIMEDOUT' })));
    this.socket.on('error', (e) => this.fail(e));
    this.socket.on('end', () => {
      // A body framed by the connection's end (no length given) completes here.
      if (!this.complete && this.statusCode > 0) this.parser.finish();
    });
    this.socket.on('close', () => {
      if (!this.complete) this.fail(new Error('terminated: connection closed before the end of the body'));
    });
    this.socket.write(request);

    this.parser[HTTPParser.kOnHeadersComplete] = (info) => {
      if (info.statusCode >= 100 && info.statusCode < 200) return; // an interim answer: the real one follows
      // The parser checks its size limit only between reads; a head that came in one read is measured here.
      if (info.headers.reduce((n, h) => n + h.length + 2, 0) > maxHeadBytes) throw new Error('more than 64 KB of headers');
      this.statusCode = info.statusCode;
      for (let i = 0; i < info.headers.length; i += 2) {
        const name = info.headers[i]!.toLowerCase();
        if (!(name in this.headers)) this.headers[name] = info.headers[i + 1]!;
      }
      const length = this.headers['content-length'];
      if (length !== undefined && !/^\d+$/.test(length.trim())) throw new Error(`malformed Content-Length "${length.slice(0, 40)}"`);
      this.socket.setTimeout(0);
      this.settleHead?.resolve();
      this.settleHead = null;
    };
    this.parser[HTTPParser.kOnBody] = (chunk, offset, length) => {
      const view = chunk.subarray(offset, offset + length);
      if (this.listener) {
        try {
          this.listener(view);
        } catch (e) {
          this.listenerError = e instanceof Error ? e : new Error(String(e));
          throw e;
        }
      } else this.early.push(Buffer.from(view)); // arrived with the head, before anyone asked for the body
    };
    this.parser[HTTPParser.kOnMessageComplete] = () => {
      if (this.statusCode === 0) return;
      this.complete = true;
      this.settleBody?.resolve();
      this.settleBody = null;
      this.socket.destroy();
    };

    if (options.signal) {
      const signal = options.signal;
      const onAbort = () => this.destroy(new Error('aborted'));
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
      this.socket.once('close', () => signal.removeEventListener('abort', onAbort));
    }
  }

  /** Resolves once the status and headers are in; rejects when the connection fails first. */
  static open(url: URL, options: RawGetOptions): Promise<RawGet> {
    const get = new RawGet(url, options);
    return new Promise((resolve, reject) => {
      if (get.failure) return reject(get.failure);
      if (get.statusCode > 0) return resolve(get);
      get.settleHead = { resolve: () => resolve(get), reject };
    });
  }

  /** Hands each piece of the body to `listener` (a view into the read buffer); resolves when all of it arrived. */
  body(listener: BodyListener): Promise<void> {
    this.listener = listener;
    for (const piece of this.early.splice(0)) listener(piece);
    if (this.complete) return Promise.resolve();
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (this.settleBody = { resolve, reject }));
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.socket.resume();
  }

  /** Stops reading and closes the connection; a pending `open` or `body` rejects with `error`. */
  destroy(error: Error = new Error('closed')): void {
    this.fail(error);
    this.socket.destroy();
  }

  private onRead(n: number, buf: Buffer): boolean {
    if (this.failure) return false;
    let used: number | Error;
    try {
      used = this.parser.execute(buf, 0, n);
    } catch (e) {
      // thrown by a callback above (a malformed length) or by the body's listener (a failed write)
      used = e instanceof Error ? e : new Error(String(e));
    }
    if (used instanceof Error) {
      const code = (used as { code?: string }).code;
      this.destroy(this.listenerError ?? Object.assign(new Error(`${code ? `${code}: ` : ''}${used.message}`), { code: badAnswer }));
      return false;
    }
    // false pauses the socket: the caller resumes it when its writes caught up.
    return !this.paused;
  }

  private fail(error: Error): void {
    if (this.complete || this.failure) return;
    this.failure = error;
    this.settleHead?.reject(error);
    this.settleBody?.reject(error);
    this.settleHead = this.settleBody = null;
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
