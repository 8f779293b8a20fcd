/**
 * What the analytics endpoints need from the simulator: the estate and per-store counts in
 * 15-minute buckets, adapted from the estate's KPI model (so RetailNext agrees with Flow and Exteros).
 */
import { quarterKpis } from '../../estate/kpi';
import { hashInts } from '../../estate/rng';
import type { Estate, Store } from '../../estate/types';

export type Validity = 'complete' | 'incomplete' | 'imputed';

export interface QuarterCounts {
  in: number;
  out: number;
  /** currency units (the model counts cents) */
  sales: number;
  transactions: number;
  itemsSold: number;
  validity: Validity;
}

export interface TrafficModel {
  /** Counts of a store in the 15-minute bucket starting at `startMs` (aligned UTC instant), as of now. */
  quarter(store: Store, startMs: number): QuarterCounts;
  /** The same bucket as a whole (what the model expects), for predictions of future days. */
  forecast(store: Store, startMs: number): QuarterCounts;
}

export interface AnalyticsWorld {
  estate: Estate;
  traffic: TrafficModel;
  now(): number;
}

const HOUR_MS = 3_600_000;

/** The KPI model seen as quarters; remembers the last hour per store (callers walk time in order). */
export function kpiTrafficModel(estate: Estate, now: () => number): TrafficModel {
  const lastHour = new Map<string, { hour: number; nowMs: number; quarters: QuarterCounts[] }>();
  return {
    quarter(store, startMs) {
      const hour = Math.floor(startMs / HOUR_MS) * HOUR_MS;
      const nowMs = now();
      let hit = lastHour.get(store.uuid);
      // a finished hour no longer depends on now; the current or a future one does
      const valid = hit !== undefined && hit.hour === hour && (hit.nowMs === nowMs || hour + HOUR_MS <= Math.min(hit.nowMs, nowMs));
      if (!hit || !valid) {
        hit = { hour, nowMs, quarters: quartersOf(estate, store, hour, nowMs) };
        if (lastHour.size > 10_000) lastHour.clear();
        lastHour.set(store.uuid, hit);
      }
      return hit.quarters[Math.floor((startMs - hour) / 900_000)] ?? ZERO;
    },
    forecast(store, startMs) {
      const hour = Math.floor(startMs / HOUR_MS) * HOUR_MS;
      return quartersOf(estate, store, hour, undefined)[Math.floor((startMs - hour) / 900_000)] ?? ZERO;
    },
  };
}

const ZERO: QuarterCounts = { in: 0, out: 0, sales: 0, transactions: 0, itemsSold: 0, validity: 'complete' };

function quartersOf(estate: Estate, store: Store, hour: number, nowMs: number | undefined): QuarterCounts[] {
  const quarters = quarterKpis(estate, store, hour, nowMs === undefined ? {} : { now: nowMs });
  const trafficIn = quarters.reduce((sum, q) => sum + q.trafficIn, 0);
  const validity = hourValidity(estate, store, hour, trafficIn);
  return quarters.map((q) => ({
    in: q.trafficIn,
    out: q.trafficOut,
    sales: q.sales / 100,
    transactions: q.transactions,
    itemsSold: q.itemsSold,
    validity,
  }));
}

/**
 * The validity hourlyKpi gives an hour (same hash), without computing the rest of hourlyKpi
 * (per-entrance and demographic splits), which would double the cost of long datamine queries.
 */
function hourValidity(estate: Estate, store: Store, hour: number, trafficIn: number): Validity {
  if (trafficIn === 0) return 'complete';
  const v = hashInts(estate.seed, store.index, hour / HOUR_MS, 0xa11d) % 1000;
  return v < 15 ? 'incomplete' : v < 25 ? 'imputed' : 'complete';
}

const VALIDITY_RANK: Record<Validity, number> = { complete: 0, imputed: 1, incomplete: 2 };

export function worstValidity(a: Validity, b: Validity): Validity {
  return VALIDITY_RANK[a] >= VALIDITY_RANK[b] ? a : b;
}
