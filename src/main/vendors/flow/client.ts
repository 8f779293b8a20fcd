import { AppError } from '../../../shared/contract/errors';
import { chunk, daysBetween } from '../dates';
import { httpRequest } from '../http/client';
import { allOrStop } from '../http/pool';
import { vendorLimits } from '../limits';
import type { VendorTarget } from '../target';
import { flowHourlyWhat, parseFlowHours, type FlowHour } from './hours';

export const flowMaxStoresPerRequest = 20;

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

export class FlowClient {
  constructor(readonly target: VendorTarget, readonly language = 'en') {}

  /** One request: one date, up to 20 stores. */
  async hourlySlice(slice: FlowRequestSlice, opts: { signal?: AbortSignal } = {}): Promise<FlowHour[]> {
    if (slice.storeCodes.length === 0) return [];
    return parseFlowHours(this.target.label, (await this.hourlySliceAnswer(slice, opts)).toString('utf8'));
  }

  /**
   * One request's answer as the bytes Flow sent, for a caller that reads it elsewhere (the sync's
   * writer thread, with parseFlowHours): a large sync's decoding and parsing then never hold the
   * core's loop, and the bytes move to the thread instead of being copied there.
   */
  async hourlySliceAnswer(slice: FlowRequestSlice, opts: { signal?: AbortSignal } = {}): Promise<Buffer> {
    if (slice.storeCodes.length > flowMaxStoresPerRequest) throw new AppError('invalid_input', `Flow takes at most ${flowMaxStoresPerRequest} stores per request.`);
    const res = await httpRequest({
      vendor: this.target.label,
      what: flowHourlyWhat,
      method: 'POST',
      url: `${this.target.baseUrl}/kpis/hourly`,
      auth: this.target.auth,
      pools: this.target.http,
      counter: this.target.counter,
      headers: { 'accept-language': this.language },
      json: { date: slice.date, storeCodes: slice.storeCodes },
      signal: opts.signal,
      // Reading KPIs changes nothing: safe to retry.
      retry: 'idempotent',
      limit: { key: `${this.target.limitScope}:kpis`, max: vendorLimits.flow.default },
      ...this.target.timing,
    });
    return res.bytes;
  }

  /** Any number of stores over any range of days: as many requests as needed, run under the shared limit. */
  async hourly(storeCodes: readonly string[], from: string, to: string, opts: { signal?: AbortSignal } = {}): Promise<FlowHour[]> {
    const parts = await allOrStop(flowSlices(storeCodes, from, to).map((slice) => (signal: AbortSignal) => this.hourlySlice(slice, { ...opts, signal })), opts.signal);
    return parts.flat();
  }
}
