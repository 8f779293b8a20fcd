import { AppError } from '../../../shared/contract/errors';
import type { DatamineDataPoint, DatamineGroup } from './schemas';

/** Every date form of the datamine documentation. */
export type AbsoluteDate = { year: number; quarter?: number; month?: number; week?: number; day?: number; hour?: number; minute?: number; second?: number };
export type RelativeDate = {
  base?: DateSpec;
  truncate_to?: 'year' | 'quarter' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second';
  add_years?: number;
  add_quarters?: number;
  add_months?: number;
  add_weeks?: number;
  add_days?: number;
  add_hours?: number;
  add_minutes?: number;
  add_seconds?: number;
};
export type DateSpec = { name: 'now' | 'today' | (string & {}) } | { gregorian: string } | { absolute: AbsoluteDate } | { relative: RelativeDate };
export interface DateRange {
  from: DateSpec;
  to: DateSpec;
}
export type TimeRange = { from: string; until: string } | { type: 'store_hours' };
export type GroupBy =
  | { group: 'location'; unit: ''; value: number }
  | { group: 'day_of_week'; unit: ''; value: number }
  | { group: 'date'; unit: 'days' | 'weeks' | 'months' | 'years'; value: number }
  | { group: 'time'; unit: 'hours' | 'minutes'; value: number };

export interface DatamineRequest {
  locations: string[];
  metrics: string[];
  date_ranges: DateRange[];
  time_ranges: TimeRange[];
  group_bys: GroupBy[];
  /** Required when any date uses `name`; `local` = each store's own zone (occupancy). */
  time_zone?: string;
}

export const groupBy = {
  location: (): GroupBy => ({ group: 'location', unit: '', value: 1 }),
  dayOfWeek: (): GroupBy => ({ group: 'day_of_week', unit: '', value: 1 }),
  days: (value = 1): GroupBy => ({ group: 'date', unit: 'days', value }),
  weeks: (value = 1): GroupBy => ({ group: 'date', unit: 'weeks', value }),
  months: (value = 1): GroupBy => ({ group: 'date', unit: 'months', value }),
  years: (value = 1): GroupBy => ({ group: 'date', unit: 'years', value }),
  hours: (value = 1): GroupBy => ({ group: 'time', unit: 'hours', value }),
  minutes: (value: number): GroupBy => ({ group: 'time', unit: 'minutes', value }),
};

function usesName(spec: DateSpec | undefined): boolean {
  if (!spec) return false;
  if ('name' in spec) return true;
  return 'relative' in spec && usesName(spec.relative.base);
}

/** Checks the documented rules before a request is spent on them. */
export function checkDatamineRequest(req: DatamineRequest): void {
  if (req.locations.length === 0) throw new AppError('invalid_input', 'Choose at least one location.');
  if (req.metrics.length === 0) throw new AppError('invalid_input', 'Choose at least one metric.');
  if (req.date_ranges.length === 0) throw new AppError('invalid_input', 'Give a date range.');
  if (!req.time_zone && req.date_ranges.some((r) => usesName(r.from) || usesName(r.to))) {
    throw new AppError('invalid_input', 'A time zone is required when a date range uses "now" or "today".');
  }
  for (const r of req.date_ranges) {
    if ('relative' in r.from && 'relative' in r.to && !r.from.relative.base && !r.to.relative.base) {
      throw new AppError('invalid_input', 'When both ends of a date range are relative, one of them needs a base date.');
    }
  }
}

/** The absolute date of a `yyyy-mm-dd` day (resolved by the vendor in the query's time zone). */
export function absoluteDay(day: string): DateSpec {
  return { absolute: { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)), day: Number(day.slice(8, 10)) } };
}

export interface GroupKey {
  locationUuid?: string;
  locationName?: string;
  /** `yyyy-mm-dd` of the date group's start (shifted by a +/- prefixed time). */
  day?: string;
  dayThrough?: string;
  /** Minute of day of the time group's start. */
  minute?: number;
  dayOfWeek?: string;
}

/** Reads the layers of a data point's group(s), whichever way they are nested. */
export function groupKey(point: DatamineDataPoint): GroupKey {
  const key: GroupKey = {};
  const visit = (g: DatamineGroup | undefined): void => {
    if (!g) return;
    switch (g.type) {
      case 'location':
        key.locationUuid = g.uuid;
        key.locationName = g.name;
        break;
      case 'date':
        key.day = gregorianOf(g.from);
        key.dayThrough = gregorianOf(g.through);
        break;
      case 'time':
        key.minute = minuteOf(g.from);
        break;
      case 'day_of_week':
        key.dayOfWeek = typeof (g as { day_of_week?: unknown }).day_of_week === 'string' ? (g as { day_of_week: string }).day_of_week : undefined;
        break;
    }
    visit(g.group);
    visit(g.subgroup);
    g.groups?.forEach(visit);
  };
  if (Array.isArray(point.group)) point.group.forEach(visit);
  else visit(point.group);
  point.groups?.forEach(visit);
  return key;
}

function gregorianOf(side: unknown): string | undefined {
  if (typeof side === 'string') return side.slice(0, 10);
  if (side && typeof side === 'object' && typeof (side as { gregorian?: unknown }).gregorian === 'string') return (side as { gregorian: string }).gregorian.slice(0, 10);
  return undefined;
}

/** "09:00" -> 540; "+00:30" (after midnight of the next day) -> 1470; "-23:00" -> -60. */
function minuteOf(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object') {
    const o = v as { hour?: unknown; minute?: unknown };
    if (typeof o.hour === 'number') return o.hour * 60 + (typeof o.minute === 'number' ? o.minute : 0);
    return undefined;
  }
  if (typeof v !== 'string') return undefined;
  const m = /^([+-]?)(\d{1,2}):(\d{2})/.exec(v.trim());
  if (!m) return undefined;
  const base = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '+' ? base + 1440 : m[1] === '-' ? base - 1440 : base;
}

/** The datamine metrics of an FPA zone's location the console colours a floorplan by. */
export const zoneMeasureMetrics = ['traffic_in', 'dwells', 'average_dwell_time'] as const;

export interface ZoneMeasureRow {
  locationUuid: string;
  trafficIn: number | null;
  dwells: number | null;
  averageDwellSeconds: number | null;
}

/** A zone-measures answer (grouped by location) as one row per location; a point without a location is skipped. */
export function zoneMeasureRows(res: { metrics: Array<{ name: string; data: DatamineDataPoint[] }> }): ZoneMeasureRow[] {
  const rows = new Map<string, ZoneMeasureRow>();
  for (const metric of res.metrics) {
    for (const point of metric.data) {
      const uuid = groupKey(point).locationUuid;
      if (!uuid) continue;
      let row = rows.get(uuid);
      if (!row) rows.set(uuid, (row = { locationUuid: uuid, trafficIn: null, dwells: null, averageDwellSeconds: null }));
      const v = typeof point.value === 'number' && Number.isFinite(point.value) ? point.value : null;
      if (metric.name === 'traffic_in') row.trafficIn = v;
      else if (metric.name === 'dwells') row.dwells = v;
      else if (metric.name === 'average_dwell_time') row.averageDwellSeconds = v;
    }
  }
  return [...rows.values()];
}
