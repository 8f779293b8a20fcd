/**
 * POST /v1/zone_transitions: transitions between the FPA zones of the requested locations, per
 * floorplan. Values scale with the store's traffic in the filtered days and hours; each pair has a
 * stable share, and "percentage" is the pair's part of everything leaving its from-zone.
 */
import { hashString, unit } from '../../estate/rng';
import { isIsoDate } from '../../estate/time';
import type { Store } from '../../estate/types';
import { indexOf } from './estateIndex';
import { floorplansOf, fpaZoneLocation, type FpaFloorplan, type FpaZone } from './fpa';
import type { AnalyticsWorld } from './model';
import { badRequest, isRecord } from './requestError';
import { attribute } from './storeSessions';
import { MS, toNaive } from './zonedTime';

const METRIC_FACTOR: Record<string, number> = { all: 1, customer: 0.88, employee: 0.12 };
const TRANSITION_FACTOR: Record<string, number> = { direct_only: 1, direct_and_indirect: 1.35, directionless: 1.2 };
const DWELL_FACTOR: Record<string, number> = { dwells_only: 0.45, non_dwells: 0.55, all_traffic: 1 };
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MAX_DAYS = 366;

type TimeFilter = { type: 'store_hours' } | { startMin: number; finishMin: number };

export function zoneTransitions(body: unknown, world: AnalyticsWorld): unknown {
  if (!isRecord(body)) throw badRequest('request body must be a JSON object');
  const locations = body.locations;
  if (!Array.isArray(locations) || locations.length === 0 || !locations.every((l) => typeof l === 'string')) {
    throw badRequest('"locations" is required: a non-empty array of location UUIDs');
  }
  const ranges = parseDateRanges(body.date_ranges);
  const metrics = optionalList(body.metrics, 'metrics', Object.keys(METRIC_FACTOR), ['all']);
  const transitions = optionalOne(body.transitions, 'transitions', Object.keys(TRANSITION_FACTOR), 'direct_only');
  const dwells = optionalOne(body.dwells, 'dwells', Object.keys(DWELL_FACTOR), 'dwells_only');
  const days = new Set(optionalList(body.days_of_week, 'days_of_week', DAYS, DAYS).map((d) => DAYS.indexOf(d)));
  const timeFilters = parseTimeRanges(body.time_ranges);

  const index = indexOf(world.estate);
  const wanted = new Set(locations as string[]);
  // group the requested zones by floorplan, in request order
  const plans: { plan: FpaFloorplan; store: Store; zones: FpaZone[] }[] = [];
  for (const uuid of locations as string[]) {
    const loc = index.location(uuid);
    const zoneLoc = loc ? undefined : fpaZoneLocation(world.estate, uuid);
    if (!loc && !zoneLoc) throw badRequest(`location ${uuid} not found`);
    if (loc && (loc.location_type === 'store' || loc.location_type === 'region')) throw badRequest(`location ${uuid} is a ${loc.location_type}, not an FPA zone location`);
    const store = zoneLoc?.store ?? (loc && 'store_uuid' in loc ? index.store(loc.store_uuid) : undefined);
    const plan = store ? floorplansOf(world.estate, store).find((p) => p.zones.some((z) => z.location_id === uuid)) : undefined;
    if (!store || !plan) throw badRequest(`location ${uuid} has no FPA zone`);
    if (!plans.some((p) => p.plan.id === plan.id)) plans.push({ plan, store, zones: plan.zones.filter((z) => wanted.has(z.location_id)) });
  }

  const nowMs = world.now();
  const perPlan = plans.map(({ plan, store, zones }) => {
    const traffic = filteredTraffic(world, store, ranges, days, timeFilters, nowMs);
    return { plan, store, zones, traffic };
  });

  return {
    metrics: metrics.map((name) => ({
      name,
      data: perPlan.map(({ plan, store, zones, traffic }) => {
        const factor = (METRIC_FACTOR[name] ?? 1) * (TRANSITION_FACTOR[transitions] ?? 1) * (DWELL_FACTOR[dwells] ?? 1);
        const rows: { from_zone_id: string; to_zone_id: string; value: number; percentage: number }[] = [];
        for (const from of zones) {
          // shoppers move mostly to nearby zones; entrances and checkout draw from everywhere
          const weights = zones.map((to) => flowWeight(from, to));
          const total = weights.reduce((a, b) => a + b, 0);
          const outOfZone = traffic * factor * zoneShare(from);
          const values = weights.map((w) => Math.round((outOfZone * w) / total));
          const sum = values.reduce((a, b) => a + b, 0);
          zones.forEach((to, i) => {
            const value = values[i] ?? 0;
            rows.push({ from_zone_id: from.id, to_zone_id: to.id, value, percentage: sum > 0 ? Math.round((value / sum) * 100) : 0 });
          });
        }
        return {
          floorplan: { uuid: plan.id, name: plan.name, store_uuid: store.uuid, store_name: store.name },
          zones: zones.map((z) => ({ uuid: z.id, name: z.name, location_uuid: z.location_id, location_name: z.location_name })),
          transitions: rows,
        };
      }),
    })),
  };
}

