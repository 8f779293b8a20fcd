/**
 * The download thread, as plain JavaScript run with `new Worker(source, { eval: true })` (the same
 * reason as src/main/sync/writer/workerSource.ts: the core runs from TypeScript sources and from
 * electron-vite's bundle). It owns one GET: the connection, http-parser-js reading the status,
 * headers and framing, and the body written to the part file at its own offsets.
 *
 * Why a thread that writes synchronously: each read lands in one reused buffer and is written to
 * the file from it at once, on the same thread and core, while the bytes are still in the CPU's
 * cache; that is what curl does. Handing each piece to libuv's pool for an asynchronous write made
 * the kernel's copy into the page cache cost 2-3x more system time (bench/video-download), and a
 * synchronous write on the core's own thread would freeze the console on a slow or hung disk.
 *
 * Protocol: the thread posts `head` (status, raw header list) and pauses until the main thread
 * answers `body` (the fd and the offset to write at) or `close`; then it posts `done` or `error`
 * once, and the main thread ends it. What is on disk is published in the `written` buffer that
 * came with `body` (BigInt64 [0]: the TailHasher's shared counter), which wakes the hasher every MB;
 * nothing is posted per piece.
 */
export const getThreadSource = String.raw`
'use strict';
const { parentPort, workerData: d } = require('node:worker_threads');
const net = require('node:net');
const tls = require('node:tls');
const fs = require('node:fs');
const { HTTPParser } = require(d.parserModule);

let written = null;
let wake = null;
const wakeEvery = 1024 * 1024;
let fd = -1;
let position = 0;
let notified = 0;
let statusCode = 0;
let deciding = false;
let writing = false;
let complete = false;
let finished = false;
let writeError = null;
const early = [];

const publish = (force) => {
  Atomics.store(written, 0, BigInt(position));
  if (force || position - notified >= wakeEvery) {
    notified = position;
    Atomics.add(wake, 0, 1);
    Atomics.notify(wake, 0);
  }
};

const writeOut = (buf, from, length) => {
  let done = 0;
  try {
    while (done < length) done += fs.writeSync(fd, buf, from + done, length - done, position + done);
  } catch (e) {
    writeError = e;
    throw e;
  }
  position += length;
  publish(false);
};

const errorOf = (e) => ({ message: String((e && e.message) || e), code: e && typeof e.code === 'string' ? e.code : undefined });

const fail = (kind, e) => {
  if (finished) return;
  finished = true;
  if (fd >= 0) publish(true);
  parentPort.postMessage({ type: 'error', kind, error: errorOf(e) });
  socket.destroy();
};

const succeed = () => {
  if (finished) return;
  finished = true;
  publish(true);
  parentPort.postMessage({ type: 'done', position });
  socket.destroy();
};

const parser = new HTTPParser(HTTPParser.RESPONSE);
parser.maxHeaderSize = d.maxHeadBytes;
// http-parser-js reads a chunk size that is not hex (parseInt gives NaN) as the last chunk: a
// broken or hostile server could end the evidence file early and it would look complete. This is
// its own state function with that one check added.
parser.BODY_CHUNKHEAD = function () {
  const line = this.consumeLine();
  if (line === undefined) return;
  if (!/^[0-9a-fA-F]+[ 	]*(;.*)?$/.test(line)) throw new Error('malformed chunk size "' + line.slice(0, 40) + '"');
  this.body_bytes = parseInt(line, 16);
  this.state = this.body_bytes ? 'BODY_CHUNK' : 'BODY_CHUNKTRAILERS';
};
parser[HTTPParser.kOnHeadersComplete] = (info) => {
  if (info.statusCode >= 100 && info.statusCode < 200) return; // an interim answer: the real one follows
  // The parser checks its size limit only between reads; a head that came in one read is measured here.
  if (info.headers.reduce((n, h) => n + h.length + 2, 0) > d.maxHeadBytes) throw new Error('more than 64 KB of headers');
  for (let i = 0; i < info.headers.length; i += 2) {
    if (info.headers[i].toLowerCase() !== 'content-length') continue;
    const length = info.headers[i + 1];
    if (!/^\d+$/.test(length.trim())) throw new Error('malformed Content-Length "' + length.slice(0, 40) + '"');
    break;
  }
  statusCode = info.statusCode;
  deciding = true;
  socket.setTimeout(0);
  parentPort.postMessage({ type: 'head', statusCode, headers: info.headers });
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

const onRead = (n, buf) => {
  if (finished) return false;
  let used;
  try {
    used = parser.execute(buf, 0, n);
  } catch (e) {
    used = e instanceof Error ? e : new Error(String(e));
  }
  if (used instanceof Error) {
    if (writeError) fail('write', writeError);
    else fail('answer', { message: (used.code ? used.code + ': ' : '') + used.message });
    return false;
  }
  // false pauses the socket while the main thread decides what to do with the answer
  return !deciding;
};

const onread = { buffer: Buffer.allocUnsafe(d.readBufferBytes), callback: onRead };
const socket = d.https
  ? tls.connect({ host: d.host, port: d.port, servername: d.servername, ALPNProtocols: ['http/1.1'], ca: d.ca, onread })
  : net.connect({ host: d.host, port: d.port, onread });
socket.setTimeout(d.headTimeoutMs, () => fail('network', { message: 'no answer', code: 'ETIMEDOUT' }));
socket.on('error', (e) => fail('network', e));
socket.on('end', () => {
  // A body framed by the connection's end (no length given) completes here.
  if (complete || statusCode === 0) return;
  try {
    parser.finish();
  } catch (e) {
    fail('answer', e);
  }
});
socket.on('close', () => {
  if (!complete) fail('network', { message: 'terminated: connection closed before the end of the body' });
});
socket.write(d.request);

parentPort.on('message', (m) => {
  if (m.type === 'close' || m.type === 'abort') {
    fail('aborted', { message: m.message || 'closed' });
    return;
  }
  if (m.type !== 'body' || finished) return;
  fd = m.fd;
  position = m.position;
  written = new BigInt64Array(m.written, 0, 1);
  wake = new Int32Array(m.written, 16, 1);
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
`;
