import { AppError } from '../../shared/contract/errors';
import { addTo, emptyFigures, leadTraffic, mergeFigures, ratiosOf } from '../../shared/reports/figures';
import { addDays, dayCount, dayMs, daysBetween, hourLabelsOfDay, hoursInDay, lastDayOfMonth, lastYearPeriod, localHourStart, monthOf, previousPeriod, secondPassOffset, wallClockHour, weekStart, type LastYearMatch } from '../../shared/reports/time';
import { isIntraday, type Bucket, type Figures, type GapRow, type Granularity, type PeriodComparison, type ReportResult, type SourceInfo } from '../../shared/reports/types';
import type { Db } from '../db/open';
import { StoreDirectory, type NodeSource, type ReportStore } from './directory';
import { coverage, expectedTo, gapRows, todayIn, type Coverage } from './gaps';
import { hourOnlyDays, readQuarters } from './quarterHours';
import { figuresOf, readComparison, readDays, readHours, readMonths, readPredictions, type GroupRow } from './read';

export interface ReportQuery {
  nodeId: string;
  from: string;
  to: string;
  granularity: Granularity;
  /** how last year is matched: the same weekdays (364 days earlier, the default) or the same dates */
  lastYear?: LastYearMatch;
  /** the hours of the day to keep (hour and 15-minute reports of stores Exteros covers); absent = all */
  hours?: number[];
}

/** Hour reports read hourly rows: kept to ranges a chart can show hour by hour. */
export const maxHourlyDays = 31;
/** 15-minute reports: 96 periods a day, kept to two weeks (1,344 points). */
export const maxQuarterDays = 14;
const quarters = [0, 15, 30, 45] as const;
const two = (n: number) => String(n).padStart(2, '0');
const maxGapRows = 500;

interface Skeleton {
  buckets: Bucket[];
  index: Map<string, Bucket>;
  /** the bucket key a day (and hour, and minute at 15 minutes) falls in */
  keyOf(day: string, hour: number | null, minute?: number): string;
  /**
   * Hour reports: the bucket of a stored hour. The second pass of a repeated hour (label + 24) gets
   * a bucket of its own right after the first, when the report reads one zone (the 25-hour day shows
   * 25 hours); across zones the hour axis is wall-clock labels, so it counts under its label.
   */
  hourBucket(day: string, storedHour: number, minute?: number): Bucket | undefined;
}

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Every period of the range, data or not, so a gap shows as a gap and not as a missing point. */
function skeleton(from: string, to: string, g: Granularity, zones: string[], keep: ReadonlySet<number> | null = null): Skeleton {
  const buckets: Bucket[] = [];
  const add = (key: string, label: string, x: number, days: number, hour?: number, minute?: number) => {
    const b: Bucket = { key, label, x, days, ...emptyFigures() };
    if (hour !== undefined) b.hour = hour;
    if (minute !== undefined) b.minute = minute;
    buckets.push(b);
  };
  const oneZone = zones.length === 1 ? zones[0]! : null;
  if (isIntraday(g)) {
    for (const day of daysBetween(from, to)) {
      const labels = oneZone ? hourLabelsOfDay(oneZone, day) : Array.from({ length: 24 }, (_, h) => h);
      for (const h of labels) {
        if (keep && !keep.has(h)) continue;
        const start = oneZone ? localHourStart(oneZone, day, h) : dayMs(day) + h * 3_600_000;
        if (g === 'hour') add(`${day} ${two(h)}`, `${day} ${two(h)}:00`, start, 1, h);
        else for (const m of quarters) add(`${day} ${two(h)}:${two(m)}`, `${day} ${two(h)}:${two(m)}`, start + m * 60_000, 1, h, m);
      }
    }
  } else if (g === 'day') {
    for (const day of daysBetween(from, to)) add(day, day, dayMs(day), 1);
  } else if (g === 'week') {
    for (let w = weekStart(from); w <= to; w = addDays(w, 7)) {
      const first = w < from ? from : w;
      const end = addDays(w, 6);
      const last = end > to ? to : end;
      add(w, `Week of ${w}`, dayMs(w), dayCount(first, last));
    }
  } else {
    for (let m = monthOf(from); m <= monthOf(to); m = monthOf(addDays(lastDayOfMonth(m), 1))) {
      const first = `${m}-01` < from ? from : `${m}-01`;
      const last = lastDayOfMonth(m) > to ? to : lastDayOfMonth(m);
      add(m, `${monthNames[Number(m.slice(5)) - 1]} ${m.slice(0, 4)}`, dayMs(`${m}-01`), dayCount(first, last));
    }
  }
  const keyOf = (day: string, hour: number | null, minute?: number): string => {
    if (g === 'hour') return `${day} ${two(hour ?? 0)}`;
    if (g === '15min') return `${day} ${two(hour ?? 0)}:${two(minute ?? 0)}`;
    if (g === 'day') return day;
    if (g === 'week') return weekStart(day);
    return monthOf(day);
  };
  const index = new Map(buckets.map((b) => [b.key, b]));
  const hourBucket = (day: string, storedHour: number, minute?: number): Bucket | undefined => {
    const own = index.get(keyOf(day, storedHour, minute));
    if (own || storedHour < secondPassOffset) return own;
    const label = wallClockHour(storedHour);
    const first = index.get(keyOf(day, label, minute));
    if (!first || !oneZone || hoursInDay(oneZone, day) !== 25) return first;
    const clock = `${two(label)}:${two(minute ?? 0)}`;
    const second: Bucket = { key: keyOf(day, storedHour, minute), label: `${day} ${clock} (2nd)`, x: first.x + 3_600_000, days: 1, hour: label, ...emptyFigures() };
    if (minute !== undefined) second.minute = minute;
    // In time order: the repeated hour's second pass comes an hour after its first.
    const at = buckets.findIndex((b) => b.x > second.x);
    buckets.splice(at < 0 ? buckets.length : at, 0, second);
    index.set(second.key, second);
    return second;
  };
  return { buckets, index, keyOf, hourBucket };
}

