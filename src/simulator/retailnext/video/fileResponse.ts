/**
 * Serve a file on disk with what a resuming downloader needs: Content-Length, a strong ETag,
 * Last-Modified, Accept-Ranges, single byte ranges (206), 416 for unsatisfiable ones, If-Range,
 * If-None-Match and HEAD. Streams from disk (large exports are > 1 GB).
 */
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';

export interface ServedFile {
  path: string;
  etag: string;
  contentType: string;
  /** suggested file name for Content-Disposition */
  filename: string;
}

type ByteRange = { start: number; end: number } | 'unsatisfiable' | null;

/** A single "bytes=" range; null when absent or not understood (serve the whole file). */
export function parseRange(header: string | undefined, size: number): ByteRange {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return null; // several ranges or another unit: the whole file is a valid answer
  const [, a, b] = m;
  if (a === '' && b === '') return null;
  if (a === '') {
    const suffix = Number(b);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(a);
  const end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

export async function sendFile(req: IncomingMessage, res: ServerResponse, file: ServedFile): Promise<void> {
  const stat = statSync(file.path);
  const size = stat.size;
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('ETag', file.etag);
  res.setHeader('Last-Modified', stat.mtime.toUTCString());
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
  res.setHeader('Cache-Control', 'private, max-age=0');

  const inm = req.headers['if-none-match'];
  if (inm && inm.split(',').map((s) => s.trim()).includes(file.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  let range = parseRange(req.headers.range, size);
  const ifRange = req.headers['if-range'];
  if (range && ifRange && ifRange !== file.etag && ifRange !== stat.mtime.toUTCString()) range = null;

  if (range === 'unsatisfiable') {
    res.statusCode = 416;
    res.setHeader('Content-Range', `bytes */${size}`);
    res.setHeader('Content-Type', 'application/json');
    const body = JSON.stringify({ ok: false, error: `range not satisfiable (file is ${size} bytes)` });
    res.setHeader('Content-Length', Buffer.byteLength(body));
    res.end(body);
    return;
  }
  const start = range ? range.start : 0;
  const end = range ? range.end : size - 1;
  res.statusCode = range ? 206 : 200;
  if (range) res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
  res.setHeader('Content-Length', end - start + 1);
  if (req.method === 'HEAD' || size === 0) {
    res.end();
    return;
  }
  try {
    await pipeline(createReadStream(file.path, { start, end, highWaterMark: 1024 * 1024 }), res);
  } catch {
    // the client went away (or a resetMidBody fault cut it): nothing more to send
    if (!res.destroyed) res.destroy();
  }
}
