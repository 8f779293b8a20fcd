// Store hours: POST /v1/storehours -> result[store_uuid][effective_day] = { store_uuid, effective_day, open, close }.
// open/close are the store's local wall-clock times written the way the documents' example writes them.

import { findStore } from '../estate/lookup';
import { addDays } from '../estate/time';
import type { Store } from '../estate/types';
import type { SimContext } from '../http/context';
import { HttpError } from '../http/errors';
import { requireObject } from '../http/json';
import type { Router } from '../http/router';
import { sendV1Page, writtenPerPage } from './paging';

const MAX_DAYS = 366;

function isoDay(v: unknown, key: string): string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) || Number.isNaN(Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v))) {
    throw new HttpError(400, `${key} must be an ISO 8601 date/time (yyyy-mm-ddThh:mm:ssZ)`);
  }
  return v.slice(0, 10);
}

export function register(router: Router, ctx: SimContext): void {
  router.post('retailnext', '/v1/storehours', 'storehours.query', async (r) => {
    const body = requireObject(await r.json());
    const stores = typeof body.stores === 'string' ? [body.stores] : body.stores;
    if (!Array.isArray(stores) || stores.length === 0 || stores.some((s) => typeof s !== 'string')) {
      throw new HttpError(400, 'stores is required: a list of store location UUIDs');
    }
    const start = isoDay(body.start_date, 'start_date');
    const end = isoDay(body.end_date, 'end_date');
    if (end < start) throw new HttpError(400, 'end_date comes before start_date');
    const days = Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000) + 1;
    if (days > MAX_DAYS) throw new HttpError(400, `at most ${MAX_DAYS} days per query`);
    // One entry per open store-day; a v1 answer carries 100 entries a page (206 + X-Page-Next while
    // more remain), so only the page's entries are written out (a query of 100 stores x 7 days is 7 pages).
    const dates = Array.from({ length: days }, (_, i) => addDays(start, i)).map((day) => ({ day, weekday: new Date(`${day}T00:00:00Z`).getUTCDay() }));
    const open: Array<{ store: Store; day: string; weekday: number }> = [];
    for (const uuid of stores as string[]) {
      const store = findStore(ctx.estate, uuid);
      if (!store) throw new HttpError(400, `${uuid} is not a store location`);
      for (const d of dates) if (store.hours[d.weekday]) open.push({ store, ...d }); // else closed all day
    }
    const entry = ({ store, day, weekday }: (typeof open)[number]) => {
      const hours = store.hours[weekday]!;
      const overnight = hours.close <= hours.open;
      const key = `${day}T00:00:00Z`;
      return { store: store.uuid, key, entry: { store_uuid: store.uuid, effective_day: key, open: `${day}T${hours.open}:00Z`, close: `${overnight ? addDays(day, 1) : day}T${hours.close}:00Z` } };
    };
    sendV1Page(r, writtenPerPage(open, entry), (page) => {
      const result: Record<string, Record<string, unknown>> = {};
      for (const e of page) (result[e.store] ??= {})[e.key] = e.entry;
      return { result };
    });
  });
}