function readGroups(db: Db, source: NodeSource, from: string, to: string, g: Granularity): GroupRow[] {
  // Only Exteros counts by the quarter hour: the other vendors have nothing to show at 15 minutes.
  if (g === '15min') return source.vendor === 'exteros' ? readQuarters(db, source, from, to) : [];
  if (g === 'hour') return readHours(db, source, from, to);
  if (g === 'month') return readMonths(db, source, from, to);
  return readDays(db, source, from, to);
}

interface Computed {
  skeleton: Skeleton;
  totals: Figures;
  coverages: Coverage[];
}

/** The figures of every period of a range for a node's sources, with what the cache lacks flagged. */
function compute(db: Db, sources: NodeSource[], stores: ReportStore[], from: string, to: string, g: Granularity, zones: string[], now: Date, todays: Map<string, string>, light = false, keep: ReadonlySet<number> | null = null): Computed {
  const sk = skeleton(from, to, g, zones, keep);
  const coverages: Coverage[] = [];
  for (const source of sources) {
    for (const row of readGroups(db, source, from, to, g)) {
      const bucket = g === 'hour' ? sk.hourBucket(row.k, Number(row.h ?? 0)) : g === '15min' ? sk.hourBucket(row.k, Number(row.h ?? 0), Number(row.m ?? 0)) : sk.index.get(sk.keyOf(g === 'month' ? `${row.k}-01` : row.k, null));
      if (bucket) mergeFigures(bucket, figuresOf(source.vendor, row));
    }
    if (source.vendor === 'retailnext' && g !== '15min') {
      for (const p of readPredictions(db, source, from, to)) {
        const bucket = sk.index.get(sk.keyOf(p.day, p.hour));
        if (!bucket) continue;
        addTo(bucket.sums, 'predicted', p.predicted);
        addTo(bucket.sums, 'predictedActual', p.actual);
        addTo(bucket.sums, 'predictedMatched', p.matched);
        bucket.ratios = ratiosOf(bucket.sums);
      }
    }
    const cov = coverage(db, source, from, to, now, todays, light);
    coverages.push(cov);
    if (!isIntraday(g)) {
      for (const days of cov.provisional.values()) {
        for (const day of days) {
          const bucket = sk.index.get(sk.keyOf(day, null));
          if (bucket) bucket.validity.provisional = true;
        }
      }
    }
  }
  const totals = emptyFigures();
  for (const b of sk.buckets) {
    if (g === 'month') b.occupancy.overLimit = null;
    if (stores.length === 1) b.occupancy.limit = stores[0]!.occupancyLimit;
    mergeFigures(totals, b);
  }
  if (g === 'month') totals.occupancy.overLimit = null;
  totals.occupancy.limit = stores.length === 1 ? stores[0]!.occupancyLimit : sumOrNull(stores.map((s) => s.occupancyLimit));
  for (const c of coverages) {
    for (const [key, expected] of c.expected) if ((c.held.get(key) ?? 0) < expected) totals.validity.missing = true;
    for (const [key, days] of c.provisional) {
      const today = todayIn(c.source.stores.get(key)!.timeZone, now, todays);
      if (days.some((d) => d < today)) totals.validity.stale = true;
    }
  }
  return { skeleton: sk, totals, coverages };
}

