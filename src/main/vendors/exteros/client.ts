import { z } from 'zod';
import { AppError } from '../../../shared/contract/errors';
import { httpRequest, type HttpResult } from '../http/client';
import { parseAndValidate } from '../http/validate';
import { vendorLimits } from '../limits';
import type { VendorTarget } from '../target';

export const exterosMetrics = ['impressions', 'discoveries', 'engagements', 'interactions'] as const;
export type ExterosMetric = (typeof exterosMetrics)[number];
export type ExterosInterval = 'day' | 'hour' | '15min';

/**
 * Paths per metric. Engagement is spelled `engadgment-counts` in the documented HTTP request line
 * and `engagement-counts` in its curl example: the client tries the second, then the first.
 */
const metricPaths: Record<ExterosMetric, string[]> = {
  impressions: ['impression-counts'],
  discoveries: ['discovery-counts'],
  engagements: ['engagement-counts', 'engadgment-counts'],
  interactions: ['interaction-counts'],
};

const countRow = z
  .object({ hr: z.union([z.number(), z.string()]).transform(Number).pipe(z.number().int().min(0).max(24)), min: z.number().int().min(0).max(59).optional(), minute: z.number().int().min(0).max(59).optional() })
  .catchall(z.unknown());

export interface ExterosCount {
  hour: number;
  /** The quarter's first minute at `interval=15min`; null when the row has none (an hour or a day). */
  minute: number | null;
  value: number;
}

export const exterosLocation = z
  .object({ 'location-name': z.string().min(1) })
  .catchall(z.unknown())
  .transform((l) => {
    const { 'location-name': name, ...info } = l;
    return { name, info };
  });
export type ExterosLocation = z.output<typeof exterosLocation>;

export class ExterosClient {
  /** Which engagement path answered last time, so a 404 is paid once. */
  private engagementPath: string | null = null;

  constructor(readonly target: VendorTarget) {}

  private get(what: string, path: string, signal?: AbortSignal, accept404 = false): Promise<HttpResult> {
    return httpRequest({
      vendor: this.target.label,
      what,
      method: 'GET',
      url: `${this.target.baseUrl}${path}`,
      auth: this.target.auth,
      pools: this.target.http,
      counter: this.target.counter,
      signal,
      retry: 'idempotent',
      limit: { key: `${this.target.limitScope}:default`, max: vendorLimits.exteros.default },
      accept: accept404 ? [404] : undefined,
      ...this.target.timing,
    });
  }

  /** Counts of one metric for one location and day, by hour (default), day or 15 minutes; `hour` narrows to one hour. */
  async counts(metric: ExterosMetric, location: string, date: string, params: { interval?: ExterosInterval; hour?: number } = {}, opts: { signal?: AbortSignal } = {}): Promise<ExterosCount[]> {
    const q = new URLSearchParams();
    if (params.interval && params.interval !== 'hour') q.set('interval', params.interval);
    if (params.hour !== undefined) q.set('hour', String(params.hour));
    const query = q.size ? `?${q}` : '';
    const what = `read ${metric} of ${location}`;
    const candidates = metric === 'engagements' && this.engagementPath ? [this.engagementPath] : metricPaths[metric];
    let res: HttpResult | undefined;
    for (const [i, p] of candidates.entries()) {
      const last = i === candidates.length - 1;
      res = await this.get(what, `/v1/traffic/${p}/${encodeURIComponent(location)}/${date}${query}`, opts.signal, !last);
      if (res.status !== 404) {
        if (metric === 'engagements') this.engagementPath = p;
        break;
      }
    }
    if (!res || res.status === 404) throw new AppError('not_found', `Exteros has no ${metric} for ${location} on ${date}.`);
    const rows = parseAndValidate(this.target.label, what, z.array(countRow), res.text);
    return rows.map((r, i) => {
      const value = r[metric];
      if (typeof value !== 'number') {
        throw new AppError('bad_response', `Exteros sent data the console could not use while trying to ${what}: field [${i}].${metric} is wrong.`, `[${i}].${metric}: expected number`);
      }
      return { hour: r.hr, minute: r.min ?? r.minute ?? null, value };
    });
  }

  /** Locations; with `info`, the extra facts (brand, parent, children, type) as Exteros sends them. */
  async locations(info = false, opts: { signal?: AbortSignal } = {}): Promise<ExterosLocation[]> {
    const what = 'list locations';
    const res = await this.get(what, `/v1/locations${info ? '?info=true' : ''}`, opts.signal);
    return parseAndValidate(this.target.label, what, z.array(exterosLocation), res.text);
  }

  /** When Exteros last received data of a location; with `missingIsNull`, a location it does not know (404) is null. */
  async lastUpdate(location: string, opts: { signal?: AbortSignal; missingIsNull?: boolean } = {}): Promise<string | null> {
    const what = `read the last update of ${location}`;
    const res = await this.get(what, `/v1/locations/last-update/${encodeURIComponent(location)}`, opts.signal, opts.missingIsNull === true);
    if (res.status === 404) return null;
    const rows = parseAndValidate(this.target.label, what, z.array(z.object({ 'last-update': z.string().nullable() })), res.text);
    return rows[0]?.['last-update'] ?? null;
  }
}
