import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './errors';

const MAX_BODY = 2 * 1024 * 1024;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | number> = {}): void {
  sendText(res, status, JSON.stringify(body), { 'Content-Type': 'application/json', ...headers });
}

export function sendText(res: ServerResponse, status: number, text: string | Buffer, headers: Record<string, string | number> = {}): void {
  if (res.writableEnded || res.destroyed) return;
  const buf = typeof text === 'string' ? Buffer.from(text) : text;
  res.statusCode = status;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  if (!res.hasHeader('Content-Type')) res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Content-Length', buf.length);
  res.setHeader('X-Frame-Options', 'SAMEORIGIN');
  res.end(buf);
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, 'request body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function parseJson<T>(buf: Buffer): T | undefined {
  const text = buf.toString('utf8').trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new HttpError(400, 'request body is not valid JSON');
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The JSON body as an object, or 400. */
export function requireObject(v: unknown, what = 'request body'): Record<string, unknown> {
  if (!isRecord(v)) throw new HttpError(400, `${what} must be a JSON object`);
  return v;
}
