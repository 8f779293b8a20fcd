// The KPI model: every number any vendor serves comes from here, computed on demand from a hash of
// (seed, store, hour), so a year of hourly KPIs for 5,000 stores needs no stored rows and the three
// vendors agree with each other (Flow traffic = RetailNext traffic_in; Exteros counts follow traffic).

import { hash4, unit4 } from './rng';
import { localDayHours, localParts, type LocalParts, TIME } from './time';
import type { Estate, Store } from './types';

export type Validity = 'complete' | 'incomplete' | 'imputed';

export interface EntranceTraffic {
  /** the entrance sublocation */
  uuid: string;
  /** Flow's key: "001", "002"... in entrance order */
  code: string;
  enters: number;
  exits: number;
}

/** Additive counts (they sum over quarters, hours, days). */
export interface KpiCounts {
  trafficIn: number;
  trafficOut: number;
  /** minor currency units (cents) */
  sales: number;
  transactions: number;
  itemsSold: number;
  impressions: number;
  discoveries: number;
  engagements: number;
  interactions: number;
}

export interface HourlyKpi extends KpiCounts {
  storeUuid: string;
  hourStartUtc: Date;
  /** local date and hour of the store */
  localDate: string;
  localHour: number;
  /** 0 = Sunday */
  weekday: number;
  /** the store is open during this hour */
  open: boolean;
  /** 1 for a finished hour, 0 for a future one, in between for the current hour */
  completeness: number;
  perEntrance: EntranceTraffic[];
  /** group_1..group_8 of Flow: M<=18, M19-44, M45-59, M60+, F<=18, F19-44, F45-59, F60+ */
  demographics: number[];
  /** average people inside during the hour */
  occupancyAvg: number;
  /** average visit length, seconds */
  dwellAvgSec: number;
  validity: Validity;
}

export interface QuarterKpi extends KpiCounts {
  quarterStartUtc: Date;
  /** minute within the local hour: 0, 15, 30, 45 */
  minute: number;
  completeness: number;
}

export interface KpiOptions {
  /** current time; the hour containing it is partial, later hours are zero. Omit for whole hours. */
  now?: Date | number;
}

const COUNT_KEYS: (keyof KpiCounts)[] = [
  'trafficIn', 'trafficOut', 'sales', 'transactions', 'itemsSold', 'impressions', 'discoveries', 'engagements', 'interactions',
];

const QUARTER_MS = 15 * 60_000;
const DAY_FACTOR = [1.1, 0.75, 0.8, 0.85, 0.95, 1.15, 1.4];
const MONTH_FACTOR = [0.85, 0.85, 0.95, 1, 1, 1, 1.05, 1.05, 0.95, 1, 1.1, 1.35];
// Busy at lunch and after work.
const CLOCK_CURVE = [
  0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.85, 1, 1, 0.9, 0.8, 0.85, 0.95, 0.95, 0.8, 0.6, 0.45, 0.35, 0.3,
];

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/**
 * Where a local minute of the day falls in the store's opening span: null if closed, else the
 * position 0..1 within the span (an overnight span runs from the previous day into this one).
 */
interface HoursMinutes {
  source: Store['hours'];
  days: ({ o: number; c: number } | null)[];
}
const hoursCache = new WeakMap<Store, HoursMinutes>();
/** Store hours as minutes, parsed once per store (re-parsed if the hours object is replaced). */
function hoursOf(store: Store): ({ o: number; c: number } | null)[] {
  let h = hoursCache.get(store);
  if (!h || h.source !== store.hours) {
    h = { source: store.hours, days: store.hours.map((d) => (d ? { o: minutesOf(d.open), c: minutesOf(d.close) } : null)) };
    hoursCache.set(store, h);
  }
  return h.days;
}

export function openPosition(store: Store, weekday: number, minuteOfDay: number): number | null {
  const days = hoursOf(store);
  const today = days[weekday];
  if (today) {
    const { o, c } = today;
    if (c <= o) {
      if (minuteOfDay >= o) return (minuteOfDay - o + 30) / (c + 1440 - o);
    } else if (minuteOfDay >= o && minuteOfDay < c) {
      return (minuteOfDay - o + 30) / (c - o);
    }
  }
  const prev = days[(weekday + 6) % 7];
  if (prev) {
    const { o, c } = prev;
    if (c <= o && minuteOfDay < c) return (minuteOfDay + 1440 - o + 30) / (c + 1440 - o);
  }
  return null;
}

