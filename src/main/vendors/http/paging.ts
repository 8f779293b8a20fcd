import { AppError } from '../../../shared/contract/errors';
import { httpRequest, type HttpResult, type RequestSpec } from './client';

/**
 * RetailNext v1 paging: ask with X-Page-Length (max 100) and X-Page-Start; a 206 or an
 * X-Page-Next header means more pages, X-Page-Next is the next start. Every v1 read goes through
 * here, POST queries too (health alerts, store hours, predicted traffic): the documents cap every
 * v1 answer at 100 entries, whatever the method.
 */
export async function* v1Pages(spec: RequestSpec, pageLength = 100): AsyncGenerator<HttpResult> {
  let start: string | null = null;
  const seen = new Set<string>();
  for (;;) {
    const headers: Record<string, string> = { ...spec.headers, 'x-page-length': String(pageLength) };
    if (start !== null) headers['x-page-start'] = start;
    const res = await httpRequest({ ...spec, headers });
    yield res;
    const next = res.headers.get('x-page-next');
    if (!next) {
      // "The HTTP response code indicates whether a response contains all possible entries": a 206 is never the end.
      if (res.status === 206) throw new AppError('bad_response', `${spec.vendor} said more results exist but not where they start, while trying to ${spec.what}; nothing was saved.`, 'HTTP 206 without X-Page-Next');
      return;
    }
    if (seen.has(next)) throw new AppError('bad_response', `${spec.vendor} repeated a page while trying to ${spec.what}.`, `X-Page-Next ${next} seen twice`);
    seen.add(next);
    start = next;
  }
}

/**
 * RetailNext inventory paging: the body carries `next_page`, an opaque string ("end" = last page),
 * sent back as X-Page-Start (the inventory's "X-Page string values").
 */
export async function* cursorPages<T extends { next_page?: string | null }>(spec: RequestSpec, parse: (res: HttpResult) => T): AsyncGenerator<T> {
  let cursor: string | null = null;
  const seen = new Set<string>();
  for (;;) {
    const headers: Record<string, string> = { ...spec.headers };
    if (cursor !== null) headers['x-page-start'] = cursor;
    const page = parse(await httpRequest({ ...spec, headers }));
    yield page;
    const next = page.next_page;
    if (!next || next === 'end') return;
    if (seen.has(next)) throw new AppError('bad_response', `${spec.vendor} repeated a page while trying to ${spec.what}.`, `next_page ${next} seen twice`);
    seen.add(next);
    cursor = next;
  }
}