function parseDateRanges(v: unknown): { first: number; last: number }[] {
  if (!Array.isArray(v) || v.length === 0) throw badRequest('"date_ranges" is required: [{"start":"yyyy-mm-dd","finish":"yyyy-mm-dd"}]');
  return v.map((r) => {
    if (!isRecord(r) || !isIsoDate(r.start) || !isIsoDate(r.finish)) {
      throw badRequest('each date range needs "start" and "finish" in yyyy-mm-dd');
    }
    const first = Date.parse(`${r.start}T00:00:00Z`);
    const last = Date.parse(`${r.finish}T00:00:00Z`);
    if (last < first) throw badRequest('date range "finish" must not be before "start"');
    if ((last - first) / MS.DAY + 1 > MAX_DAYS) throw badRequest(`a date range can span at most ${MAX_DAYS} days`);
    return { first, last };
  });
}

function parseTimeRanges(v: unknown): TimeFilter[] {
  if (v === undefined) return [{ type: 'store_hours' }];
  if (!Array.isArray(v) || v.length === 0) throw badRequest('"time_ranges" must be a non-empty array');
  return v.map((r) => {
    if (!isRecord(r)) throw badRequest('each time range must be an object');
    if (r.type === 'store_hours') return { type: 'store_hours' };
    const min = (s: unknown, key: string): number => {
      if (typeof s !== 'string' || !/^\d{2}:\d{2}$/.test(s)) throw badRequest(`time range "${key}" must be "hh:mm"`);
      const [h, m] = s.split(':').map(Number) as [number, number];
      return h * 60 + m;
    };
    const startMin = min(r.start, 'start');
    const finishMin = min(r.finish, 'finish');
    if (finishMin <= startMin) throw badRequest('time range "finish" must be after "start"');
    return { startMin, finishMin };
  });
}

function optionalOne(v: unknown, key: string, allowed: string[], fallback: string): string {
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !allowed.includes(v)) throw badRequest(`"${key}" must be one of ${allowed.join(', ')}`);
  return v;
}

function optionalList(v: unknown, key: string, allowed: string[], fallback: string[]): string[] {
  if (v === undefined) return fallback;
  if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'string' && allowed.includes(x))) {
    throw badRequest(`"${key}" must be a non-empty array of ${allowed.join(', ')}`);
  }
  return v as string[];
}

function filteredTraffic(
  world: AnalyticsWorld,
  store: Store,
  ranges: { first: number; last: number }[],
  days: Set<number>,
  filters: TimeFilter[],
  nowMs: number,
): number {
  let total = 0;
  for (const { first, last } of ranges) {
    for (let day = first; day <= last; day += MS.DAY) {
      if (!days.has(new Date(day).getUTCDay())) continue;
      // the local day's 24 hours (plus the spill of an overnight session), store-local filters
      const start = Math.floor((day - 12 * MS.HOUR) / MS.HOUR) * MS.HOUR;
      for (let t = start; t < day + 36 * MS.HOUR && t < nowMs; t += MS.QUARTER_HOUR) {
        const naive = toNaive(t, store.time_zone);
        const local = Math.floor(naive / MS.DAY) * MS.DAY;
        const minute = Math.floor((naive - local) / MS.MINUTE);
        const ok = filters.some((f) => {
          if ('type' in f) return attribute(store, t)?.session.day === day;
          return local === day && minute >= f.startMin && minute < f.finishMin;
        });
        if (ok) total += world.traffic.quarter(store, t).in;
      }
    }
  }
  return total;
}

function centre(zone: FpaZone): { x: number; y: number } {
  const pts = zone.points.length > 1 ? zone.points.slice(0, -1) : zone.points;
  if (pts.length === 0) return { x: 0, y: 0 };
  return { x: pts.reduce((a, p) => a + p.x, 0) / pts.length, y: pts.reduce((a, p) => a + p.y, 0) / pts.length };
}

const isHub = (zone: FpaZone) => /entrance|checkout|escalator|lift/i.test(zone.name);

/** How likely a shopper leaving `from` goes to `to`: falls with distance, hubs attract, staff areas barely. */
function flowWeight(from: FpaZone, to: FpaZone): number {
  const a = centre(from);
  const b = centre(to);
  const metres = Math.hypot(a.x - b.x, a.y - b.y) / 100;
  const near = Math.exp(-metres / 8);
  const self = from.id === to.id ? 0.15 : 0;
  const hub = isHub(to) ? 0.25 : 0;
  const staff = to.type === 'staff' ? 0.1 : 1;
  return (0.02 + near + hub + self) * staff * (0.8 + 0.4 * unit(hashString(from.id), hashString(to.id)));
}

/** The part of the store's visitors that leave a zone towards another: most pass an entrance, few a staff room. */
export function zoneShare(zone: FpaZone): number {
  const base = isHub(zone) ? 0.6 : zone.type === 'staff' ? 0.03 : 0.12;
  return base * (0.7 + 0.6 * unit(hashString(zone.id), 7));
}
