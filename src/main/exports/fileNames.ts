import path from 'node:path';
import { cameraLabel, isNameShared, sharedNames } from '../../shared/exports/cameraNames';
import { utcToZoned } from '../../shared/exports/zonedTime';

/** Extensions a downloaded export may get; anything else the vendor suggests is ignored. */
const videoExtensions: ReadonlySet<string> = new Set(['mp4', 'mkv', 'mov', 'avi', 'ts', 'm4v', 'webm']);
const reservedWindowsNames = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
const maxStemLength = 150;

/** Keeps letters, digits and a few safe marks; everything else (slashes, control chars, quotes...) becomes "-". */
export function safePart(text: string): string {
  const cleaned = text
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N} ._()+-]/gu, '-')
    .replace(/\s+/g, ' ')
    .replace(/-(?: ?-)+/g, '-')
    .replace(/^[\s.-]+|[\s.-]+$/g, '');
  return cleaned;
}

/** 2026-04-19T10:00:00Z -> 20260419T100000Z */
export function compactUtc(iso: string): string {
  return iso.replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
}

export interface StemInput {
  storeName: string;
  /** The store's zone: the start time is written as the store's clock showed it. */
  timeZone: string;
  channels: Array<{ name: string; mac?: string | null; nameShared?: boolean }>;
  start: string;
}

const separator = ' - ';
const maxStoreBytes = 60;

/**
 * "Store - Camera - 2026-04-19 10.00.00": the store, the cameras by name (a MAC tail only where two
 * cameras share a name) and the start in the store's time, each part through the sanitizer, so the
 * name is safe on Windows, macOS and Linux (no ":" in the time). The cameras give way when it is long.
 */
export function exportStem(input: StemInput): string {
  const inList = sharedNames(input.channels);
  const names = input.channels
    .map((c) => safePart(cameraLabel(c, Boolean(c.nameShared) || isNameShared(c, inList))))
    .filter(Boolean);
  const time = localStamp(input.start, input.timeZone);
  const store = clampBytes(safePart(input.storeName), maxStoreBytes) || 'Store';
  const room = maxStemLength - Buffer.byteLength(store + separator + separator + time, 'utf8');
  const cameras = cameraList(names, input.channels.length, room);
  return clampStem([store, cameras, time].join(separator));
}

/** "Aisle", "Aisle, Door", "Aisle, Door and 3 more cameras", within `room` bytes. */
function cameraList(names: string[], count: number, room: number): string {
  const more = (shown: number) => (count - shown === 1 ? ' and 1 more camera' : ` and ${count - shown} more cameras`);
  if (names.length === 0) return count === 1 ? 'Camera' : `${count} cameras`;
  for (let shown = Math.min(names.length, 3); shown >= 1; shown--) {
    const text = names.slice(0, shown).join(', ') + (shown < count ? more(shown) : '');
    if (Buffer.byteLength(text, 'utf8') <= room) return text;
  }
  const tail = count > 1 ? more(1) : '';
  return clampBytes(names[0]!, Math.max(8, room - Buffer.byteLength(tail, 'utf8'))) + tail;
}

/** 2026-04-19T14:00:00Z in America/New_York -> "2026-04-19 10.00.00" (dots: ":" is not allowed on Windows). */
export function localStamp(iso: string, timeZone: string): string {
  let local: string;
  try {
    local = utcToZoned(iso, timeZone);
  } catch {
    local = `${utcToZoned(iso, 'UTC')} UTC`;
  }
  return local.replace('T', ' ').replace(/:/g, '.');
}

function clampBytes(text: string, max: number): string {
  let s = text;
  while (Buffer.byteLength(s, 'utf8') > max) s = [...s].slice(0, -1).join('');
  return s.replace(/[\s.,-]+$/, '');
}

function clampStem(stem: string): string {
  let s = clampBytes(stem, maxStemLength);
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
