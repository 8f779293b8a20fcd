import type { Vendor } from '../connections/types';

/** '15min': quarter hours, from Exteros only (its `interval=15min`); the other vendors count by the hour. */
export const granularities = ['15min', 'hour', 'day', 'week', 'month'] as const;
export type Granularity = (typeof granularities)[number];

/** What the report's "By" choices read as. */
export const granularityLabels: Record<Granularity, string> = { '15min': '15 minutes', hour: 'hour', day: 'day', week: 'week', month: 'month' };

/** Granularities that show hours of the day, where the hours filter applies. */
export const isIntraday = (g: Granularity): g is '15min' | 'hour' => g === '15min' || g === 'hour';

/** Flow's eight demographic groups, in Flow's order (group_1 .. group_8). */
export const demographicGroups = [
  { key: 'male_18_under', label: 'Male ≤18' },
  { key: 'male_19_44', label: 'Male 19–44' },
  { key: 'male_45_59', label: 'Male 45–59' },
  { key: 'male_60_plus', label: 'Male 60+' },
  { key: 'female_18_under', label: 'Female ≤18' },
  { key: 'female_19_44', label: 'Female 19–44' },
  { key: 'female_45_59', label: 'Female 45–59' },
  { key: 'female_60_plus', label: 'Female 60+' },
] as const;
export type DemographicKey = (typeof demographicGroups)[number]['key'];

/** Additive measures: a day is the sum of its hours, a month the sum of its days. null = no data. */
export const additiveMeasures = [
  'rnIn', 'rnOut', 'flowIn', 'flowOut', 'sales', 'transactions', 'itemsSold',
  ...demographicGroups.map((g) => g.key),
  'impressions', 'discoveries', 'engagements', 'interactions',
  /** RetailNext predicted traffic; the actual traffic of the hours that have a prediction and a count; the predictions of those hours */
  'predicted', 'predictedActual', 'predictedMatched',
] as const;
export type AdditiveMeasure = (typeof additiveMeasures)[number];

export type Sums = Record<AdditiveMeasure, number | null>;

/** Ratios: null means "n/a" (a zero or missing denominator), never 0. */
export interface Ratios {
  /** transactions / Flow traffic in */
  conversion: number | null;
  /** average transaction value: sales / transactions */
  atv: number | null;
  /** units per transaction: items sold / transactions */
  upt: number | null;
  /** sales / Flow traffic in */
  salesPerVisitor: number | null;
  /** Exteros funnel: discoveries / impressions, engagements / discoveries, interactions / engagements */
  discoveryRate: number | null;
  engagementRate: number | null;
  interactionRate: number | null;
  /** predicted / actual RetailNext traffic, over the hours that have both */
  predictionAccuracy: number | null;
}

export interface Occupancy {
  /** highest hourly average occupancy of one store in the period */
  peak: number | null;
  /** highest peak / limit over the stores that have a limit */
  peakShareOfLimit: number | null;
  /** store-hours (hour reports) or store-days (day and week reports) whose occupancy went over the store's limit; null for whole months */
  overLimit: number | null;
  /** the limit of the store (single-store reports) or the sum of limits */
  limit: number | null;
}

export interface Validity {
  /** hours present in the cache */
  hours: number;
  incompleteHours: number;
  imputedHours: number;
  /** some data of the period is today's, still changing */
  provisional: boolean;
  /** some store-day of the period was fetched before it ended and not fetched again */
  stale: boolean;
  /** some expected store-day of the period was never synced */
  missing: boolean;
}

export interface Figures {
  sums: Sums;
  ratios: Ratios;
  occupancy: Occupancy;
  validity: Validity;
}

export interface Bucket extends Figures {
  /** the period's key: a day for hours (with `hour`), days and weeks (its Monday), a month `yyyy-mm` */
  key: string;
  hour?: number;
  /** 15-minute reports: the quarter's first minute */
  minute?: number;
  label: string;
  /** where the chart puts it (epoch ms: an instant for hours of one zone, else local midnight read as UTC) */
  x: number;
  /** days of the period inside the range (a week cut by the range has fewer than 7) */
  days: number;
}

export interface ReportNode {
  id: string;
  name: string;
  type: 'all' | 'region' | 'store';
  parentId: string | null;
  /** stores under the node */
  storeCount: number;
  /** an Exteros connection covers some of its stores: 15-minute reports and the hours filter are offered */
  exteros?: boolean;
}

export interface SourceInfo {
  vendor: Vendor;
  connectionId: string;
  connectionName: string;
  /** stores of the node this source maps */
  stores: number;
  /** Flow: the currency of its sales, as set on the connection (null = not said) */
  currency: string | null;
  lastSyncedAt: string | null;
}

export interface GapRow {
  vendor: Vendor;
  connectionName: string;
  storeId: string;
  storeName: string;
  /** store-days never synced, as ranges */
  missing: Array<{ from: string; to: string }>;
  missingDays: number;
  /** past days fetched while still running and not fetched again */
  staleDays: string[];
  /** today, still changing */
  provisionalDays: string[];
  lastSyncedAt: string | null;
}

export interface PeriodComparison {
  from: string;
  to: string;
  /**
   * What the comparison table shows (day, week and month reports): traffic in, sales, transactions,
   * items sold, impressions, interactions, their ratios, and validity.missing; other measures null.
   */
  totals: Figures;
  /** RetailNext (else Flow) traffic per bucket, aligned with the report's buckets by position */
  traffic: Array<number | null>;
}

export interface ReportResult {
  node: ReportNode;
  from: string;
  to: string;
  granularity: Granularity;
  timeZones: string[];
  /** the hours of the day kept (the hours filter; hour and 15-minute reports), null = every hour */
  hours: number[] | null;
  /** 15-minute reports: Exteros store-days the cache holds by the hour only (synced before 15-minute counts were kept) */
  hourOnlyDays: number;
  /** x of hour buckets: true instants (one zone) or each store's wall clock (several zones) */
  hourAxis: 'instant' | 'wall_clock';
  buckets: Bucket[];
  totals: Figures;
  previous: PeriodComparison;
  lastYear: PeriodComparison;
  /** how last year was matched: the same weekdays 364 days earlier (retail's convention) or the same dates */
  lastYearMatch: 'weekday' | 'date';
  sources: SourceInfo[];
  /** the currencies of the sales summed here (Flow connections'; none said = []); more than one is summed unconverted */
  salesCurrencies: string[];
  gaps: GapRow[];
  /** stores of the node with no data from any vendor for the whole range */
  storesWithoutData: number;
  generatedAt: string;
}

export interface HeatmapResult {
  node: ReportNode;
  from: string;
  to: string;
  /** which traffic it counts */
  source: 'retailnext' | 'flow' | 'none';
  /** [weekday 0=Sunday][hour 0..23]: average traffic per such day, null = no data */
  cells: Array<Array<number | null>>;
  /** hours of the day by average traffic, busiest first */
  peakHours: Array<{ hour: number; average: number }>;
  /** days counted per weekday */
  daysPerWeekday: number[];
}

export interface PredictionFetchResult {
  stores: number;
  hours: number;
  from: string;
  to: string;
  failures: Array<{ storeName: string; message: string }>;
}