function sumOrNull(values: Array<number | null>): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0);
}

/** Marks the periods that contain a missing or stale store-day. */
function flagGaps(sk: Skeleton, gaps: GapRow[], g: Granularity): void {
  const days = { missing: new Set<string>(), stale: new Set<string>() };
  for (const gap of gaps) {
    for (const r of gap.missing) for (let d = r.from; d <= r.to; d = addDays(d, 1)) days.missing.add(d);
    for (const d of gap.staleDays) days.stale.add(d);
  }
  // Hour and 15-minute reports: every period of the day (the hours filter may have left some out).
  const ofDay = new Map<string, Bucket[]>();
  if (isIntraday(g)) for (const b of sk.buckets) ofDay.set(b.key.slice(0, 10), [...(ofDay.get(b.key.slice(0, 10)) ?? []), b]);
  for (const what of ['missing', 'stale'] as const) {
    for (const day of days[what]) {
      const periods = isIntraday(g) ? (ofDay.get(day) ?? []) : [sk.index.get(sk.keyOf(day, null))];
      for (const b of periods) if (b) b.validity[what] = true;
    }
  }
}

/**
 * The previous period or last year: per period the lead traffic, and the totals the comparison
 * table shows (traffic, sales, transactions, items sold, impressions, interactions; other measures
 * stay null) with whether store-days are missing. Hour comparisons read hourly rows as the report does.
 */
function comparison(db: Db, sources: NodeSource[], stores: ReportStore[], from: string, to: string, g: Granularity, zones: string[], now: Date, todays: Map<string, string>, keep: ReadonlySet<number> | null = null): PeriodComparison {
  if (isIntraday(g)) {
    const c = compute(db, sources, stores, from, to, g, zones, now, todays, true, keep);
    return { from, to, totals: c.totals, traffic: c.skeleton.buckets.map((b) => leadTraffic(b.sums)) };
  }
  const sk = skeleton(from, to, g, zones);
  const totals = emptyFigures();
  let expected = 0;
  let held = 0;
  for (const source of sources) {
    const lastDays = new Map<string, string>();
    for (const [key, store] of source.stores) {
      const last = expectedTo(store, to, now, todays);
      lastDays.set(key, last);
      if (last >= from) expected += dayCount(from, last);
    }
    const read = readComparison(db, source, from, to, g === 'month', lastDays);
    held += read.held;
    for (const row of read.rows) {
      const bucket = sk.index.get(sk.keyOf(g === 'month' ? `${row.k}-01` : row.k, null));
      if (bucket) mergeFigures(bucket, figuresOf(source.vendor, row));
    }
    if (read.total) mergeFigures(totals, figuresOf(source.vendor, read.total));
  }
  for (const b of sk.buckets) mergeFigures(totals, b);
  totals.occupancy.overLimit = null;
  totals.occupancy.limit = stores.length === 1 ? stores[0]!.occupancyLimit : sumOrNull(stores.map((s) => s.occupancyLimit));
  // Held store-days are counted up to each store's last expected day, so fewer than expected = some are missing.
  totals.validity.missing = held < expected;
  return { from, to, totals, traffic: sk.buckets.map((b) => leadTraffic(b.sums)) };
}

/**
 * A comparison read day by day, its traffic summed into the report's own weeks or months: day i
 * of the comparison counts where day i of the report falls (364 days back, a week or a month of
 * last year starts on another date than the report's).
 */
function foldedByDay(daily: PeriodComparison, sk: Skeleton, reportFrom: string): PeriodComparison {
  const position = new Map(sk.buckets.map((b, i) => [b.key, i]));
  const traffic: Array<number | null> = sk.buckets.map(() => null);
  daily.traffic.forEach((v, i) => {
    const at = position.get(sk.keyOf(addDays(reportFrom, i), null));
    if (v !== null && at !== undefined) traffic[at] = (traffic[at] ?? 0) + v;
  });
  return { ...daily, traffic };
}

