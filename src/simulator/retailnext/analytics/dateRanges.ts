/**
 * Datamine date_ranges: name, gregorian, absolute, relative (with or without base) and any mix of
 * two of them in from/to. Everything is resolved as wall-clock ("naive") time in the query's zone;
 * `to` is exclusive.
 */
import { badRequest, isRecord } from './requestError';
import { addMonthsNaive, fieldsOf, fromNaive, MS, naiveDate, toNaive } from './zonedTime';

/** The subscription calendar's weeks start on Sunday (matches the doc's "last week" example). */
export const WEEK_START_DAY = 0;

export interface ResolvedRange {
  fromMs: number; // instant, inclusive
  toMs: number; // instant, exclusive
}

const TRUNCATE_UNITS = ['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second'] as const;
type TruncateUnit = (typeof TRUNCATE_UNITS)[number];

const ADDERS = ['add_years', 'add_quarters', 'add_months', 'add_weeks', 'add_days', 'add_hours', 'add_minutes', 'add_seconds'] as const;

/** True when the spec (or a nested base) uses `name`, which needs an explicit time zone. */
export function usesName(spec: unknown): boolean {
  if (!isRecord(spec)) return false;
  if ('name' in spec) return true;
  const rel = spec.relative;
  return isRecord(rel) && usesName(rel.base);
}

export function resolveDateRange(range: unknown, tz: string, nowMs: number): ResolvedRange {
  if (!isRecord(range) || !('from' in range) || !('to' in range)) {
    throw badRequest('each date_ranges entry needs "from" and "to"');
  }
  const from = range.from;
  const to = range.to;
  const fromRel = isRelativeWithoutBase(from);
  const toRel = isRelativeWithoutBase(to);
  if (fromRel && toRel) throw badRequest('"base" is required when both "from" and "to" are relative');
  const nowNaive = toNaive(nowMs, tz);
  let fromNaiveMs: number;
  let toNaiveMs: number;
  if (fromRel) {
    toNaiveMs = resolveSpec(to, tz, nowNaive, null, 'to');
    fromNaiveMs = resolveSpec(from, tz, nowNaive, toNaiveMs, 'from');
  } else {
    fromNaiveMs = resolveSpec(from, tz, nowNaive, null, 'from');
    toNaiveMs = resolveSpec(to, tz, nowNaive, fromNaiveMs, 'to');
  }
  const fromMs = fromNaive(fromNaiveMs, tz);
  const toMs = fromNaive(toNaiveMs, tz);
  // "today" to "now" (the doc's occupancy query) is the day so far: empty at the first instant of the day, not wrong
  const soFar = toMs === fromMs && isRecord(to) && to.name === 'now';
  if (!(toMs > fromMs) && !soFar) throw badRequest('date range "to" must be after "from"');
  return { fromMs, toMs };
}

function isRelativeWithoutBase(spec: unknown): boolean {
  return isRecord(spec) && isRecord(spec.relative) && spec.relative.base === undefined;
}

function resolveSpec(spec: unknown, tz: string, nowNaive: number, opposite: number | null, side: string): number {
  if (!isRecord(spec)) throw badRequest(`date range "${side}" must be an object`);
  const keys = Object.keys(spec);
  if (keys.length !== 1) throw badRequest(`date range "${side}" needs exactly one of name, gregorian, absolute, relative`);
  if ('name' in spec) return resolveName(spec.name, nowNaive);
  if ('gregorian' in spec) return resolveGregorian(spec.gregorian, tz);
  if ('absolute' in spec) return resolveAbsolute(spec.absolute);
  if ('relative' in spec) return resolveRelative(spec.relative, tz, nowNaive, opposite, side);
  throw badRequest(`unknown date specification "${keys[0] ?? ''}" in "${side}"`);
}

function resolveName(name: unknown, nowNaive: number): number {
  const today = Math.floor(nowNaive / MS.DAY) * MS.DAY;
  switch (name) {
    case 'now':
      return nowNaive;
    case 'today':
      return today;
    case 'yesterday':
      return today - MS.DAY;
    case 'tomorrow':
      return today + MS.DAY;
    default:
      throw badRequest(`unknown date name "${String(name)}" (supported: now, today, yesterday, tomorrow)`);
  }
}

