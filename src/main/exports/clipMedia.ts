import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { MediaRequest, MediaResponse } from '../video/media';

const contentTypes: Record<string, string> = { mp4: 'video/mp4', m4v: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm', mkv: 'video/x-matroska', ts: 'video/mp2t', avi: 'video/x-msvideo' };
const maxClips = 64;

/**
 * Downloaded exports played in the console: each preview gets an unguessable address under the
 * media route of the page's own origin (as live video: browser mode's server, the desktop's app
 * scheme), which reads the file from disk with HTTP Range, so the player can seek. Only files the
 * console downloaded are served, by a token only the exports.preview call hands out.
 */
export class ClipMedia {
  private readonly clips = new Map<string, { file: string; at: number }>();
  private base: string | null = null;

  expose(base: string): void {
    this.base = base.replace(/\/+$/, '');
  }

  /** The address of a file for the player, or null when this console has no media route. */
  register(file: string): string | null {
    if (this.base === null) return null;
    const token = randomBytes(18).toString('base64url');
    this.clips.set(token, { file, at: Date.now() });
    while (this.clips.size > maxClips) this.clips.delete(this.clips.keys().next().value!);
    const ext = path.extname(file).slice(1).toLowerCase() || 'mp4';
    return `${this.base}/clips/${token}/clip.${ext}`;
  }

  async handle(req: MediaRequest): Promise<MediaResponse> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(405, 'only GET');
    const m = /^\/clips\/([A-Za-z0-9_-]{16,64})\/clip\.[a-z0-9]{1,5}$/.exec(req.path);
    const clip = m ? this.clips.get(m[1]!) : undefined;
    if (!clip) return plain(404, 'this preview is unknown or closed; press Preview again');
    let size: number;
    try {
      const st = await fs.promises.stat(clip.file);
      if (!st.isFile()) throw new Error('not a file');
      size = st.size;
    } catch {
      return plain(404, 'the file is not there any more');
    }
    const type = contentTypes[path.extname(clip.file).slice(1).toLowerCase()] ?? 'application/octet-stream';
    const common = { 'Content-Type': type, 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-store' };
    const range = parseRange(req.range ?? null, size);
    if (range === 'unsatisfiable') return { status: 416, headers: { ...common, 'Content-Range': `bytes */${size}` }, body: null };
    const [start, end] = range ?? [0, size - 1];
    const headers = { ...common, 'Content-Length': String(Math.max(0, end - start + 1)), ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}) };
    const body = req.method === 'HEAD' || size === 0 ? null : (Readable.toWeb(fs.createReadStream(clip.file, { start, end })) as ReadableStream<Uint8Array>);
    return { status: range ? 206 : 200, headers, body };
  }
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

function plain(status: number, text: string): MediaResponse {
  return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: new TextEncoder().encode(text) };
}