/** A report over `dir`: the directory the core keeps (StoreDirectories), or one read now. */
export function runReport(db: Db, q: ReportQuery, now: Date, dir: StoreDirectory = new StoreDirectory(db)): ReportResult {
  if (q.from > q.to) throw new AppError('invalid_input', 'The first day comes after the last day.');
  if (q.granularity === 'hour' && dayCount(q.from, q.to) > maxHourlyDays) {
    throw new AppError('invalid_input', `An hour-by-hour report covers at most ${maxHourlyDays} days; choose days, weeks or months for a longer range.`);
  }
  if (q.granularity === '15min' && dayCount(q.from, q.to) > maxQuarterDays) {
    throw new AppError('invalid_input', `A 15-minute report covers at most ${maxQuarterDays} days; choose hours or days for a longer range.`);
  }
  const hours = q.hours ? [...new Set(q.hours)].sort((a, b) => a - b) : null;
  if (hours && !isIntraday(q.granularity)) throw new AppError('invalid_input', 'Choosing hours of the day applies to 15-minute and hour reports: choose one of those, or every hour.');
  const node = dir.node(q.nodeId);
  const stores = dir.storesUnder(node.id);
  const sources = dir.sourcesFor(stores);
  const exteros = sources.filter((s) => s.vendor === 'exteros');
  if ((q.granularity === '15min' || hours) && exteros.length === 0) {
    const what = q.granularity === '15min' ? '15-minute counts come' : 'Choosing hours of the day comes';
    throw new AppError('invalid_input', `${what} from Exteros only, and no Exteros connection covers ${node.name}. RetailNext and Flow count by the hour: choose "hour" and every hour.`);
  }
  const keep = hours && hours.length < 24 ? new Set(hours) : null;
  // At 15 minutes the report is Exteros' alone: the hourly vendors' gaps are not its gaps.
  if (q.granularity === '15min') sources.splice(0, sources.length, ...exteros);
  const zones = [...new Set(stores.map((s) => s.timeZone))].sort();
  const todays = new Map<string, string>();
  const main = compute(db, sources, stores, q.from, q.to, q.granularity, zones, now, todays, false, keep);

  const gaps: GapRow[] = [];
  for (const c of main.coverages) gaps.push(...gapRows(db, c, q.from, q.to, now, todays));
  flagGaps(main.skeleton, gaps, q.granularity);
  for (const b of main.skeleton.buckets) {
    // Future periods are not gaps: nothing can be synced for them yet.
    const firstDay = q.granularity === 'month' ? `${b.key}-01` : b.key.slice(0, 10);
    if (stores.every((s) => firstDay > todayIn(s.timeZone, now, todays))) b.validity.missing = false;
  }
  gaps.sort((a, b) => b.missingDays - a.missingDays || b.staleDays.length - a.staleDays.length || a.storeName.localeCompare(b.storeName));

  const prev = previousPeriod(q.from, q.to, q.granularity === '15min' ? 'hour' : q.granularity);
  const previous = comparison(db, sources, stores, prev.from, prev.to, q.granularity, zones, now, todays, keep);
  const lastYearMatch = q.lastYear ?? 'weekday';
  const ly = lastYearPeriod(q.from, q.to, lastYearMatch);
  const lastYear =
    (q.granularity === 'week' || q.granularity === 'month') && dayCount(ly.from, ly.to) === dayCount(q.from, q.to)
      ? foldedByDay(comparison(db, sources, stores, ly.from, ly.to, 'day', zones, now, todays), main.skeleton, q.from)
      : comparison(db, sources, stores, ly.from, ly.to, q.granularity, zones, now, todays, keep);

  const withData = new Set<string>();
  for (const c of main.coverages) for (const [key, n] of c.held) if (n > 0) withData.add(c.source.stores.get(key)!.uuid);
  const sourcesInfo: SourceInfo[] = main.coverages.map((c) => ({
    vendor: c.source.vendor,
    connectionId: c.source.connectionId,
    connectionName: c.source.connectionName,
    stores: c.source.stores.size,
    currency: c.source.currency,
    lastSyncedAt: [...c.lastSynced.values()].sort().at(-1) ?? null,
  }));

  return {
    node,
    from: q.from,
    to: q.to,
    granularity: q.granularity,
    hours: keep ? hours : null,
    hourOnlyDays: q.granularity === '15min' ? exteros.reduce((n, s) => n + hourOnlyDays(db, s, q.from, q.to), 0) : 0,
    timeZones: zones,
    hourAxis: zones.length === 1 ? 'instant' : 'wall_clock',
    buckets: main.skeleton.buckets,
    totals: main.totals,
    previous,
    lastYear,
    lastYearMatch,
    sources: sourcesInfo,
    salesCurrencies: [...new Set(sourcesInfo.filter((s) => s.vendor === 'flow' && s.stores > 0 && s.currency).map((s) => s.currency!))].sort(),
    gaps: gaps.slice(0, maxGapRows),
    storesWithoutData: stores.filter((s) => !withData.has(s.uuid)).length,
    generatedAt: now.toISOString(),
  };
}

export function reportTree(dir: StoreDirectory) {
  return dir.list();
}