/** Whether the store is open during the UTC hour starting at hourStartMs (cheap: no KPI computed). */
export function isOpenHour(store: Store, hourStartMs: number): boolean {
  const p = localParts(store.time_zone, hourStartMs);
  return openPosition(store, p.weekday, p.hour * 60) !== null;
}

export function isOpenAt(store: Store, at: Date | number): boolean {
  const p = localParts(store.time_zone, +at);
  return openPosition(store, p.weekday, p.hour * 60 + p.minute) !== null;
}

/** Split an integer total by weights, exactly (largest remainder), deterministically. */
export function splitInt(total: number, weights: readonly number[]): number[] {
  const n = weights.length;
  const out = new Array<number>(n).fill(0);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += weights[i]!;
  if (total <= 0 || sum <= 0) return out;
  const frac = new Array<number>(n);
  let given = 0;
  for (let i = 0; i < n; i++) {
    const raw = (total * weights[i]!) / sum;
    const f = Math.floor(raw);
    out[i] = f;
    frac[i] = raw - f;
    given += f;
  }
  // Hand out the remainder (< n) by largest fraction, ties to the lower index. No sort: n is tiny.
  for (let rest = total - given; rest > 0; rest--) {
    let best = -1;
    for (let i = 0; i < n; i++) if (frac[i]! >= 0 && (best < 0 || frac[i]! > frac[best]!)) best = i;
    if (best < 0) break;
    out[best]! += 1;
    frac[best] = -1;
  }
  return out;
}

function storeConstants(seed: number, store: Store): { conversion: number; basketSize: number; itemPrice: number; passByRatio: number; dwellMin: number; demo: number[] } {
  const u = (salt: number): number => unit4(seed, store.index, salt, 0x5107e);
  const demo = [0.04, 0.22, 0.12, 0.05, 0.05, 0.3, 0.14, 0.08].map((w, i) => w * (0.4 + 1.2 * u(10 + i)));
  // Some stores simply never see some groups (so Flow omits those fields).
  if (u(20) < 0.5) demo[0] = 0;
  if (u(21) < 0.3) demo[4] = 0;
  return {
    conversion: 0.12 + 0.22 * u(1),
    basketSize: 1.3 + 1.4 * u(2),
    itemPrice: 1200 + Math.round(3500 * u(3)),
    passByRatio: 2.5 + 2 * u(4),
    dwellMin: 12 + 25 * u(5),
    demo,
  };
}

const constantsCache = new WeakMap<Store, ReturnType<typeof storeConstants> & { seed: number }>();
function constantsOf(seed: number, store: Store): ReturnType<typeof storeConstants> {
  let c = constantsCache.get(store);
  if (!c || c.seed !== seed) {
    c = { ...storeConstants(seed, store), seed };
    constantsCache.set(store, c);
  }
  return c;
}

const entranceWeightCache = new WeakMap<Store, { seed: number; weights: number[] }>();
function entranceWeightsOf(seed: number, store: Store): number[] {
  let c = entranceWeightCache.get(store);
  // Entrances can be added at run time (location create): recompute when the count changes.
  if (!c || c.seed !== seed || c.weights.length !== store.entranceUuids.length) {
    c = { seed, weights: store.entranceUuids.map((_, e) => 0.5 + unit4(seed, store.index, e, 0xe7)) };
    entranceWeightCache.set(store, c);
  }
  return c.weights;
}

function emptyCounts(): KpiCounts {
  return { trafficIn: 0, trafficOut: 0, sales: 0, transactions: 0, itemsSold: 0, impressions: 0, discoveries: 0, engagements: 0, interactions: 0 };
}

