import { AppError } from '../../shared/contract/errors';
import { addTo, emptyFigures, leadTraffic, mergeFigures, ratiosOf } from '../../shared/reports/figures';
import { addDays, dayCount, dayMs, daysBetween, hourLabelsOfDay, hoursInDay, lastDayOfMonth, lastYearPeriod, localHourStart, monthOf, previousPeriod, secondPassOffset, wallClockHour, weekStart, type LastYearMatch } from '../../shared/reports/time';
import type { Bucket, Figures, GapRow, Granularity, PeriodComparison, ReportResult, SourceInfo } from '../../shared/reports/types';
import type { Db } from '../db/open';
import { StoreDirectory, type NodeSource, type ReportStore } from './directory';
import { coverage, expectedTo, gapRows, todayIn, type Coverage } from './gaps';
import { figuresOf, readComparison, readDays, readHours, readMonths, readPredictions, type GroupRow } from './read';

export interface ReportQuery {
  nodeId: string;
  from: string;
  to: string;
  granularity: Granularity;
  /** how last year is matched: the same weekdays (364 days earlier, the default) or the same dates */
  lastYear?: LastYearMatch;
}

/** Hour reports read hourly rows: kept to ranges a chart can show hour by hour. */
export const maxHourlyDays = 31;
const maxGapRows = 500;

interface Skeleton {
  buckets: Bucket[];
  index: Map<string, Bucket>;
  /** the bucket key a day (and hour) falls in */
  keyOf(day: string, hour: number | null): string;
  /**
   * Hour reports: the bucket of a stored hour. The second pass of a repeated hour (label + 24) gets
   * a bucket of its own right after the first, when the report reads one zone (the 25-hour day shows
   * 25 hours); across zones the hour axis is wall-clock labels, so it counts under its label.
   */
  hourBucket(day: string, storedHour: number): Bucket | undefined;
}

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Every period of the range, data or not, so a gap shows as a gap and not as a missing point. */
function skeleton(from: string, to: string, g: Granularity, zones: string[]): Skeleton {
  const buckets: Bucket[] = [];
  const add = (key: string, label: string, x: number, days: number, hour?: number) => {
    const b: Bucket = { key, label, x, days, ...emptyFigures() };
    if (hour !== undefined) b.hour = hour;
    buckets.push(b);
  };
  const oneZone = zones.length === 1 ? zones[0]! : null;
  if (g === 'hour') {
    for (const day of daysBetween(from, to)) {
      const labels = oneZone ? hourLabelsOfDay(oneZone, day) : Array.from({ length: 24 }, (_, h) => h);
      for (const h of labels) add(`${day} ${String(h).padStart(2, '0')}`, `${day} ${String(h).padStart(2, '0')}:00`, oneZone ? localHourStart(oneZone, day, h) : dayMs(day) + h * 3_600_000, 1, h);
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
  const keyOf = (day: string, hour: number | null): string => {
    if (g === 'hour') return `${day} ${String(hour ?? 0).padStart(2, '0')}`;
    if (g === 'day') return day;
    if (g === 'week') return weekStart(day);
    return monthOf(day);
  };
  const index = new Map(buckets.map((b) => [b.key, b]));
  const hourBucket = (day: string, storedHour: number): Bucket | undefined => {
    const own = index.get(keyOf(day, storedHour));
    if (own || storedHour < secondPassOffset) return own;
    const label = wallClockHour(storedHour);
    const first = index.get(keyOf(day, label));
    if (!first || !oneZone || hoursInDay(oneZone, day) !== 25) return first;
    const hh = String(label).padStart(2, '0');
    const second: Bucket = { key: keyOf(day, storedHour), label: `${day} ${hh}:00 (2nd)`, x: first.x + 3_600_000, days: 1, hour: label, ...emptyFigures() };
    buckets.splice(buckets.indexOf(first) + 1, 0, second);
    index.set(second.key, second);
    return second;
  };
  return { buckets, index, keyOf, hourBucket };
}

function readGroups(db: Db, source: NodeSource, from: string, to: string, g: Granularity): GroupRow[] {
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
function compute(db: Db, sources: NodeSource[], stores: ReportStore[], from: string, to: string, g: Granularity, zones: string[], now: Date, todays: Map<string, string>, light = false): Computed {
  const sk = skeleton(from, to, g, zones);
  const coverages: Coverage[] = [];
  for (const source of sources) {
    for (const row of readGroups(db, source, from, to, g)) {
      const bucket = g === 'hour' ? sk.hourBucket(row.k, row.h ?? 0) : sk.index.get(sk.keyOf(g === 'month' ? `${row.k}-01` : row.k, null));
      if (bucket) mergeFigures(bucket, figuresOf(source.vendor, row));
    }
    if (source.vendor === 'retailnext') {
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
    if (g !== 'hour') {
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
  for (const what of ['missing', 'stale'] as const) {
    for (const day of days[what]) {
      const keys = g === 'hour' ? Array.from({ length: 2 * secondPassOffset }, (_, h) => sk.keyOf(day, h)) : [sk.keyOf(day, null)];
      for (const k of keys) {
        const b = sk.index.get(k);
        if (b) b.validity[what] = true;
      }
    }
  }
}

/**
 * The previous period or last year: per period the lead traffic, and the totals the comparison
 * table shows (traffic, sales, transactions, items sold, impressions, interactions; other measures
 * stay null) with whether store-days are missing. Hour comparisons read hourly rows as the report does.
 */
function comparison(db: Db, sources: NodeSource[], stores: ReportStore[], from: string, to: string, g: Granularity, zones: string[], now: Date, todays: Map<string, string>): PeriodComparison {
  if (g === 'hour') {
    const c = compute(db, sources, stores, from, to, g, zones, now, todays, true);
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
  const node = dir.node(q.nodeId);
  const stores = dir.storesUnder(node.id);
  const sources = dir.sourcesFor(stores);
  const zones = [...new Set(stores.map((s) => s.timeZone))].sort();
  const todays = new Map<string, string>();
  const main = compute(db, sources, stores, q.from, q.to, q.granularity, zones, now, todays);

  const gaps: GapRow[] = [];
  for (const c of main.coverages) gaps.push(...gapRows(db, c, q.from, q.to, now, todays));
  flagGaps(main.skeleton, gaps, q.granularity);
  for (const b of main.skeleton.buckets) {
    // Future periods are not gaps: nothing can be synced for them yet.
    const firstDay = q.granularity === 'month' ? `${b.key}-01` : b.key.slice(0, 10);
    if (stores.every((s) => firstDay > todayIn(s.timeZone, now, todays))) b.validity.missing = false;
  }
  gaps.sort((a, b) => b.missingDays - a.missingDays || b.staleDays.length - a.staleDays.length || a.storeName.localeCompare(b.storeName));

  const prev = previousPeriod(q.from, q.to, q.granularity);
  const previous = comparison(db, sources, stores, prev.from, prev.to, q.granularity, zones, now, todays);
  const lastYearMatch = q.lastYear ?? 'weekday';
  const ly = lastYearPeriod(q.from, q.to, lastYearMatch);
  const lastYear =
    (q.granularity === 'week' || q.granularity === 'month') && dayCount(ly.from, ly.to) === dayCount(q.from, q.to)
      ? foldedByDay(comparison(db, sources, stores, ly.from, ly.to, 'day', zones, now, todays), main.skeleton, q.from)
      : comparison(db, sources, stores, ly.from, ly.to, q.granularity, zones, now, todays);

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
