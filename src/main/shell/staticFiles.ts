import path from 'node:path';

/** Types of the files the built renderer holds. */
const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export function contentTypeOf(file: string): string {
  return mimeTypes[path.extname(file)] ?? 'application/octet-stream';
}

/**
 * The file of the renderer folder an address path names ("/" is index.html), or null when the
 * path cannot name one: bad percent-encoding, a NUL byte (fs would throw synchronously), or a
 * place outside the folder. Both shells serve the renderer through this.
 */
export function rendererFile(root: string, pathname: string): string | null {
  let relative: string;
  try {
    relative = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (relative.includes('\0')) return null;
  if (relative === '/' || relative === '') relative = '/index.html';
  const rootResolved = path.resolve(root);
  const file = path.resolve(rootResolved, '.' + relative);
  return file.startsWith(rootResolved + path.sep) ? file : null;
}
