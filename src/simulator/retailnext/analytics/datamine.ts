/**
 * POST /v2/datamine: metrics for locations over date ranges, filtered by time ranges and sliced by
 * layered group_bys. Data comes from the KPI model in 15-minute buckets; group timestamps are in the
 * query's time zone, store hours in the store's own zone.
 */
import type { Location, Store } from '../../estate/types';
import { resolveDateRange, truncate, usesName, type ResolvedRange } from './dateRanges';
import { indexOf, type LocationShare } from './estateIndex';
import { worstValidity, type AnalyticsWorld, type QuarterCounts, type Validity } from './model';
import type { OccupancyLedger } from './occupancyLedger';
import { badRequest, isRecord } from './requestError';
import { retailDate } from './retailCalendar';
import { attribute, type Attribution } from './storeSessions';
import { zoneModelOf, type ZoneModel } from './zoneMetrics';
import { addMonthsNaive, fieldsOf, fromNaive, isoDate, isValidTimeZone, MS, toNaive } from './zonedTime';

/** Additive metrics, summed over buckets. */
const SUMMED: Record<string, (q: QuarterCounts) => number> = {
  traffic_in: (q) => q.in,
  traffic_out: (q) => q.out,
  sales: (q) => q.sales,
  transactions: (q) => q.transactions,
  items_sold: (q) => q.itemsSold,
};
const SUMMED_NAMES = Object.keys(SUMMED);
export const OCCUPANCY_METRICS = ['total_occupancy', 'occupancy_limit'] as const;
/** Measured in FPA zones only (null for other locations): dwell events, and their mean length in seconds. */
export const ZONE_METRICS = ['dwells', 'average_dwell_time'] as const;
/** conversion_rate: transactions per 100 visitors */
const KNOWN_METRICS = new Set<string>([...Object.keys(SUMMED), ...OCCUPANCY_METRICS, ...ZONE_METRICS, 'conversion_rate']);

const YEAR_MS = 366 * MS.DAY;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

type GroupBy =
  | { group: 'location' }
  | { group: 'day_of_week' }
  | { group: 'date'; unit: 'days' | 'weeks' | 'months' | 'years'; value: number }
  | { group: 'time'; minutes: number };

type TimeRange = { type: 'store_hours' } | { fromMin: number; untilMin: number };

interface DatamineQuery {
  locations: string[];
  metrics: string[];
  dateRanges: unknown[];
  timeRanges: TimeRange[];
  groupBys: GroupBy[];
  timeZone: string | null;
}

export interface DataPoint {
  value: number | null;
  validity: Validity;
  group: Record<string, unknown>;
  groups?: Record<string, unknown>[];
  index: number;
  date_range?: number;
}

export interface MetricResult {
  name: string;
  ok: boolean;
  error?: string;
  data: DataPoint[];
}

export interface DatamineResponse {
  ok: boolean;
  metrics: MetricResult[];
}

// ---------------------------------------------------------------------------------------------
// parsing

function parseQuery(body: unknown): DatamineQuery {
  if (!isRecord(body)) throw badRequest('request body must be a JSON object');
  const strings = (key: string): string[] => {
    const v = body[key];
    if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'string')) {
      throw badRequest(`"${key}" is required: a non-empty array of strings`);
    }
    return v as string[];
  };
  const locations = strings('locations');
  const metrics = strings('metrics');
  const dateRanges = body.date_ranges;
  if (!Array.isArray(dateRanges) || dateRanges.length === 0) throw badRequest('"date_ranges" is required: a non-empty array');
  const timeRangesRaw = body.time_ranges;
  if (!Array.isArray(timeRangesRaw) || timeRangesRaw.length === 0) {
    throw badRequest('"time_ranges" is required: [{"type":"store_hours"}] or [{"from":"hh:mm","until":"hh:mm"}]');
  }
  const groupBysRaw = body.group_bys;
  if (!Array.isArray(groupBysRaw) || groupBysRaw.length === 0) throw badRequest('"group_bys" is required: a non-empty array');
  const tz = body.time_zone;
  if (tz !== undefined && tz !== null && typeof tz !== 'string') throw badRequest('"time_zone" must be a string');
  const timeZone = typeof tz === 'string' && tz !== '' ? tz : null;
  if (timeZone !== null && timeZone !== 'local' && !isValidTimeZone(timeZone)) {
    throw badRequest(`unknown time zone "${timeZone}"`);
  }
  return {
    locations,
    metrics,
    dateRanges,
    timeRanges: timeRangesRaw.map(parseTimeRange),
    groupBys: groupBysRaw.map(parseGroupBy),
    timeZone,
  };
}

