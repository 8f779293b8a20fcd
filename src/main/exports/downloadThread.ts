/**
 * The download thread (started by rawGet.ts through platform/threads.ts). It owns one GET: the
 * connection, http-parser-js reading the status, headers and framing, and the body written to the
 * part file at its own offsets.
 *
 * Why a thread that writes synchronously: each read lands in one reused buffer and is written to
 * the file from it at once, on the same thread and core, while the bytes are still in the CPU's
 * cache; that is what curl does. Handing each piece to libuv's pool for an asynchronous write made
 * the kernel's copy into the page cache cost 2-3x more system time (bench/video-download), and a
 * synchronous write on the core's own thread would freeze the console on a slow or hung disk.
 *
 * Protocol (threadProtocol.ts): the thread posts `head` (status, raw header list) and pauses until
 * the main thread answers `body` (the fd and the offset to write at) or `close`; then it posts
 * `done` or `error` once, and the main thread ends it. What is on disk is published in the
 * `written` buffer that came with `body` (the TailHasher's shared progress), which wakes the
 * hasher every MB; nothing is posted per piece.
 */
import { HTTPParser } from 'http-parser-js';
import fs from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { parentPort, workerData } from 'node:worker_threads';
import {
  progressLayout,
  type DownloadFailureKind,
  type DownloadThreadData,
  type FromDownloadThread,
  type ToDownloadThread,
} from './threadProtocol';
import { stepBackThisThread } from '../platform/priority';

// A download is background work: the windows and the core's calls come first (platform/priority.ts).
stepBackThisThread('downloadThread');

const d = workerData as DownloadThreadData;
const port = parentPort!;
const post = (m: FromDownloadThread) => port.postMessage(m);
const wakeEvery = 1024 * 1024;

let written: BigInt64Array | null = null;
let wake: Int32Array | null = null;
let fd = -1;
let position = 0;
let notified = 0;
let statusCode = 0;
let deciding = false;
let writing = false;
let complete = false;
let finished = false;
let writeError: unknown = null;
const early: Buffer[] = [];

function publish(force: boolean): void {
  if (!written || !wake) return;
  Atomics.store(written, 0, BigInt(position));
  if (force || position - notified >= wakeEvery) {
    notified = position;
    Atomics.add(wake, 0, 1);
    Atomics.notify(wake, 0);
  }
}

function writeOut(buf: Buffer, from: number, length: number): void {
  let done = 0;
  try {
    while (done < length) done += fs.writeSync(fd, buf, from + done, length - done, position + done);
  } catch (e) {
    writeError = e;
    throw e;
  }
  position += length;
  publish(false);
}

function errorOf(e: unknown): { message: string; code?: string } {
  const code = (e as { code?: unknown } | null)?.code;
  const message = e instanceof Error ? e.message : typeof e === 'object' && e !== null && 'message' in e ? String(e.message) : String(e);
  return { message, code: typeof code === 'string' ? code : undefined };
}

function fail(kind: DownloadFailureKind, e: unknown): void {
  if (finished) return;
  finished = true;
  if (fd >= 0) publish(true);
  post({ type: 'error', kind, error: errorOf(e) });
  socket.destroy();
}

function succeed(): void {
  if (finished) return;
  finished = true;
  publish(true);
  post({ type: 'done', position });
  socket.destroy();
}

/** The parser's own state machine, which the chunk-size check below replaces one step of. */
interface ParserInternals {
  consumeLine(): string | undefined;
  body_bytes: number;
  state: string;
}

