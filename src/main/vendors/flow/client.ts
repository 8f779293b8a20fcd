import { AppError } from '../../../shared/contract/errors';
import { chunk, daysBetween } from '../dates';
import { httpRequest } from '../http/client';
import { allOrStop } from '../http/pool';
import { parseAndValidate } from '../http/validate';
import { vendorLimits } from '../limits';
import type { VendorTarget } from '../target';
import { flowDemographicGroups, flowHourlyResponse, type Demographics, type FlowRecord } from './schemas';

export const flowMaxStoresPerRequest = 20;

/** One store's hour, totals summed across entrances, demographic groups named. */
export interface FlowHour {
  storeCode: string;
  day: string;
  hour: number;
  enters: number;
  exits: number;
  /** Per entrance/sensor ("001", ...), as Flow sends it. */
  entrances: Record<string, { enters: number; exits: number }>;
  demographics: Demographics;
  sales: number | null;
  transactions: number | null;
  itemsSold: number | null;
}

export interface FlowRequestSlice {
  date: string;
  storeCodes: string[];
}

/** Flow accepts one date and at most 20 stores per request: the slices that cover a range. */
export function flowSlices(storeCodes: readonly string[], from: string, to: string): FlowRequestSlice[] {
  if (storeCodes.some((c) => c === '*')) throw new AppError('invalid_input', 'Flow does not accept the * wildcard; list the store codes.');
  const groups = chunk([...new Set(storeCodes)], flowMaxStoresPerRequest);
  return daysBetween(from, to).flatMap((date) => groups.map((codes) => ({ date, storeCodes: codes })));
}

/** Each group's count, 0 where Flow omitted it ("fields may be omitted if values are zero"). */
function zeroDemographics(): Demographics {
  return { male_18_under: 0, male_19_44: 0, male_45_59: 0, male_60_plus: 0, female_18_under: 0, female_19_44: 0, female_45_59: 0, female_60_plus: 0 };
}

export function normaliseFlowRecord(r: FlowRecord): FlowHour {
  let enters = 0;
  let exits = 0;
  const entrances: FlowHour['entrances'] = {};
  // for-in over the validated plain objects: no entry arrays per hour (18,250 answers in a large sync).
  const traffic = r.traffic ?? {};
  for (const code in traffic) {
    const e = traffic[code]!;
    const counts = { enters: e.enters ?? 0, exits: e.exits ?? 0 };
    enters += counts.enters;
    exits += counts.exits;
    entrances[code] = counts;
  }
  const demographics = zeroDemographics();
  const groups = r.demographics ?? {};
  for (const group in groups) {
    const named = Object.hasOwn(flowDemographicGroups, group) ? flowDemographicGroups[group as keyof typeof flowDemographicGroups] : undefined;
    if (named) demographics[named.key] = groups[group] ?? 0;
  }
  return {
    storeCode: String(r.storeCode),
    day: r.timestamp.slice(0, 10),
    hour: Number(r.timestamp.slice(11, 13)),
    enters,
    exits,
    entrances,
    demographics,
    sales: r.sales ?? null,
    transactions: r.transactions ?? null,
    itemsSold: r.itemSold ?? null,
  };
}

export class FlowClient {
  constructor(readonly target: VendorTarget, readonly language = 'en') {}

  /** One request: one date, up to 20 stores. */
  async hourlySlice(slice: FlowRequestSlice, opts: { signal?: AbortSignal } = {}): Promise<FlowHour[]> {
    if (slice.storeCodes.length === 0) return [];
    if (slice.storeCodes.length > flowMaxStoresPerRequest) throw new AppError('invalid_input', `Flow takes at most ${flowMaxStoresPerRequest} stores per request.`);
    const what = 'read hourly KPIs';
    const res = await httpRequest({
      vendor: this.target.label,
      what,
      method: 'POST',
      url: `${this.target.baseUrl}/kpis/hourly`,
      auth: this.target.auth,
      pools: this.target.http,
      headers: { 'accept-language': this.language },
      json: { date: slice.date, storeCodes: slice.storeCodes },
      signal: opts.signal,
      // Reading KPIs changes nothing: safe to retry.
      retry: 'idempotent',
      limit: { key: `${this.target.limitScope}:kpis`, max: vendorLimits.flow.default },
      ...this.target.timing,
    });
    return parseAndValidate(this.target.label, what, flowHourlyResponse, res.text).data?.map(normaliseFlowRecord) ?? [];
  }

  /** Any number of stores over any range of days: as many requests as needed, run under the shared limit. */
  async hourly(storeCodes: readonly string[], from: string, to: string, opts: { signal?: AbortSignal } = {}): Promise<FlowHour[]> {
    const parts = await allOrStop(flowSlices(storeCodes, from, to).map((slice) => (signal: AbortSignal) => this.hourlySlice(slice, { ...opts, signal })), opts.signal);
    return parts.flat();
  }
}
