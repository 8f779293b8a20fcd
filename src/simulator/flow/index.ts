// Flow Reporting API: POST /rest/kpis/hourly (served at /flow/rest/kpis/hourly).
// One date per request, at most 20 explicit store codes, hourly rows in the store's local time.

import { flowHour } from '../estate/kpi';
import { estateIndex } from '../estate/lookup';
import { isIsoDate, localDayHours } from '../estate/time';
import type { SimContext } from '../http/context';
import { HttpError } from '../http/errors';
import { isRecord, sendText } from '../http/json';
import type { Router } from '../http/router';

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

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function register(router: Router, ctx: SimContext): void {
  const { estate } = ctx;
  router.post('flow', '/kpis/hourly', 'kpis.hourly', async (r) => {
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

    const date = body.date;
    const nowMs = ctx.now().getTime();
    const idx = estateIndex(estate);
    // Rows are written as JSON text directly: this endpoint is the simulator's hottest KPI path
    // (a large sync asks it thousands of times, each answer hundreds of store-hours).
    const rows: string[] = [];
    const dayHours = new Map<string, number[]>();
    for (const code of [...new Set(list)]) {
      const store = idx.storesByFlowCode.get(code);
      if (!store) continue; // unknown codes simply have no data
      const codeJson = JSON.stringify(code);
      const entranceKeys = store.entranceUuids.map((_, e) => `"${String(e + 1).padStart(3, '0')}":{"enters":`);
      let hours = dayHours.get(store.time_zone);
      if (!hours) dayHours.set(store.time_zone, (hours = localDayHours(store.time_zone, date)));
      for (const hourStart of hours) {
        if (hourStart > nowMs) break;
        const k = flowHour(estate, store, hourStart, nowMs);
        if (!k) continue;
        let traffic = '';
        for (let e = 0; e < entranceKeys.length; e++) traffic += `${e ? ',' : ''}${entranceKeys[e]}${k.enters[e]},"exits":${k.exits[e]}}`;
        let demographics = '';
        k.demographics.forEach((v, i) => {
          if (v > 0) demographics += `${demographics ? ',' : ''}"group_${i + 1}":${v}`;
        });
        // The document's "sales" is the "total sales amount", in the account's currency (no minor
        // units); the model counts cents.
        rows.push(
          `{"storeCode":${codeJson},"timestamp":"${k.localDate}T${pad(k.localHour)}:00:00","traffic":{${traffic}},"demographics":{${demographics}},"sales":${k.sales / 100},"transactions":${k.transactions},"itemSold":${k.itemsSold}}`,
        );
      }
    }
    sendText(r.res, 200, `{"data":[${rows.join(',')}],"status":200}`, { 'Content-Type': 'application/json' });
  });
}