function parseHhmm(v: unknown, key: string): number {
  if (typeof v !== 'string' || !/^\d{2}:\d{2}$/.test(v)) throw badRequest(`time range "${key}" must be "hh:mm"`);
  const [h, m] = v.split(':').map(Number) as [number, number];
  const total = h * 60 + m;
  if (m > 59 || total > 24 * 60) throw badRequest(`time range "${key}" value "${v}" is out of range`);
  return total;
}

function parseTimeRange(v: unknown): TimeRange {
  if (!isRecord(v)) throw badRequest('each time_ranges entry must be an object');
  if (v.type !== undefined) {
    if (v.type !== 'store_hours') throw badRequest(`unknown time range type "${String(v.type)}" (supported: store_hours)`);
    return { type: 'store_hours' };
  }
  const fromMin = parseHhmm(v.from, 'from');
  const untilMin = parseHhmm(v.until, 'until');
  if (untilMin <= fromMin) throw badRequest('time range "until" must be after "from"');
  return { fromMin, untilMin };
}

function parseGroupBy(v: unknown): GroupBy {
  if (!isRecord(v)) throw badRequest('each group_bys entry must be an object');
  const { group, unit, value } = v;
  switch (group) {
    case 'location':
    case 'day_of_week':
      if (unit !== '' && unit !== undefined) throw badRequest(`a blank "unit" is required when grouping by "${group}"`);
      if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 0)) {
        throw badRequest(`"value" of the "${group}" group must be an integer`);
      }
      return { group };
    case 'date': {
      if (unit !== 'days' && unit !== 'weeks' && unit !== 'months' && unit !== 'years') {
        throw badRequest('"date" groups support units "days", "weeks", "months" and "years"');
      }
      return { group, unit, value: positiveInt(value, 'date') };
    }
    case 'time': {
      if (unit !== 'hours' && unit !== 'minutes') throw badRequest('"time" groups support units "hours" and "minutes"');
      const n = positiveInt(value, 'time');
      const minutes = unit === 'hours' ? n * 60 : n;
      if (minutes > 24 * 60) throw badRequest('a "time" group cannot be longer than a day');
      return { group, minutes };
    }
    default:
      throw badRequest(`unknown group "${String(group)}" (supported: location, date, time, day_of_week)`);
  }
}

function positiveInt(v: unknown, group: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw badRequest(`"value" of a "${group}" group must be a positive integer`);
  return v;
}

/** The restrictions the doc puts on `"time_zone": "local"` queries. */
function checkLocalQuery(q: DatamineQuery): void {
  const why = (msg: string): never => {
    throw badRequest(`time zone "local" is only for current occupancy: ${msg}`);
  };
  if (!q.metrics.every((m) => (OCCUPANCY_METRICS as readonly string[]).includes(m))) {
    why('only total_occupancy and occupancy_limit metrics may be requested');
  }
  if (q.groupBys.length !== 1 || q.groupBys[0]?.group !== 'location') why('group by location only');
  const range = q.dateRanges[0];
  const isName = (spec: unknown, name: string): boolean => isRecord(spec) && spec.name === name && Object.keys(spec).length === 1;
  if (q.dateRanges.length !== 1 || !isRecord(range) || !isName(range.from, 'today') || !isName(range.to, 'now')) {
    why('supply a single date range from "today" to "now"');
  }
  if (q.timeRanges.length !== 1 || !('type' in (q.timeRanges[0] ?? {}))) why('supply a single time range of "store_hours"');
}