/** Whole-hour counts for an open hour (before any "now" truncation). */
function fullHourCounts(seed: number, store: Store, hourIndex: number, p: LocalParts, pos: number): KpiCounts {
  const k = constantsOf(seed, store);
  // unit4 called directly (no closure per hour): the Flow endpoint computes ~450 store-hours per request.
  const s = store.index;
  const open = hoursOf(store)[p.weekday];
  const dayStore = open !== null && open !== undefined && open.o >= 360 && open.c > open.o;
  const shape = (0.45 + 0.55 * Math.sin(Math.PI * Math.min(Math.max(pos, 0), 1))) * (dayStore ? CLOCK_CURVE[p.hour]! : 0.6);
  const mean = 42 * store.trafficScale * shape * DAY_FACTOR[p.weekday]! * MONTH_FACTOR[p.month - 1]!;
  const trafficIn = Math.max(0, Math.round(mean * (0.8 + 0.4 * unit4(seed, s, hourIndex, 1))));
  const trafficOut = Math.max(0, Math.round(trafficIn * (0.88 + 0.24 * unit4(seed, s, hourIndex, 2))));
  const transactions = Math.round(trafficIn * k.conversion * (0.8 + 0.4 * unit4(seed, s, hourIndex, 3)));
  const itemsSold = transactions === 0 ? 0 : transactions + Math.round(transactions * (k.basketSize - 1) * (0.7 + 0.6 * unit4(seed, s, hourIndex, 4)));
  const sales = Math.round(itemsSold * k.itemPrice * (0.85 + 0.3 * unit4(seed, s, hourIndex, 5)));
  const impressions = Math.round(trafficIn * k.passByRatio * (0.85 + 0.3 * unit4(seed, s, hourIndex, 6)));
  const discoveries = Math.round(impressions * (0.4 + 0.2 * unit4(seed, s, hourIndex, 7)));
  const engagements = Math.round(discoveries * (0.45 + 0.25 * unit4(seed, s, hourIndex, 8)));
  const interactions = Math.round(engagements * (0.35 + 0.3 * unit4(seed, s, hourIndex, 9)));
  return { trafficIn, trafficOut, sales, transactions, itemsSold, impressions, discoveries, engagements, interactions };
}

function quarterWeights(seed: number, store: Store, hourIndex: number): number[] {
  return [0, 1, 2, 3].map((q) => 0.7 + 0.6 * unit4(seed, store.index, hourIndex, 100 + q));
}

function splitCounts(c: KpiCounts, weights: number[]): KpiCounts[] {
  const parts = weights.map(() => emptyCounts());
  for (const key of COUNT_KEYS) {
    const split = splitInt(c[key], weights);
    split.forEach((v, i) => (parts[i]![key] = v));
  }
  return parts;
}

function scaleCounts(c: KpiCounts, f: number): KpiCounts {
  if (f >= 1) return c;
  const out = emptyCounts();
  for (const key of COUNT_KEYS) out[key] = Math.floor(c[key] * f);
  return out;
}

function addCounts(into: KpiCounts, c: KpiCounts): void {
  for (const key of COUNT_KEYS) into[key] += c[key];
}

interface HourCore {
  p: LocalParts;
  open: boolean;
  completeness: number;
  quarters: (KpiCounts & { completeness: number })[];
  total: KpiCounts;
}

/** `parts`, when given, are the caller's localParts of the store's zone at the hour's start. */
function hourCore(estate: Estate, store: Store, hourStartMs: number, nowMs: number | undefined, needQuarters: boolean, parts?: LocalParts): HourCore {
  const hourStart = Math.floor(hourStartMs / TIME.HOUR_MS) * TIME.HOUR_MS;
  const hourIndex = hourStart / TIME.HOUR_MS;
  const p = parts ?? localParts(store.time_zone, hourStart);
  const pos = openPosition(store, p.weekday, p.hour * 60);
  const completeness = nowMs === undefined ? 1 : Math.min(1, Math.max(0, Math.floor((nowMs - hourStart) / 60_000) / 60));
  if (pos === null || completeness === 0) {
    const zero = emptyCounts();
    const quarters = needQuarters ? [0, 1, 2, 3].map(() => Object.assign(emptyCounts(), { completeness: completeness === 0 ? 0 : 1 })) : [];
    return { p, open: pos !== null, completeness, quarters, total: zero };
  }
  const full = fullHourCounts(estate.seed, store, hourIndex, p, pos);
  if (completeness === 1 && !needQuarters) return { p, open: true, completeness, quarters: [], total: full };
  const split = splitCounts(full, quarterWeights(estate.seed, store, hourIndex));
  if (completeness === 1) return { p, open: true, completeness, quarters: split.map((q) => Object.assign(q, { completeness: 1 })), total: full };
  // The current hour: each quarter grows minute by minute, the hour is their sum.
  const total = emptyCounts();
  const quarters = split.map((q, i) => {
    const qStart = hourStart + i * QUARTER_MS;
    const qDone = nowMs === undefined ? 1 : Math.min(1, Math.max(0, Math.floor((nowMs - qStart) / 60_000) / 15));
    const scaled = qDone >= 1 ? q : scaleCounts(q, qDone);
    addCounts(total, scaled);
    return Object.assign(scaled, { completeness: qDone });
  });
  return { p, open: true, completeness, quarters, total };
}