function resolveGregorian(value: unknown, tz: string): number {
  if (typeof value !== 'string') throw badRequest('"gregorian" must be an ISO 8601 string');
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(value);
  if (!m) throw badRequest(`"gregorian" value "${value}" is not ISO 8601 (yyyy-mm-ddThh:mm:ssZ)`);
  const naive = naiveDate(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  if (Number.isNaN(naive)) throw badRequest(`"gregorian" value "${value}" is not a valid date`);
  const zone = m[7];
  if (!zone) return naive; // no offset: wall-clock time in the query's zone
  const offsetMin = zone === 'Z' ? 0 : parseOffset(zone);
  return toNaive(naive - offsetMin * 60_000, tz);
}

function parseOffset(zone: string): number {
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

const ABSOLUTE_KEYS = ['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second'];

/**
 * Each unit counts within the enclosing one: year=2017,week=12 is the 12th week of 2017;
 * quarter=2,month=3 is the 3rd month of the 2nd quarter. Week N of a period starts on the N-th
 * week-start day on or after the period's start.
 */
function resolveAbsolute(abs: unknown): number {
  if (!isRecord(abs)) throw badRequest('"absolute" must be an object');
  for (const key of Object.keys(abs)) {
    if (!ABSOLUTE_KEYS.includes(key)) throw badRequest(`unknown "absolute" field "${key}"`);
    const v = abs[key];
    if (typeof v !== 'number' || !Number.isInteger(v)) throw badRequest(`"absolute.${key}" must be an integer`);
  }
  const num = (k: string): number | undefined => abs[k] as number | undefined;
  const year = num('year');
  if (year === undefined) throw badRequest('"absolute.year" is required');
  for (const k of ['quarter', 'month', 'week', 'day']) {
    const v = num(k);
    if (v !== undefined && v < 1) throw badRequest(`"absolute.${k}" starts from 1`);
  }
  for (const k of ['hour', 'minute', 'second']) {
    const v = num(k);
    if (v !== undefined && v < 0) throw badRequest(`"absolute.${k}" starts from 0`);
  }
  let t = naiveDate(year, 1, 1);
  const quarter = num('quarter');
  if (quarter !== undefined) t = addMonthsNaive(t, (quarter - 1) * 3);
  const month = num('month');
  if (month !== undefined) t = addMonthsNaive(t, month - 1);
  const week = num('week');
  if (week !== undefined) {
    const wd = fieldsOf(t).weekday;
    const toFirstWeekStart = (WEEK_START_DAY - wd + 7) % 7;
    t += (toFirstWeekStart + (week - 1) * 7) * MS.DAY;
  }
  const day = num('day');
  if (day !== undefined) t += (day - 1) * MS.DAY;
  t += (num('hour') ?? 0) * MS.HOUR + (num('minute') ?? 0) * MS.MINUTE + (num('second') ?? 0) * 1000;
  return t;
}

function resolveRelative(rel: unknown, tz: string, nowNaive: number, opposite: number | null, side: string): number {
  if (!isRecord(rel)) throw badRequest('"relative" must be an object');
  for (const key of Object.keys(rel)) {
    if (key !== 'base' && key !== 'truncate_to' && !(ADDERS as readonly string[]).includes(key)) {
      throw badRequest(`unknown "relative" field "${key}"`);
    }
  }
  let t: number;
  if (rel.base !== undefined) t = resolveSpec(rel.base, tz, nowNaive, null, `${side}.relative.base`);
  else if (opposite !== null) t = opposite;
  else throw badRequest('"base" is required when both "from" and "to" are relative');
  if (rel.truncate_to !== undefined) {
    if (typeof rel.truncate_to !== 'string' || !(TRUNCATE_UNITS as readonly string[]).includes(rel.truncate_to)) {
      throw badRequest(`"truncate_to" must be one of ${TRUNCATE_UNITS.join('|')}`);
    }
    t = truncate(t, rel.truncate_to as TruncateUnit);
  }
  const n = (k: string): number => {
    const v = rel[k];
    if (v === undefined) return 0;
    if (typeof v !== 'number' || !Number.isInteger(v)) throw badRequest(`"relative.${k}" must be an integer`);
    return v;
  };
  t = addMonthsNaive(t, n('add_years') * 12 + n('add_quarters') * 3 + n('add_months'));
  t += (n('add_weeks') * 7 + n('add_days')) * MS.DAY;
  t += n('add_hours') * MS.HOUR + n('add_minutes') * MS.MINUTE + n('add_seconds') * 1000;
  return t;
}

export function truncate(naiveMs: number, unit: TruncateUnit): number {
  const f = fieldsOf(naiveMs);
  switch (unit) {
    case 'year':
      return naiveDate(f.year, 1, 1);
    case 'quarter':
      return naiveDate(f.year, Math.floor((f.month - 1) / 3) * 3 + 1, 1);
    case 'month':
      return naiveDate(f.year, f.month, 1);
    case 'week':
      return naiveDate(f.year, f.month, f.day) - ((f.weekday - WEEK_START_DAY + 7) % 7) * MS.DAY;
    case 'day':
      return naiveDate(f.year, f.month, f.day);
    case 'hour':
      return naiveDate(f.year, f.month, f.day, f.hour);
    case 'minute':
      return naiveDate(f.year, f.month, f.day, f.hour, f.minute);
    case 'second':
      return naiveDate(f.year, f.month, f.day, f.hour, f.minute, f.second);
  }
}