// ---------------------------------------------------------------------------------------------
// computation

interface GroupAcc {
  sortKey: number[];
  groups: Record<string, unknown>[];
  sums: Record<string, number>;
  validity: Validity;
  /** latest occupancy per store: [bucket start, value] */
  occupancy: Map<string, [number, number]>;
  limit: number | null;
  limitStores: Set<string>;
}

interface LocationEntry {
  index: number;
  location: Location;
  shares: LocationShare[];
  /** Set when the location is an FPA zone: its visitors' share of the store's and how they dwell. */
  zone?: ZoneModel;
}

export function datamine(body: unknown, world: AnalyticsWorld, ledger: OccupancyLedger): DatamineResponse {
  const q = parseQuery(body);
  const isLocal = q.timeZone === 'local';
  if (isLocal) checkLocalQuery(q);
  if (q.timeZone === null && q.dateRanges.some((r) => isRecord(r) && (usesName(r.from) || usesName(r.to)))) {
    throw badRequest('"time_zone" is required when a date range uses "name"');
  }
  const index = indexOf(world.estate);
  const nowMs = world.now();

  const entries: LocationEntry[] = [];
  const missing: string[] = [];
  q.locations.forEach((uuid, i) => {
    // an FPA zone's location (a sublocation of the estate, or a zone location of its own) counts the zone's visitors
    const zone = zoneModelOf(world.estate, uuid);
    const loc = index.location(uuid);
    if (zone) entries.push({ index: i, location: loc ?? zone.location, shares: [{ store: zone.store, weight: zone.visitShare }], zone });
    else if (!loc) missing.push(uuid);
    else entries.push({ index: i, location: loc, shares: index.shares(loc) });
  });
  if (missing.length > 0) {
    const error = `location not found or not permitted for this API token: ${missing.join(', ')}`;
    return { ok: false, metrics: q.metrics.map((name) => ({ name, ok: false, error, data: [] })) };
  }
  const storeCount = new Set(entries.flatMap((e) => e.shares.map((s) => s.store.uuid))).size;
  const maxSpan = storeCount > 1 ? 2 * YEAR_MS : 5 * YEAR_MS;

  const results = new Map<string, MetricResult>();
  for (const name of q.metrics) {
    results.set(name, KNOWN_METRICS.has(name) ? { name, ok: true, data: [] } : { name, ok: false, error: `unknown metric "${name}"`, data: [] });
  }
  const wantOccupancy = q.metrics.includes('total_occupancy');

  q.dateRanges.forEach((rangeSpec, rangeIndex) => {
    const accs = new Map<string, GroupAcc>();
    const rangeCache = new Map<string, ResolvedRange>();
    const resolve = (tz: string): ResolvedRange => {
      let r = rangeCache.get(tz);
      if (!r) {
        r = resolveDateRange(rangeSpec, tz, nowMs);
        if (!isLocal && isRecord(rangeSpec) && isRecord(rangeSpec.to) && rangeSpec.to.name === 'now') {
          // "to now" stops at the last complete 15-minute bucket
          r = { fromMs: r.fromMs, toMs: Math.floor(r.toMs / MS.QUARTER_HOUR) * MS.QUARTER_HOUR };
        }
        if (r.toMs - r.fromMs > maxSpan) {
          throw badRequest(`date range too long: at most ${storeCount > 1 ? 2 : 5} years when ${storeCount > 1 ? 'several stores are' : 'one store is'} queried`);
        }
        rangeCache.set(tz, r);
      }
      return r;
    };
    // validate the range once even when there is nothing to iterate ("local" ranges were checked by checkLocalQuery)
    if (!isLocal) resolve(q.timeZone ?? 'UTC');

    for (const entry of entries) {
      for (const share of entry.shares) {
        if (isLocal) {
          // Current occupancy counts within store hours only: a store closed now has no reading, not its last one.
          const open = attribute(share.store, nowMs);
          if (open) accumulateStore(q, world, ledger, entry, share, currentSession(open, share.store, nowMs), share.store.time_zone, nowMs, wantOccupancy, accs);
          continue;
        }
        const groupTz = q.timeZone ?? 'UTC';
        accumulateStore(q, world, ledger, entry, share, resolve(groupTz), groupTz, nowMs, wantOccupancy, accs);
      }
    }

    const sorted = [...accs.values()].sort((a, b) => compareKeys(a.sortKey, b.sortKey));
    for (const result of results.values()) {
      if (!result.ok) continue;
      sorted.forEach((acc) => {
        const point: DataPoint = {
          value: metricValue(result.name, acc),
          validity: acc.validity,
          group: acc.groups[acc.groups.length - 1] ?? {},
          index: result.data.length,
        };
        if (acc.groups.length > 1) point.groups = acc.groups;
        if (q.dateRanges.length > 1) point.date_range = rangeIndex;
        result.data.push(point);
      });
    }
  });

  const metrics = [...results.values()];
  return { ok: metrics.every((m) => m.ok), metrics };
}

