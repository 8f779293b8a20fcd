import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { MediaResponse } from './media';

const contentTypes: Record<string, string> = { mp4: 'video/mp4', m4v: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm', mkv: 'video/x-matroska', ts: 'video/mp2t', avi: 'video/x-msvideo' };

/**
 * A file on disk as a media answer, whole or by HTTP Range (the player seeks with it); its body
 * streams from disk as it is sent. A shell serves a clip preview with it in its own process:
 * reading a file is asynchronous I/O, no work on its loop, and nothing passes through the core.
 */
export async function serveFile(file: string, method: string, rangeHeader: string | null | undefined): Promise<MediaResponse> {
  if (method !== 'GET' && method !== 'HEAD') return plain(405, 'only GET');
  let size: number;
  try {
    const st = await fs.promises.stat(file);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    return plain(404, 'the file is not there any more');
  }
  const type = contentTypes[path.extname(file).slice(1).toLowerCase()] ?? 'application/octet-stream';
  const common = { 'Content-Type': type, 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-store' };
  const range = parseRange(rangeHeader ?? null, size);
  if (range === 'unsatisfiable') return { status: 416, headers: { ...common, 'Content-Range': `bytes */${size}` }, body: null };
  const [start, end] = range ?? [0, size - 1];
  const headers = { ...common, 'Content-Length': String(Math.max(0, end - start + 1)), ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}) };
  const body = method === 'HEAD' || size === 0 ? null : (Readable.toWeb(fs.createReadStream(file, { start, end })) as ReadableStream<Uint8Array>);
  return { status: range ? 206 : 200, headers, body };
}

/**
 * One byte range of a Range header (RFC 9110): "bytes=a-b", "bytes=a-", "bytes=-n". Null: no usable
 * range, the whole file is sent (several ranges too: the player asks for one). 'unsatisfiable': past the end.
 */
export function parseRange(header: string | null, size: number): [number, number] | null | 'unsatisfiable' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0) return 'unsatisfiable';
    return size === 0 ? 'unsatisfiable' : [Math.max(0, size - n), size - 1];
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size) return 'unsatisfiable';
  if (end < start) return null;
  return [start, end];
}

export function plain(status: number, text: string): MediaResponse {
  return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: new TextEncoder().encode(text) };
}
