// Exteros API (served at /exteros): the four traffic counts by hour / day / 15 minutes with an hour
// filter, the location list (with info), and each location's last update (some locations are stale).

import { hourlyKpi, quarterKpis, type KpiCounts } from '../estate/kpi';
import { childrenOf, estateIndex, exterosZoneName, slug, storesUnder } from '../estate/lookup';
import { hashInts, hashString, unit } from '../estate/rng';
import { isIsoDate, localDayHours, TIME } from '../estate/time';
import type { Estate, Region, Store, Sublocation } from '../estate/types';
import type { SimContext } from '../http/context';
import { HttpError } from '../http/errors';
import { sendJson, sendText } from '../http/json';
import type { Router } from '../http/router';

export const COMPANY = 'Northwind Retail Group';

/** Path segment -> the count's field name. Engagement is served under both spellings of the documents. */
export const EXTEROS_METRICS: Record<string, keyof KpiCounts & ('impressions' | 'discoveries' | 'engagements' | 'interactions')> = {
  'impression-counts': 'impressions',
  'discovery-counts': 'discoveries',
  'engagement-counts': 'engagements',
  'engadgment-counts': 'engagements',
  'interaction-counts': 'interactions',
};

type Target =
  | { kind: 'store'; store: Store }
  | { kind: 'zone'; store: Store; sub: Sublocation }
  | { kind: 'region'; region: Region; stores: Store[] };

function resolve(estate: Estate, name: string): Target | undefined {
  const idx = estateIndex(estate);
  const store = idx.storesByExterosName.get(name);
  if (store) return { kind: 'store', store };
  const zone = idx.exterosZones.get(name);
  if (zone) return { kind: 'zone', store: zone.store, sub: zone.sub };
  const region = idx.regionsByExterosName.get(name);
  if (region) return { kind: 'region', region, stores: storesUnder(estate, region.uuid) };
  return undefined;
}

/** When Exteros last received data from a store. */
export function lastUpdateMs(estate: Estate, store: Store, nowMs: number): number {
  if (store.exterosStaleHours !== null) {
    return Math.floor((nowMs - store.exterosStaleHours * TIME.HOUR_MS) / 1000) * 1000;
  }
  // Fresh stores report every 15 minutes, a little after each quarter.
  const slot = Math.floor(nowMs / 900_000);
  const lag = 20_000 + (hashInts(estate.seed, store.index, slot) % 180_000);
  const t = slot * 900_000 + lag <= nowMs ? slot * 900_000 + lag : (slot - 1) * 900_000 + lag;
  return Math.floor(t / 1000) * 1000;
}

function zoneShare(estate: Estate, store: Store, sub: Sublocation): number {
  return 0.15 + 0.35 * unit(estate.seed, store.index, hashString(sub.uuid));
}

interface Bucket {
  hr: number;
  min: number;
  value: number;
}

/** The metric of one store for a local date, in 15-minute buckets of started, open time up to its last update. */
function storeBuckets(estate: Estate, store: Store, date: string, metric: keyof KpiCounts, nowMs: number, share = 1): Bucket[] {
  const upTo = Math.min(nowMs, lastUpdateMs(estate, store, nowMs));
  const out: Bucket[] = [];
  for (const hourStart of localDayHours(store.time_zone, date)) {
    if (hourStart > nowMs) break;
    const h = hourlyKpi(estate, store, hourStart);
    if (!h.open) continue;
    const quarters = quarterKpis(estate, store, hourStart, { now: upTo });
    for (const q of quarters) {
      if (+q.quarterStartUtc > nowMs) break;
      out.push({ hr: h.localHour, min: q.minute, value: share === 1 ? q[metric] : Math.round(q[metric] * share) });
    }
  }
  return out;
}

function buckets(estate: Estate, target: Target, date: string, metric: keyof KpiCounts, nowMs: number): Bucket[] {
  if (target.kind === 'store') return storeBuckets(estate, target.store, date, metric, nowMs);
  if (target.kind === 'zone') return storeBuckets(estate, target.store, date, metric, nowMs, zoneShare(estate, target.store, target.sub));
  const sum = new Map<number, Bucket>();
  for (const store of target.stores) {
    for (const b of storeBuckets(estate, store, date, metric, nowMs)) {
      const key = b.hr * 60 + b.min;
      const cur = sum.get(key);
      if (cur) cur.value += b.value;
      else sum.set(key, { ...b });
    }
  }
  return [...sum.values()].sort((a, b) => a.hr * 60 + a.min - (b.hr * 60 + b.min));
}