function metricValue(name: string, acc: GroupAcc): number | null {
  switch (name) {
    case 'sales':
      return Math.round((acc.sums.sales ?? 0) * 100) / 100;
    case 'conversion_rate': {
      const visitors = acc.sums.traffic_in ?? 0;
      return visitors > 0 ? Math.round(((acc.sums.transactions ?? 0) / visitors) * 10000) / 100 : 0;
    }
    case 'total_occupancy': {
      let total = 0;
      for (const [, v] of acc.occupancy.values()) total += v;
      return Math.max(0, Math.round(total));
    }
    case 'occupancy_limit':
      return acc.limit;
    case 'dwells':
      return acc.sums.dwells === undefined ? null : Math.round(acc.sums.dwells);
    case 'average_dwell_time': {
      const dwells = acc.sums.dwells;
      return dwells === undefined ? null : dwells > 0 ? Math.round((acc.sums.dwell_seconds ?? 0) / dwells) : 0;
    }
    default:
      return name in SUMMED ? Math.round(acc.sums[name] ?? 0) : null;
  }
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function inTimeRanges(ranges: TimeRange[], store: Store, t: number, attribution: Attribution | null): boolean {
  for (const r of ranges) {
    if ('type' in r) {
      if (attribution) return true;
    } else {
      const naive = toNaive(t, store.time_zone);
      const minute = Math.floor((naive % MS.DAY) / MS.MINUTE);
      if (minute >= r.fromMin && minute < r.untilMin) return true;
    }
  }
  return false;
}

/**
 * What `"time_zone": "local"` reads: "occupancy data as of the current moment in time" (the doc), so the
 * store's open session up to and including now. "today" is the session's own day: after midnight an
 * overnight session still counts from its opening, and at the very instant of midnight or of opening
 * the store has a reading (its count so far), not a refusal or nothing.
 */
function currentSession(open: Attribution, store: Store, nowMs: number): ResolvedRange {
  return { fromMs: fromNaive(open.session.day, store.time_zone), toMs: nowMs + 1 };
}

function accumulateStore(
  q: DatamineQuery,
  world: AnalyticsWorld,
  ledger: OccupancyLedger,
  entry: LocationEntry,
  share: LocationShare,
  range: ResolvedRange,
  groupTz: string,
  nowMs: number,
  wantOccupancy: boolean,
  accs: Map<string, GroupAcc>,
): void {
  const { store, weight } = share;
  const storeHoursOnly = q.timeRanges.every((r) => 'type' in r);
  const start = Math.floor(range.fromMs / MS.QUARTER_HOUR) * MS.QUARTER_HOUR;
  // the bucket that starts at now has begun (a range that runs past now, as "local" does, counts it)
  const end = Math.min(range.toMs, nowMs + 1);
  const rangeStartNaive = toNaive(range.fromMs, groupTz);
  const rangeStartDay = Math.floor(rangeStartNaive / MS.DAY) * MS.DAY;

  let occSessionStart = -1;
  let occRunning = 0;

  for (let t = start; t < end; t += MS.QUARTER_HOUR) {
    const attribution = attribute(store, t);
    if (!inTimeRanges(q.timeRanges, store, t, attribution)) continue;
    // the model already counts only the elapsed part of the bucket in progress
    const traffic = world.traffic.quarter(store, t);

    let occupancy = 0;
    if (wantOccupancy && attribution) {
      const session = attribution.session;
      if (session.startMs !== occSessionStart) {
        occSessionStart = session.startMs;
        occRunning = 0;
        for (let p = session.startMs; p < t; p += MS.QUARTER_HOUR) {
          const pre = world.traffic.quarter(store, p);
          occRunning = Math.max(0, occRunning + pre.in - pre.out);
        }
      }
      // A counter's estimate never goes below nobody: more exits than entries (missed entries, a
      // second door) leave it at zero, so a later correction adds to what is shown, not to a debt.
      occRunning = Math.max(0, occRunning + traffic.in - traffic.out);
      occupancy = Math.max(0, occRunning + ledger.sum(store.uuid, session.startMs, Math.min(t + MS.QUARTER_HOUR, nowMs + 1)));
    }

    // the local day this bucket counts towards (an overnight session's "+" hours belong to the day before)
    const naive = toNaive(t, groupTz);
    const prefix = storeHoursOnly && attribution ? attribution.prefix : '';
    const day = Math.floor(naive / MS.DAY) * MS.DAY - (prefix === '+' ? MS.DAY : 0);
    // an overnight spill that belongs to a business day before the range is not part of it
    if (day < rangeStartDay) continue;

    let key = '';
    for (const g of q.groupBys) key += groupKeyPart(g, entry.index, day, rangeStartDay, naive, prefix);
    let acc = accs.get(key);
    if (!acc) {
      const { sortKey, groups } = describeGroups(q.groupBys, entry, day, rangeStartDay, naive, prefix);
      acc = { sortKey, groups, sums: {}, validity: 'complete', occupancy: new Map(), limit: null, limitStores: new Set() };
      accs.set(key, acc);
    }
    for (const name of SUMMED_NAMES) acc.sums[name] = (acc.sums[name] ?? 0) + (SUMMED[name] as (q: QuarterCounts) => number)(traffic) * weight;
    if (entry.zone) {
      const dwells = traffic.in * weight * entry.zone.dwellShare;
      acc.sums.dwells = (acc.sums.dwells ?? 0) + dwells;
      acc.sums.dwell_seconds = (acc.sums.dwell_seconds ?? 0) + dwells * entry.zone.dwellSeconds(t);
    }
    acc.validity = worstValidity(acc.validity, traffic.validity);
    if (wantOccupancy) {
      const prev = acc.occupancy.get(store.uuid);
      if (!prev || prev[0] <= t) acc.occupancy.set(store.uuid, [t, occupancy * weight]);
    }
    if (!acc.limitStores.has(store.uuid)) {
      acc.limitStores.add(store.uuid);
      if (store.occupancy_limit !== null) acc.limit = (acc.limit ?? 0) + store.occupancy_limit;
    }
  }
}

function slotOf(naive: number, prefix: '' | '+', minutes: number): number {
  // "+" times sort after the day's own times
  const minuteOfDay = Math.floor((naive % MS.DAY) / MS.MINUTE) + (prefix === '+' ? 24 * 60 : 0);
  return Math.floor(minuteOfDay / minutes);
}

function groupKeyPart(g: GroupBy, locIndex: number, day: number, anchorDay: number, naive: number, prefix: '' | '+'): string {
  switch (g.group) {
    case 'location':
      return `L${locIndex}|`;
    case 'day_of_week':
      return `W${new Date(day).getUTCDay()}|`;
    case 'date':
      return g.unit === 'days' && g.value === 1 ? `D${day}|` : `D${dateBucket(day, anchorDay, g.unit, g.value)[0]}|`;
    case 'time':
      return `T${slotOf(naive, prefix, g.minutes)}|`;
  }
}

function describeGroups(
  groupBys: GroupBy[],
  entry: LocationEntry,
  day: number,
  anchorDay: number,
  naive: number,
  prefix: '' | '+',
): { sortKey: number[]; groups: Record<string, unknown>[] } {
  const sortKey: number[] = [];
  const groups: Record<string, unknown>[] = [];
  for (const g of groupBys) {
    switch (g.group) {
      case 'location':
        sortKey.push(entry.index);
        groups.push(locationGroup(entry.location));
        break;
      case 'day_of_week': {
        const wd = new Date(day).getUTCDay();
        sortKey.push(wd);
        groups.push({ type: 'day_of_week', day_of_week: WEEKDAYS[wd] });
        break;
      }
      case 'date': {
        const [from, through] = dateBucket(day, anchorDay, g.unit, g.value);
        sortKey.push(from);
        groups.push(dateGroup(from, through));
        break;
      }
      case 'time': {
        const slot = slotOf(naive, prefix, g.minutes);
        sortKey.push(slot);
        groups.push(timeGroup(slot * g.minutes, g.minutes));
        break;
      }
    }
  }
  return { sortKey, groups };
}

function locationGroup(loc: Location): Record<string, unknown> {
  return { name: loc.name, qualified_name: loc.name, type: 'location', uuid: loc.uuid };
}

function dateBucket(day: number, anchorDay: number, unit: 'days' | 'weeks' | 'months' | 'years', value: number): [number, number] {
  switch (unit) {
    case 'days': {
      const i = Math.floor((day - anchorDay) / MS.DAY / value);
      const from = anchorDay + i * value * MS.DAY;
      return [from, from + (value - 1) * MS.DAY];
    }
    case 'weeks': {
      const anchor = truncate(anchorDay, 'week');
      const i = Math.floor((day - anchor) / MS.DAY / (7 * value));
      const from = anchor + i * 7 * value * MS.DAY;
      return [from, from + (7 * value - 1) * MS.DAY];
    }
    case 'months':
    case 'years': {
      const months = unit === 'months' ? value : value * 12;
      const anchor = unit === 'months' ? truncate(anchorDay, 'month') : truncate(anchorDay, 'year');
      const a = fieldsOf(anchor);
      const d = fieldsOf(day);
      const diff = (d.year - a.year) * 12 + (d.month - a.month);
      const from = addMonthsNaive(anchor, Math.floor(diff / months) * months);
      return [from, addMonthsNaive(from, months) - MS.DAY];
    }
  }
}

function dateGroup(from: number, through: number): Record<string, unknown> {
  const side = (day: number): Record<string, unknown> => ({ gregorian: isoDate(day), ...retailDate(day) });
  return { type: 'date', from: side(from), through: side(through) };
}

function hhmm(minuteOfDay: number): string {
  const prefix = minuteOfDay >= 24 * 60 ? '+' : '';
  const m = minuteOfDay % (24 * 60);
  return `${prefix}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function timeGroup(fromMinute: number, minutes: number): Record<string, unknown> {
  return { type: 'time', from: hhmm(fromMinute), through: hhmm(fromMinute + minutes - 1) };
}