const parser = new HTTPParser(HTTPParser.RESPONSE);
parser.maxHeaderSize = d.maxHeadBytes;
// http-parser-js reads a chunk size that is not hex (parseInt gives NaN) as the last chunk: a
// broken or hostile server could end the evidence file early and it would look complete. This is
// its own state function with that one check added.
(parser as unknown as { BODY_CHUNKHEAD(this: ParserInternals): void }).BODY_CHUNKHEAD = function (this: ParserInternals) {
  const line = this.consumeLine();
  if (line === undefined) return;
  if (!/^[0-9a-fA-F]+[ \t]*(;.*)?$/.test(line)) throw new Error(`malformed chunk size "${line.slice(0, 40)}"`);
  this.body_bytes = parseInt(line, 16);
  this.state = this.body_bytes ? 'BODY_CHUNK' : 'BODY_CHUNKTRAILERS';
};
parser[HTTPParser.kOnHeadersComplete] = (info) => {
  if (info.statusCode >= 100 && info.statusCode < 200) return; // an interim answer: the real one follows
  // The parser checks its size limit only between reads; a head that came in one read is measured here.
  if (info.headers.reduce((n, h) => n + h.length + 2, 0) > d.maxHeadBytes) throw new Error('more than 64 KB of headers');
  for (let i = 0; i < info.headers.length; i += 2) {
    if (info.headers[i]!.toLowerCase() !== 'content-length') continue;
    const length = info.headers[i + 1]!;
    if (!/^\d+$/.test(length.trim())) throw new Error(`malformed Content-Length "${length.slice(0, 40)}"`);
    break;
  }
  statusCode = info.statusCode;
  deciding = true;
  socket.setTimeout(0);
  post({ type: 'head', statusCode, headers: info.headers });
};
parser[HTTPParser.kOnBody] = (chunk, offset, length) => {
  if (writing) writeOut(chunk, offset, length);
  else early.push(Buffer.from(chunk.subarray(offset, offset + length))); // came with the head
};
parser[HTTPParser.kOnMessageComplete] = () => {
  if (statusCode === 0) return;
  complete = true;
  if (writing) succeed();
};

function onRead(n: number, buf: Buffer): boolean {
  if (finished) return false;
  let used: number | Error;
  try {
    used = parser.execute(buf, 0, n);
  } catch (e) {
    used = e instanceof Error ? e : new Error(String(e));
  }
  if (used instanceof Error) {
    const code = (used as { code?: unknown }).code;
    if (writeError) fail('write', writeError);
    else fail('answer', { message: (typeof code === 'string' ? `${code}: ` : '') + used.message });
    return false;
  }
  // false pauses the socket while the main thread decides what to do with the answer
  return !deciding;
}

const onread: net.OnReadOpts = { buffer: Buffer.allocUnsafe(d.readBufferBytes), callback: onRead };
// tls.connect passes socket options such as `onread` on to its socket (Node's types leave it out).
const tlsOptions: tls.ConnectionOptions & { onread: net.OnReadOpts } = {
  host: d.host,
  port: d.port,
  servername: d.servername,
  ALPNProtocols: ['http/1.1'],
  ca: d.ca,
  onread,
};
const socket: net.Socket = d.https ? tls.connect(tlsOptions) : net.connect({ host: d.host, port: d.port, onread });
socket.setTimeout(d.headTimeoutMs, () => fail('network', { message: 'no answer', code: 'ETIMEDOUT' }));
socket.on('error', (e) => fail('network', e));
socket.on('end', () => {
  // A body framed by the connection's end (no length given) completes here.
  if (complete || statusCode === 0) return;
  try {
    // An end in the middle of a framed body returns an error here; 'close' reports it as the network's.
    parser.finish();
  } catch (e) {
    fail('answer', e);
  }
});
socket.on('close', () => {
  if (!complete) fail('network', { message: 'terminated: connection closed before the end of the body' });
});
socket.write(d.request);

port.on('message', (m: ToDownloadThread) => {
  if (m.type === 'close' || m.type === 'abort') {
    fail('aborted', { message: m.message || 'closed' });
    return;
  }
  if (finished) return;
  fd = m.fd;
  position = m.position;
  written = new BigInt64Array(m.written, progressLayout.writtenAt, 1);
  wake = new Int32Array(m.written, progressLayout.wakeAt, 1);
  notified = position;
  writing = true;
  deciding = false;
  try {
    for (const piece of early.splice(0)) writeOut(piece, 0, piece.length);
  } catch (e) {
    fail('write', e);
    return;
  }
  if (complete) succeed();
  else socket.resume();
});
