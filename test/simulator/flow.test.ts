import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hourlyKpi, isOpenHour } from '../../src/simulator/estate/kpi';
import { localDayHours } from '../../src/simulator/estate/time';
import type { Estate, Store } from '../../src/simulator/estate/types';
import { startTestSim, type TestSim } from './simHelpers';

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.sim.close();
});

interface Row {
  storeCode: string;
  timestamp: string;
  traffic: Record<string, { enters: number; exits: number }>;
  demographics: Record<string, number>;
  sales: number;
  transactions: number;
  itemSold: number;
}

describe('Flow /kpis/hourly', () => {
  it('answers the documented example request with the documented shape', async () => {
    const res = await t.flow({ date: '2026-04-19', storeCodes: ['101', '102'] });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: Row[]; status: number };
    expect(body.status).toBe(200);
    expect(body.data.length).toBeGreaterThan(0);
    expect(new Set(body.data.map((r) => r.storeCode))).toEqual(new Set(['101', '102']));
    // The document's example answer, word for word (test/vendors/fixtures/flow-hourly.json).
    const doc = JSON.parse(fs.readFileSync(path.join(__dirname, '../vendors/fixtures/flow-hourly.json'), 'utf8')) as { data: Row[]; status: number };
    const docRow = doc.data[0]!;
    expect(Object.keys(body).sort()).toEqual(Object.keys(doc).sort());
    for (const row of body.data) {
      expect(Object.keys(row).sort()).toEqual(Object.keys(docRow).sort());
      for (const key of Object.keys(docRow) as Array<keyof Row>) expect(typeof row[key], key).toBe(typeof docRow[key]);
      for (const key of ['transactions', 'itemSold'] as const) expect(Number.isInteger(row[key]), key).toBe(true);
      // "Total sales amount", as the document gives it: an amount of money, no minor units (cents at most as decimals).
      expect(Math.round(row.sales * 100)).toBeCloseTo(row.sales * 100, 6);
      expect(row.timestamp).toMatch(/^2026-04-19T\d\d:00:00$/);
      const keys = Object.keys(row.traffic);
      expect(keys.length).toBeGreaterThan(0);
      keys.forEach((k, i) => expect(k).toBe(String(i + 1).padStart(3, '0')));
      for (const v of Object.values(row.traffic)) expect(Object.keys(v).sort()).toEqual(['enters', 'exits']);
      for (const [k, v] of Object.entries(row.demographics)) {
        expect(k).toMatch(/^group_[1-8]$/);
        expect(v).toBeGreaterThan(0); // zeros are omitted
      }
    }
  });

  it('the numbers are the KPI model\'s: total enters = traffic_in of the same store and hour', async () => {
    const body = (await (await t.flow({ date: '2026-04-18', storeCodes: ['50'] })).json()) as { data: Row[] };
    const store = t.sim.estate.stores.find((s) => s.flowCode === '50')!;
    expect(body.data.length).toBeGreaterThan(5);
    for (const row of body.data) {
      // timestamp is local wall-clock time of the store (Los Angeles, PDT = UTC-7 in April)
      const utc = Date.parse(`${row.timestamp}-07:00`);
      const k = hourlyKpi(t.sim.estate, store, utc);
      expect(Object.values(row.traffic).reduce((s, e) => s + e.enters, 0)).toBe(k.trafficIn);
      // The model counts cents; Flow sends the amount.
      expect(row.sales).toBe(k.sales / 100);
      expect(row.itemSold).toBe(k.itemsSold);
      expect(row.transactions).toBe(k.transactions);
    }
    // some hours in some store omit some demographic group
    const many = (await (await t.flow({ date: '2026-04-18', storeCodes: t.sim.credentials.flow.storeCodes.slice(0, 20) })).json()) as { data: Row[] };
    expect(many.data.some((r) => Object.keys(r.demographics).length < 8)).toBe(true);
  });

  it('only hours the store is open, and nothing after now; the current hour keeps changing', async () => {
    const today = (await (await t.flow({ date: '2026-04-19', storeCodes: ['50'] })).json()) as { data: Row[] };
    // Caspar City Plaza is in Los Angeles: now is 13:20 local, so the last row is 13:00
    const last = today.data[today.data.length - 1]!;
    expect(last.timestamp).toBe('2026-04-19T13:00:00');
    const enters = (r: Row): number => Object.values(r.traffic).reduce((s, e) => s + e.enters, 0);
    const before = enters(last);
    t.clock.ms += 30 * 60_000;
    try {
      const later = (await (await t.flow({ date: '2026-04-19', storeCodes: ['50'] })).json()) as { data: Row[] };
      const same = later.data.find((r) => r.timestamp === last.timestamp)!;
      expect(enters(same)).toBeGreaterThan(before);
      // earlier hours are final
      expect(later.data[0]).toEqual(today.data[0]);
    } finally {
      t.clock.ms -= 30 * 60_000;
    }
    const future = (await (await t.flow({ date: '2026-04-25', storeCodes: ['50'] })).json()) as { data: Row[] };
    expect(future.data).toEqual([]);
  });

  it('401 with the documented body shape on a bad or missing key', async () => {
    const res = await t.flow({ date: '2026-04-19', storeCodes: ['101'] }, 'wrong-key');
    expect(res.status).toBe(401);
    const body = (await res.json()) as { data: unknown[]; status: number };
    expect(body).toMatchObject({ data: [], status: 401 });
    const none = await fetch(`${t.sim.baseUrls.flow}/kpis/hourly`, { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
  });

  it('at most 20 store codes; 21 is a 400', async () => {
    const codes = t.sim.credentials.flow.storeCodes;
    expect(codes.length).toBeGreaterThanOrEqual(21);
    expect((await t.flow({ date: '2026-04-18', storeCodes: codes.slice(0, 20) })).status).toBe(200);
    const res = await t.flow({ date: '2026-04-18', storeCodes: codes.slice(0, 21) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ data: [], status: 400 });
  });

  it('refuses the * wildcard, several dates, and malformed requests', async () => {
    expect((await t.flow({ date: '2026-04-18', storeCodes: ['*'] })).status).toBe(400);
    expect((await t.flow({ date: ['2026-04-18', '2026-04-19'], storeCodes: ['101'] })).status).toBe(400);
    expect((await t.flow({ dates: ['2026-04-18'], date: '2026-04-18', storeCodes: ['101'] })).status).toBe(400);
    expect((await t.flow({ date: '18/04/2026', storeCodes: ['101'] })).status).toBe(400);
    expect((await t.flow({ date: '2026-04-18' })).status).toBe(400);
    expect((await t.flow('{not json')).status).toBe(400);
  });

  it('an unknown store code simply has no rows', async () => {
    const body = (await (await t.flow({ date: '2026-04-18', storeCodes: ['no-such-store'] })).json()) as { data: Row[] };
    expect(body.data).toEqual([]);
  });
});

/** Flow's answer as the KPI model gives it, hour by hour with hourlyKpi, written by JSON.stringify. */
function modelAnswer(estate: Estate, stores: readonly Store[], date: string, now: Date): string {
  const data: Row[] = [];
  for (const store of stores) {
    for (const hourStart of localDayHours(store.time_zone, date)) {
      if (hourStart > now.getTime()) break;
      if (!isOpenHour(store, hourStart)) continue;
      const k = hourlyKpi(estate, store, hourStart, { now });
      if (k.completeness === 0) continue;
      const demographics: Record<string, number> = {};
      k.demographics.forEach((v, i) => {
        if (v > 0) demographics[`group_${i + 1}`] = v;
      });
      data.push({
        storeCode: store.flowCode,
        timestamp: `${k.localDate}T${String(k.localHour).padStart(2, '0')}:00:00`,
        traffic: Object.fromEntries(k.perEntrance.map((e) => [e.code, { enters: e.enters, exits: e.exits }])),
        demographics,
        sales: k.sales / 100,
        transactions: k.transactions,
        itemSold: k.itemsSold,
      });
    }
  }
  return JSON.stringify({ data, status: 200 });
}

describe('Flow /kpis/hourly on the large estate', () => {
  let large: TestSim;
  beforeAll(async () => {
    large = await startTestSim({ scale: 'large' });
  });
  afterAll(async () => {
    await large.sim.close();
  });

  it('answers, byte for byte, what the KPI model gives hour by hour: every time zone, clock changes, today and days ahead', async () => {
    const { estate } = large.sim;
    const byZone = new Map<string, Store[]>();
    for (const s of estate.stores) byZone.set(s.time_zone, [...(byZone.get(s.time_zone) ?? []), s]);
    expect(byZone.size).toBeGreaterThanOrEqual(8);
    // Two stores of each zone, in slices of at most 20, and a store moved to a zone half an hour off UTC's hours.
    const stores = [...byZone.values()].flatMap((list) => list.slice(0, 2));
    const moved = [...byZone.values()][0]![2]!;
    moved.time_zone = 'Asia/Kolkata';
    stores.push(moved);
    const slices: Store[][] = [];
    for (let i = 0; i < stores.length; i += 20) slices.push(stores.slice(i, i + 20));
    // US and EU clock changes of 2025 and 2026 (spring and autumn), an ordinary day, yesterday,
    // today (the clock's 19 April: the current hour half done) and tomorrow (already begun in Asia).
    const dates = ['2025-03-09', '2025-03-30', '2025-10-26', '2025-11-02', '2026-03-08', '2026-03-29', '2025-07-04', '2026-04-18', '2026-04-19', '2026-04-20'];
    let rows = 0;
    for (const date of dates) {
      for (const slice of slices) {
        const res = await large.flow({ date, storeCodes: slice.map((s) => s.flowCode) });
        const text = await res.text();
        expect(text, `${date} ${slice[0]!.flowCode}…`).toBe(modelAnswer(estate, slice, date, new Date(large.clock.ms)));
        rows += (JSON.parse(text) as { data: Row[] }).data.length;
      }
    }
    expect(rows).toBeGreaterThan(1000);
  });
});
