// Flow Reporting API: POST /rest/kpis/hourly (served at /flow/rest/kpis/hourly).
// One date per request, at most 20 explicit store codes, hourly rows in the store's local time.

import { flowHour } from '../estate/kpi';
import { estateIndex } from '../estate/lookup';
import { isIsoDate, localDayHours, localParts, type LocalParts } from '../estate/time';
import type { Estate } from '../estate/types';
import type { SimContext } from '../http/context';
import { HttpError } from '../http/errors';
import { isRecord, sendText } from '../http/json';
import type { Router, SimRequest } from '../http/router';

export const FLOW_MAX_STORES = 20;

export interface FlowRow {
  storeCode: string;
  timestamp: string;
  traffic: Record<string, { enters: number; exits: number }>;
  demographics: Record<string, number>;
  sales: number;
  transactions: number;
  itemSold: number;
}

const groupKeys = Array.from({ length: 8 }, (_, i) => `"group_${i + 1}":`);

/**
 * Whole cents as the amount JSON writes for cents / 100 (12340 -> "123.4"), without converting a
 * fraction: the shortest decimal that reads back as cents / 100 is the cents' own digits.
 */
function amountOf(cents: number): string {
  if (!Number.isInteger(cents) || cents < 0 || cents >= 1e13) return String(cents / 100);
  const units = Math.floor(cents / 100);
  const rest = cents - units * 100;
  if (rest === 0) return String(units);
  return rest % 10 === 0 ? `${units}.${rest / 10}` : `${units}.${rest < 10 ? '0' : ''}${rest}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function register(router: Router, ctx: SimContext): void {
  const { estate } = ctx;
  /** The request checked and its answer made; a wrong request is the 400 that names the problem. */
  const answer = async (r: SimRequest): Promise<Buffer> => {
    const body = await r.json();
    if (!isRecord(body)) throw new HttpError(400, 'Request format: send a JSON object {"date": "yyyy-mm-dd", "storeCodes": [...]}');
    if (Array.isArray(body.date) || body.dates !== undefined) throw new HttpError(400, 'One date per request: send "date" as a single yyyy-mm-dd string');
    if (!isIsoDate(body.date)) throw new HttpError(400, '"date" is required, in the format yyyy-mm-dd');
    const codes = body.storeCodes;
    if (!Array.isArray(codes) || codes.length === 0) throw new HttpError(400, '"storeCodes" is required: a list of store codes');
    if (codes.some((c) => typeof c !== 'string' && typeof c !== 'number')) throw new HttpError(400, 'store codes must be strings');
    const list = codes.map(String);
    if (list.some((c) => c.includes('*'))) throw new HttpError(400, 'The * wildcard cannot be used: store codes must be explicitly specified');
    if (list.length > FLOW_MAX_STORES) throw new HttpError(400, `Maximum ${FLOW_MAX_STORES} stores per request: split the request (got ${list.length})`);
    // Encoded here too, so the latency's end only sends.
    return Buffer.from(flowHourlyAnswer(estate, list, body.date, ctx.now().getTime()));
  };
  // Made as the request arrives (prepare): a large sync keeps 8 of them waiting out the latency at once.
  router.post('flow', '/kpis/hourly', 'kpis.hourly', async (r) => sendText(r.res, 200, await ((r.prepared as Promise<Buffer> | undefined) ?? answer(r)), { 'Content-Type': 'application/json' }), { prepare: answer });
}

/**
 * The answer to one request (its stores, its date) as Flow's JSON text. Rows are written as text
 * directly: this is the simulator's hottest KPI path (a large sync asks it thousands of times, each
 * answer hundreds of store-hours).
 */
export function flowHourlyAnswer(estate: Estate, codes: readonly string[], date: string, nowMs: number): string {
  const idx = estateIndex(estate);
  const rows: string[] = [];
  // The date's hours and their local parts, once per time zone (a request's stores share a few).
  const dayHours = new Map<string, Array<{ start: number; parts: LocalParts }>>();
  for (const code of [...new Set(codes)]) {
    const store = idx.storesByFlowCode.get(code);
    if (!store) continue; // unknown codes simply have no data
    const codeJson = JSON.stringify(code);
    const entranceKeys = store.entranceUuids.map((_, e) => `"${String(e + 1).padStart(3, '0')}":{"enters":`);
    let hours = dayHours.get(store.time_zone);
    if (!hours) dayHours.set(store.time_zone, (hours = localDayHours(store.time_zone, date).map((start) => ({ start, parts: localParts(store.time_zone, start) }))));
    for (const { start, parts } of hours) {
      if (start > nowMs) break;
      const k = flowHour(estate, store, start, parts, nowMs);
      if (!k) continue;
      let traffic = '';
      for (let e = 0; e < entranceKeys.length; e++) traffic += `${e ? ',' : ''}${entranceKeys[e]}${k.enters[e]},"exits":${k.exits[e]}}`;
      let demographics = '';
      for (let i = 0; i < k.demographics.length; i++) {
        const v = k.demographics[i]!;
        if (v > 0) demographics += `${demographics ? ',' : ''}${groupKeys[i]}${v}`;
      }
      // The document's "sales" is the "total sales amount", in the account's currency (no minor
      // units); the model counts cents.
      rows.push(
        `{"storeCode":${codeJson},"timestamp":"${k.localDate}T${pad(k.localHour)}:00:00","traffic":{${traffic}},"demographics":{${demographics}},"sales":${amountOf(k.sales)},"transactions":${k.transactions},"itemSold":${k.itemsSold}}`,
      );
    }
  }
  return `{"data":[${rows.join(',')}],"status":200}`;
}