function toMs(d: Date | number | undefined): number | undefined {
  return d === undefined ? undefined : +d;
}

/** KPIs of one store for the UTC hour starting at hourStartUtc (zero when closed or in the future). */
export function hourlyKpi(estate: Estate, store: Store, hourStartUtc: Date | number, opts: KpiOptions = {}): HourlyKpi {
  const core = hourCore(estate, store, +hourStartUtc, toMs(opts.now), false);
  const { p, total } = core;
  const hourStart = Math.floor(+hourStartUtc / TIME.HOUR_MS) * TIME.HOUR_MS;
  const hourIndex = hourStart / TIME.HOUR_MS;
  if (total.trafficIn === 0 && total.trafficOut === 0) {
    // Closed, future or empty hour: no splitting to do.
    return {
      storeUuid: store.uuid,
      hourStartUtc: new Date(hourStart),
      localDate: p.date,
      localHour: p.hour,
      weekday: p.weekday,
      open: core.open,
      completeness: core.completeness,
      trafficIn: 0,
      trafficOut: 0,
      sales: 0,
      transactions: 0,
      itemsSold: 0,
      impressions: 0,
      discoveries: 0,
      engagements: 0,
      interactions: 0,
      perEntrance: store.entranceUuids.map((uuid, e) => ({ uuid, code: String(e + 1).padStart(3, '0'), enters: 0, exits: 0 })),
      demographics: [0, 0, 0, 0, 0, 0, 0, 0],
      occupancyAvg: 0,
      dwellAvgSec: 0,
      validity: 'complete',
    };
  }
  const k = constantsOf(estate.seed, store);
  const { ins, outs, demographics } = peopleSplit(estate.seed, store, hourIndex, total);
  const perEntrance = store.entranceUuids.map((uuid, e) => ({
    uuid,
    code: String(e + 1).padStart(3, '0'),
    enters: ins[e] ?? 0,
    exits: outs[e] ?? 0,
  }));
  const v = hash4(estate.seed, store.index, hourIndex, 0xa11d) % 1000;
  const validity: Validity = !core.open || total.trafficIn === 0 ? 'complete' : v < 15 ? 'incomplete' : v < 25 ? 'imputed' : 'complete';
  return {
    storeUuid: store.uuid,
    hourStartUtc: new Date(hourStart),
    localDate: p.date,
    localHour: p.hour,
    weekday: p.weekday,
    open: core.open,
    completeness: core.completeness,
    trafficIn: total.trafficIn,
    trafficOut: total.trafficOut,
    sales: total.sales,
    transactions: total.transactions,
    itemsSold: total.itemsSold,
    impressions: total.impressions,
    discoveries: total.discoveries,
    engagements: total.engagements,
    interactions: total.interactions,
    perEntrance,
    demographics,
    occupancyAvg: Math.round((total.trafficIn * k.dwellMin) / 60 / Math.max(core.completeness, 1 / 60)),
    dwellAvgSec: total.trafficIn === 0 ? 0 : Math.round(k.dwellMin * 60 * (0.85 + 0.3 * unit4(estate.seed, store.index, hourIndex, 300))),
    validity,
  };
}