function storeInfo(estate: Estate, store: Store): Record<string, unknown> {
  const idx = estateIndex(estate);
  const parent = idx.locations.get(store.parent_uuid);
  return {
    'location-name': store.exterosName,
    company: COMPANY,
    brand: store.brand,
    'parent-location': parent && parent.location_type === 'region' ? `region-${slug(parent.name)}` : null,
    'child-locations': store.sublocationUuids
      .map((u) => idx.locations.get(u))
      .filter((s): s is Sublocation => s?.location_type === 'display')
      .map((s) => exterosZoneName(store, s)),
    type: store.name.toLowerCase().includes('popup') ? 'popup' : 'store',
  };
}

function locationsList(estate: Estate, info: boolean): unknown[] {
  const idx = estateIndex(estate);
  const out: unknown[] = [];
  for (const store of estate.stores) out.push(info ? storeInfo(estate, store) : { 'location-name': store.exterosName });
  for (const [name, { store }] of idx.exterosZones) {
    out.push(info ? { 'location-name': name, company: COMPANY, brand: store.brand, 'parent-location': store.exterosName, 'child-locations': [], type: 'zone' } : { 'location-name': name });
  }
  for (const region of estate.regions) {
    const name = `region-${slug(region.name)}`;
    if (!info) {
      out.push({ 'location-name': name });
      continue;
    }
    const parent = idx.locations.get(region.parent_uuid);
    out.push({
      'location-name': name,
      company: COMPANY,
      brand: null,
      'parent-location': parent?.location_type === 'region' ? `region-${slug(parent.name)}` : null,
      'child-locations': childrenOf(estate, region.uuid).map((c) => (c.location_type === 'store' ? c.exterosName : `region-${slug(c.name)}`)),
      type: 'region',
    });
  }
  return out;
}

export function register(router: Router, ctx: SimContext): void {
  const { estate } = ctx;

  router.get('exteros', '/v1/traffic/:metric/:location/:date', 'traffic.counts', (r) => {
    const metricPath = r.params.metric ?? '';
    const metric = EXTEROS_METRICS[metricPath];
    if (!metric) throw new HttpError(404, `no such endpoint: /v1/traffic/${metricPath}`);
    const target = resolve(estate, r.params.location ?? '');
    if (!target) throw new HttpError(404, `unknown location "${r.params.location}"`);
    const date = r.params.date;
    if (!isIsoDate(date)) throw new HttpError(400, 'date must use the format yyyy-MM-dd');
    const interval = r.query.get('interval') ?? 'hour';
    if (interval !== 'hour' && interval !== 'day' && interval !== '15min') throw new HttpError(400, "interval must be 'day', 'hour' or '15min'");
    const hourParam = r.query.get('hour') ?? 'all';
    let hour: number | null = null;
    if (hourParam !== 'all') {
      hour = Number(hourParam);
      if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new HttpError(400, "hour must be 'all' or 0-23");
    }
    let rows = buckets(estate, target, date, metric, ctx.now().getTime());
    if (hour !== null) rows = rows.filter((b) => b.hr === hour);
    if (interval === '15min') {
      sendJson(r.res, 200, rows.map((b) => ({ hr: b.hr, min: b.min, [metric]: b.value })));
    } else if (interval === 'hour') {
      const byHour = new Map<number, number>();
      for (const b of rows) byHour.set(b.hr, (byHour.get(b.hr) ?? 0) + b.value);
      sendJson(r.res, 200, [...byHour].map(([hr, value]) => ({ hr, [metric]: value })));
    } else {
      const total = rows.reduce((s, b) => s + b.value, 0);
      sendJson(r.res, 200, rows.length === 0 ? [] : [{ date, hr: hour ?? 0, [metric]: total }]);
    }
  });

  const listCache = new Map<string, { size: number; body: string }>();
  router.get('exteros', '/v1/locations', 'locations.list', (r) => {
    const info = ['true', '1', 'yes'].includes((r.query.get('info') ?? 'false').toLowerCase());
    const key = info ? 'info' : 'plain';
    const size = estate.regions.length + estate.stores.length + estate.sublocations.length;
    let cached = listCache.get(key);
    if (!cached || cached.size !== size) {
      cached = { size, body: JSON.stringify(locationsList(estate, info)) };
      listCache.set(key, cached);
    }
    sendText(r.res, 200, cached.body, { 'Content-Type': 'application/json' });
  });

  router.get('exteros', '/v1/locations/last-update/:location', 'locations.lastUpdate', (r) => {
    const target = resolve(estate, r.params.location ?? '');
    if (!target) throw new HttpError(404, `unknown location "${r.params.location}"`);
    const nowMs = ctx.now().getTime();
    const stores = target.kind === 'region' ? target.stores : [target.store];
    const latest = stores.reduce((m, s) => Math.max(m, lastUpdateMs(estate, s, nowMs)), 0);
    sendJson(r.res, 200, [{ 'last-update': latest === 0 ? null : new Date(latest).toISOString().replace('.000Z', 'Z') }]);
  });
}
