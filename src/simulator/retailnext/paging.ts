// RetailNext paging: v1 lists (X-Page-Length / X-Page-Start, 206 + X-Page-Next while more remain),
// the inventory's string cursors (next_page, "end" on the last page) and v2's 10,000-entry cap.

import { HttpError } from '../http/errors';
import { sendJson } from '../http/json';
import type { SimRequest } from '../http/router';

export const V1_MAX_PAGE = 100;
export const V2_MAX_ENTRIES = 10_000;

function header(r: SimRequest, name: string): string | undefined {
  const v = r.req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** X-Page-Length: default and maximum 100 (larger values are served as 100). */
export function pageLength(r: SimRequest): number {
  const raw = header(r, 'x-page-length');
  if (raw === undefined || raw.trim() === '') return V1_MAX_PAGE;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new HttpError(400, `X-Page-Length must be a positive integer (got "${raw}")`);
  return Math.min(n, V1_MAX_PAGE);
}

/** What a v1 page is cut from: an array, or a list whose entries are written out only for the page (`writtenPerPage`). */
export type V1List<T> = Pick<readonly T[], 'length' | 'slice'>;

/** `items` as a v1 list that writes out (`write`) only the entries of the page asked for. */
export function writtenPerPage<I, T>(items: readonly I[], write: (item: I) => T): V1List<T> {
  return { length: items.length, slice: (start = 0, end = items.length) => items.slice(start, end).map(write) };
}

/** Serve one v1 page of `items`: 206 with X-Page-Next while more remain, else 200. */
export function sendV1Page<T>(r: SimRequest, items: V1List<T>, wrap: (page: T[]) => unknown = (page) => page): void {
  const length = pageLength(r);
  const rawStart = header(r, 'x-page-start');
  let start = 0;
  if (rawStart !== undefined && rawStart.trim() !== '') {
    start = Number(rawStart);
    if (!Number.isInteger(start) || start < 0) throw new HttpError(400, `X-Page-Start must be a non-negative integer (got "${rawStart}")`);
  }
  const page = items.slice(start, start + length);
  const more = start + length < items.length;
  sendJson(r.res, more ? 206 : 200, wrap(page), more ? { 'X-Page-Next': String(start + length) } : {});
}

/** The inventory cursor sent back by the client: X-Page-Start (or X-Page, or ?next_page=). */
export function inventoryCursor(r: SimRequest): string | undefined {
  const v = header(r, 'x-page-start') ?? header(r, 'x-page') ?? r.query.get('next_page') ?? r.query.get('page') ?? undefined;
  return v === undefined || v === '' ? undefined : v;
}

/**
 * One inventory page over `items`: the cursor is the key of the first item of the page, so
 * next_page is the key of the first item of the next page, or "end".
 */
export function inventoryPage<T>(r: SimRequest, items: readonly T[], keyOf: (item: T) => string, findIndex?: (key: string) => number): { page: T[]; next_page: string } {
  const length = pageLength(r);
  const cursor = inventoryCursor(r);
  let start = 0;
  if (cursor !== undefined) {
    if (cursor === 'end') return { page: [], next_page: 'end' };
    start = findIndex ? findIndex(cursor) : items.findIndex((it) => keyOf(it) === cursor);
    if (start < 0) throw new HttpError(400, `unknown page "${cursor}"`);
  }
  const page = items.slice(start, start + length);
  const next = items[start + length];
  return { page, next_page: next === undefined ? 'end' : keyOf(next) };
}

/** v2 answers carry at most 10,000 entries; the rest is trimmed (the docs: "be more specific"). */
export function capV2<T>(items: T[]): T[] {
  return items.length > V2_MAX_ENTRIES ? items.slice(0, V2_MAX_ENTRIES) : items;
}
