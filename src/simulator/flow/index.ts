// Flow Reporting API: POST /rest/kpis/hourly (served at /flow/rest/kpis/hourly).
// One date per request, at most 20 explicit store codes, hourly rows in the store's local time.

import { hourlyKpi, isOpenHour } from '../estate/kpi';
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
    const now = ctx.now();
    const idx = estateIndex(estate);
    // Rows are written as JSON text directly: this endpoint is the simulator's hottest KPI path.
    const rows: string[] = [];
    for (const code of [...new Set(list)]) {
      const store = idx.storesByFlowCode.get(code);
      if (!store) continue; // unknown codes simply have no data
      const codeJson = JSON.stringify(code);
      for (const hourStart of localDayHours(store.time_zone, date)) {
        if (hourStart > now.getTime()) break;
        if (!isOpenHour(store, hourStart)) continue;
        const k = hourlyKpi(estate, store, hourStart, { now });
        if (k.completeness === 0) continue;
        let traffic = '';
        for (const e of k.perEntrance) traffic += `${traffic ? ',' : ''}"${e.code}":{"enters":${e.enters},"exits":${e.exits}}`;
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
