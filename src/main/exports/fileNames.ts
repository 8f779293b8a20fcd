import path from 'node:path';

/** Extensions a downloaded export may get; anything else the vendor suggests is ignored. */
const videoExtensions = new Set(['mp4', 'mkv', 'mov', 'avi', 'ts', 'm4v', 'webm']);
const reservedWindowsNames = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
const maxStemLength = 150;

/** Keeps letters, digits and a few safe marks; everything else (slashes, control chars, quotes...) becomes "-". */
export function safePart(text: string): string {
  const cleaned = text
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N} ._()+-]/gu, '-')
    .replace(/\s+/g, ' ')
    .replace(/-{2,}/g, '-')
    .replace(/^[\s.-]+|[\s.-]+$/g, '');
  return cleaned;
}

/** 2026-04-19T10:00:00Z -> 20260419T100000Z */
export function compactUtc(iso: string): string {
  return iso.replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
}

/** A short, safe file stem: store, channels, UTC range. */
export function exportStem(input: { storeName: string; channels: Array<{ name: string }>; start: string; end: string }): string {
  const names = input.channels.map((c) => safePart(c.name)).filter(Boolean);
  const channels = names.length === 0 ? `${input.channels.length}ch` : names.length <= 2 ? names.join('+') : `${names[0]}+${names.length - 1} more`;
  const stem = [safePart(input.storeName) || 'store', channels, `${compactUtc(input.start)}-${compactUtc(input.end)}`].join('_');
  return clampStem(stem);
}

function clampStem(stem: string): string {
  let s = stem;
  // bytes, not characters: file systems count bytes (255 max); leave room for " (99).mp4.evidence.json"
  while (Buffer.byteLength(s, 'utf8') > maxStemLength) s = s.slice(0, -1);
  s = s.replace(/[\s.]+$/, '');
  if (s === '' || reservedWindowsNames.test(s.split('.')[0] ?? '')) s = `_${s}`;
  return s;
}

/**
 * The extension to use: the vendor's suggestion (Content-Disposition or Content-Type) only when it is
 * a known video extension, else what the request implies. Never a path: only the letters after the last dot.
 */
export function pickExtension(contentDisposition: string | null, contentType: string | null, fallback: string): string {
  const suggested = dispositionFileName(contentDisposition);
  const ext = suggested ? (/\.([A-Za-z0-9]{1,5})$/.exec(suggested)?.[1] ?? '').toLowerCase() : '';
  if (videoExtensions.has(ext)) return ext;
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'video/mp4') return 'mp4';
  if (type === 'video/x-matroska') return 'mkv';
  return fallback;
}

/** The filename a Content-Disposition header suggests (for its extension only; never used as a path). */
export function dispositionFileName(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      return null;
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(header);
  return plain ? (plain[2] ?? plain[1] ?? '').trim() : null;
}

/** Resolves a name inside the folder, refusing anything that would land elsewhere. */
export function insideFolder(folder: string, name: string): string {
  const root = path.resolve(folder);
  const full = path.resolve(root, name);
  if (path.dirname(full) !== root || path.basename(full) !== name || name === '' || name === '.' || name === '..') {
    throw new Error(`refusing a file name outside the export folder: ${JSON.stringify(name)}`);
  }
  return full;
}