/** An hour's people by entrance (in, out) and by demographic group (Flow's group_1..group_8). */
function peopleSplit(seed: number, store: Store, hourIndex: number, total: KpiCounts): { ins: number[]; outs: number[]; demographics: number[] } {
  const entranceWeights = entranceWeightsOf(seed, store);
  const demoWeights = constantsOf(seed, store).demo.map((w, i) => (w === 0 ? 0 : w * (0.7 + 0.6 * unit4(seed, store.index, hourIndex, 200 + i))));
  return {
    ins: splitInt(total.trafficIn, entranceWeights),
    outs: splitInt(total.trafficOut, entranceWeights),
    demographics: splitInt(Math.round(total.trafficIn * 0.75), demoWeights),
  };
}

/** What Flow's hourly answer sends of one hour of a store: hourlyKpi's numbers for it, nothing else. */
export interface FlowHourFigures {
  localDate: string;
  localHour: number;
  /** By entrance, in entrance order (Flow's "001", "002"...). */
  enters: number[];
  exits: number[];
  /** group_1..group_8 */
  demographics: number[];
  sales: number;
  transactions: number;
  itemsSold: number;
}

/**
 * hourlyKpi's figures for Flow, or null for an hour Flow leaves out (the store is closed, or the
 * hour has not begun): the same numbers without the objects Flow does not send (dates, uuids,
 * validity, occupancy), since a large sync asks for hundreds of store-hours per request.
 * `parts` are localParts(store.time_zone, hourStartMs), which the caller shares between the stores of a zone.
 */
export function flowHour(estate: Estate, store: Store, hourStartMs: number, parts: LocalParts, nowMs: number): FlowHourFigures | null {
  // An hour that does not start on a UTC hour (a zone half an hour off) is open by its own start,
  // and counted as the UTC hour it begins in: as Flow's answer has always done (isOpenHour, then hourlyKpi).
  const whole = hourStartMs % TIME.HOUR_MS === 0;
  if (!whole && !isOpenHour(store, hourStartMs)) return null;
  const core = hourCore(estate, store, hourStartMs, nowMs, false, whole ? parts : undefined);
  if ((whole && !core.open) || core.completeness === 0) return null;
  const { p, total } = core;
  if (total.trafficIn === 0 && total.trafficOut === 0) {
    const none = store.entranceUuids.map(() => 0);
    return { localDate: p.date, localHour: p.hour, enters: none, exits: none, demographics: [0, 0, 0, 0, 0, 0, 0, 0], sales: 0, transactions: 0, itemsSold: 0 };
  }
  const hourIndex = Math.floor(hourStartMs / TIME.HOUR_MS);
  const { ins, outs, demographics } = peopleSplit(estate.seed, store, hourIndex, total);
  // One weight per entrance: ins and outs have one count per entrance.
  return {
    localDate: p.date,
    localHour: p.hour,
    enters: ins,
    exits: outs,
    demographics,
    sales: total.sales,
    transactions: total.transactions,
    itemsSold: total.itemsSold,
  };
}

/** The four 15-minute parts of an hour; they sum exactly to hourlyKpi's counts (for the same now). */
export function quarterKpis(estate: Estate, store: Store, hourStartUtc: Date | number, opts: KpiOptions = {}): QuarterKpi[] {
  const core = hourCore(estate, store, +hourStartUtc, toMs(opts.now), true);
  const hourStart = Math.floor(+hourStartUtc / TIME.HOUR_MS) * TIME.HOUR_MS;
  return core.quarters.map((q, i) => Object.assign(q, { quarterStartUtc: new Date(hourStart + i * QUARTER_MS), minute: i * 15 }));
}

/** hourlyKpi for each local hour of a local date (23-25 of them), open or not. */
export function dayKpis(estate: Estate, store: Store, localDate: string, opts: KpiOptions = {}): HourlyKpi[] {
  return localDayHours(store.time_zone, localDate).map((h) => hourlyKpi(estate, store, h, opts));
}

/** Sum of the additive counts of several KPI rows. */
export function sumCounts(rows: readonly KpiCounts[]): KpiCounts {
  const total = emptyCounts();
  for (const r of rows) addCounts(total, r);
  return total;
}
