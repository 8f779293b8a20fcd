import type { z } from 'zod';
import { AppError } from '../../../shared/contract/errors';
import { addDays, daySpans } from '../dates';
import { httpRequest, type HttpMethod, type HttpResult, type RequestSpec, type RetryMode } from '../http/client';
import { RequestRefused } from '../http/errors';
import { cursorPages, v1Pages } from '../http/paging';
import { allOrStop } from '../http/pool';
import { parseAndValidate, parseJsonBody, validateBody, validateListInSlices } from '../http/validate';
import { vendorLimits } from '../limits';
import type { VendorTarget } from '../target';
import { absoluteDay, checkDatamineRequest, groupBy, groupKey, zoneMeasureMetrics, type DatamineRequest } from './datamine';
import * as s from './schemas';

export interface CallOptions {
  signal?: AbortSignal;
}

export interface LocationCreate {
  name: string;
  parent_uuid: string;
  location_type: 'entrance' | 'fitting_room' | 'display' | 'other' | 'region';
  area?: number;
  aggregate_to_parent?: boolean;
  aggregate_to_store?: boolean;
}
export interface LocationUpdate {
  name?: string;
  parent_uuid?: string;
  location_type?: 'entrance' | 'fitting_room' | 'display' | 'other';
  area?: number;
  occupancy_limit?: number;
  bandwidth_limit_kilobits_per_second?: number;
  aggregate_to_parent?: boolean;
  aggregate_to_store?: boolean;
}
export interface UserCreate {
  email: string;
  type: 'sso';
  name?: string;
  disabled?: boolean;
  user_profile_id?: string;
  location_profile_id?: string;
  location_ids?: string[];
}
/**
 * The document lists user_profile_id, location_profile_id and location_ids for an update; `name` and
 * `disabled` are the create call's fields, sent on an update too because the API has no delete: a
 * user leaves by being disabled.
 */
export type UserUpdate = { user_profile_id?: string; name?: string; disabled?: boolean } & ({ location_profile_id?: string; location_ids?: never } | { location_ids: string[]; location_profile_id?: never });

export interface HourlyTraffic {
  locationUuid: string;
  day: string;
  hour: number;
  trafficIn: number | null;
  trafficOut: number | null;
  occupancy: number | null;
  validity: string | null;
}

export type ExportStatus =
  | { state: 'in_progress' }
  | { state: 'ready'; downloadUrl: string; sameOrigin: boolean }
  | { state: 'expired' }
  | { state: 'failed'; reason: string };

/** Every documented RetailNext endpoint over the shared HTTP layer. */
export class RetailNextClient {
  constructor(readonly target: VendorTarget) {}

  private spec(what: string, method: HttpMethod, path: string, extra: Partial<RequestSpec> = {}, opts: CallOptions = {}): RequestSpec {
    const retry: RetryMode = method === 'GET' ? 'idempotent' : 'rate-limit-only';
    return {
      vendor: this.target.label,
      what,
      method,
      url: `${this.target.baseUrl}${path}`,
      auth: this.target.auth,
      signal: opts.signal,
      retry,
      limit: { key: `${this.target.limitScope}:default`, max: vendorLimits.retailnext.default },
      ...this.target.timing,
      ...extra,
      pools: this.target.http,
      counter: this.target.counter,
    };
  }

  private async call<S extends z.ZodType>(schema: S, spec: RequestSpec): Promise<z.output<S>> {
    const res = await httpRequest(spec);
    return parseAndValidate(spec.vendor, spec.what, schema, res.text);
  }

  // ---- Locations ----

  /** v1 location list, every page (X-Page-Start / X-Page-Next). */
  async listLocations(opts: CallOptions = {}): Promise<s.LocationNode[]> {
    const spec = this.spec('list locations', 'GET', '/v1/location', {}, opts);
    const out: s.LocationNode[] = [];
    for await (const page of v1Pages(spec)) out.push(...parseAndValidate(spec.vendor, spec.what, s.locationListV1, page.text));
    return out;
  }

  /** v2 query: filters by location type or uuids, with extra fields such as store.time_zone. */
  async queryLocations(query: { extra_fields?: string[]; where?: unknown } = {}, opts: CallOptions = {}): Promise<s.LocationNode[]> {
    // A query changes nothing, so it may be retried like a GET.
    const spec = this.spec('query locations', 'POST', '/v2/location', { json: query, retry: 'idempotent' }, opts);
    const res = await httpRequest(spec);
    // Up to 10,000 nodes in one answer: the nodes are checked in slices, between which the loop runs.
    const envelope = validateBody(spec.vendor, spec.what, s.locationQueryEnvelope, parseJsonBody(spec.vendor, spec.what, res.text));
    const flat = envelope.nodes.flatMap((n) => (Array.isArray(n) ? (n as unknown[]) : [n]));
    return validateListInSlices(spec.vendor, spec.what, s.locationNode, flat, 'nodes');
  }

  /**
   * Every write: at most `vendorLimits.retailnext.writes` at once per subscription, and retried only
   * on 429 (RetailNext answers it before acting). A 5xx or a dropped connection is not sent again
   * here: the change log records it as failed or unknown and a person decides (see admin/).
   */
  private writeSpec(what: string, method: HttpMethod, path: string, json: unknown, opts: CallOptions): RequestSpec {
    return this.spec(what, method, path, { json, retry: 'rate-limit-only', limit: { key: `${this.target.limitScope}:writes`, max: vendorLimits.retailnext.writes } }, opts);
  }

  createLocation(input: LocationCreate, opts: CallOptions = {}): Promise<s.LocationNode> {
    return this.call(s.locationNode, this.writeSpec(`create the location "${input.name}"`, 'POST', '/v2/location/create', input, opts));
  }

  updateLocation(uuid: string, changes: LocationUpdate, opts: CallOptions = {}): Promise<s.LocationNode> {
    return this.call(s.locationNode, this.writeSpec('update a location', 'PUT', `/v2/location/${encodeURIComponent(uuid)}`, changes, opts));
  }

  /** The documented bulk update is one PUT per location; each result says what happened to it. */
  async updateLocations(updates: Array<{ uuid: string; changes: LocationUpdate }>, opts: CallOptions = {}): Promise<Array<{ uuid: string; ok: true; location: s.LocationNode } | { uuid: string; ok: false; error: AppError }>> {
    return Promise.all(
      updates.map(async ({ uuid, changes }) => {
        try {
          return { uuid, ok: true as const, location: await this.updateLocation(uuid, changes, opts) };
        } catch (e) {
          if (e instanceof AppError && e.code !== 'cancelled') return { uuid, ok: false as const, error: e };
          throw e;
        }
      }),
    );
  }

  // ---- Store hours ----

  /** Store-days of hours, every page (a v1 answer holds 100 entries: 100 stores over a week is 7 pages). */
  async storeHours(storeUuids: string[], startDate: string, endDate: string, opts: CallOptions = {}): Promise<s.StoreHoursEntry[]> {
    const spec = this.spec('read store hours', 'POST', '/v1/storehours', { json: { stores: storeUuids, start_date: `${startDate}T00:00:00Z`, end_date: `${endDate}T00:00:00Z` }, retry: 'idempotent' }, opts);
    const out: s.StoreHoursEntry[] = [];
    for await (const page of v1Pages(spec)) {
      const body = parseAndValidate(spec.vendor, spec.what, s.storeHoursResponse, page.text);
      for (const v of Object.values(body.result)) {
        if ('store_uuid' in v && typeof v.store_uuid === 'string') out.push(v as s.StoreHoursEntry);
        else out.push(...Object.values(v as Record<string, s.StoreHoursEntry>));
      }
    }
    return out;
  }

  // ---- Datamine and occupancy ----

  datamine(req: DatamineRequest, opts: CallOptions = {}): Promise<s.DatamineResponse> {
    checkDatamineRequest(req);
    return this.call(s.datamineResponse, this.spec('read metrics', 'POST', '/v2/datamine', { json: req, retry: 'idempotent' }, opts)).then((r) => {
      const failed = r.metrics.find((m) => m.ok === false);
      if (r.ok === false || failed) {
        throw new RequestRefused('vendor_error', 'RetailNext could not serve some of the metrics (often: the API token may not see these stores).', failed?.error ?? r.error ?? failed?.name);
      }
      return r;
    });
  }

  /**
   * Traffic in/out and occupancy by hour for stores of one time zone over [from, to] (days, both
   * included), in the stores' wall-clock time. Callers split the work (see `datamineHourlyChunks`).
   */
  async hourlyTraffic(storeUuids: string[], from: string, to: string, timeZone: string, opts: CallOptions & { occupancy?: boolean } = {}): Promise<HourlyTraffic[]> {
    const metrics = ['traffic_in', 'traffic_out', ...(opts.occupancy ? ['total_occupancy'] : [])];
    const res = await this.datamine(
      {
        locations: storeUuids,
        metrics,
        date_ranges: [{ from: absoluteDay(from), to: absoluteDay(addDays(to, 1)) }],
        time_ranges: [{ from: '00:00', until: '24:00' }],
        group_bys: [groupBy.location(), groupBy.days(1), groupBy.hours(1)],
        time_zone: timeZone,
      },
      opts,
    );
    const rows = new Map<string, HourlyTraffic>();
    for (const metric of res.metrics) {
      for (const point of metric.data) {
        const key = groupKey(point);
        if (!key.day || key.minute === undefined) {
          throw new AppError('bad_response', 'RetailNext sent metrics the console could not place in time: field metrics[].data[].group is wrong.', `metric ${metric.name} without date/time group`);
        }
        const dayShift = Math.floor(key.minute / 1440);
        const day = dayShift === 0 ? key.day : addDays(key.day, dayShift);
        const hour = Math.floor((((key.minute % 1440) + 1440) % 1440) / 60);
        const loc = key.locationUuid ?? storeUuids[0] ?? '';
        const id = `${loc}|${day}|${hour}`;
        let row = rows.get(id);
        if (!row) {
          row = { locationUuid: loc, day, hour, trafficIn: null, trafficOut: null, occupancy: null, validity: null };
          rows.set(id, row);
        }
        if (metric.name === 'traffic_in') row.trafficIn = (row.trafficIn ?? 0) + (point.value ?? 0);
        else if (metric.name === 'traffic_out') row.trafficOut = (row.trafficOut ?? 0) + (point.value ?? 0);
        else if (metric.name === 'total_occupancy') row.occupancy = point.value;
        if (point.validity && point.validity !== 'complete') row.validity = point.validity;
        else row.validity ??= point.validity ?? null;
      }
    }
    return [...rows.values()];
  }

  /**
   * Measures of FPA zones' locations over days [from, to] (both included) in store hours: visitors
   * (traffic_in), dwells and average dwell (seconds). The answer as validated; read it with `zoneMeasureRows`.
   */
  zoneMeasures(zoneLocationUuids: string[], from: string, to: string, timeZone: string, opts: CallOptions = {}): Promise<s.DatamineResponse> {
    return this.datamine(
      {
        locations: zoneLocationUuids,
        metrics: [...zoneMeasureMetrics],
        date_ranges: [{ from: absoluteDay(from), to: absoluteDay(addDays(to, 1)) }],
        time_ranges: [{ type: 'store_hours' }],
        group_bys: [groupBy.location()],
        time_zone: timeZone,
      },
      opts,
    );
  }

  /** Current occupancy (and limit) of stores, in each store's own zone (`time_zone: local`). */
  async currentOccupancy(storeUuids: string[], opts: CallOptions = {}): Promise<Array<{ storeUuid: string; name?: string; occupancy: number | null; limit: number | null }>> {
    const res = await this.datamine(
      {
        locations: storeUuids,
        metrics: ['total_occupancy', 'occupancy_limit'],
        date_ranges: [{ from: { name: 'today' }, to: { name: 'now' } }],
        time_ranges: [{ type: 'store_hours' }],
        group_bys: [{ group: 'location', unit: '', value: 0 } as unknown as ReturnType<typeof groupBy.location>],
        time_zone: 'local',
      },
      opts,
    );
    const out = new Map<string, { storeUuid: string; name?: string; occupancy: number | null; limit: number | null }>();
    for (const metric of res.metrics) {
      for (const point of metric.data) {
        const key = groupKey(point);
        const id = key.locationUuid ?? storeUuids[0] ?? '';
        const row = out.get(id) ?? { storeUuid: id, name: key.locationName, occupancy: null, limit: null };
        if (metric.name === 'total_occupancy') row.occupancy = point.value;
        if (metric.name === 'occupancy_limit') row.limit = point.value;
        out.set(id, row);
      }
    }
    return [...out.values()];
  }

  /** Adjusts a store's occupancy (non-zero count). Not retried after sending: it is not idempotent. */
  async adjustOccupancy(storeUuid: string, adjustmentCount: number, adjustmentTime?: string, opts: CallOptions = {}): Promise<void> {
    if (!Number.isInteger(adjustmentCount) || adjustmentCount === 0) throw new AppError('invalid_input', 'The occupancy adjustment must be a whole number other than zero.');
    const json: Record<string, unknown> = { store_uuid: storeUuid, adjustment_count: adjustmentCount };
    // The parameter list says adjustment_date, the example sends adjustment_time: send both.
    if (adjustmentTime) Object.assign(json, { adjustment_time: adjustmentTime, adjustment_date: adjustmentTime });
    await httpRequest(this.writeSpec('adjust occupancy', 'POST', '/v1/occupancy/adjust', json, opts));
  }

  // ---- Users and profiles ----

  async listUsers(filter: { type?: 'local' | 'SSO' | 'sso'; email?: string } = {}, opts: CallOptions = {}): Promise<s.RnUser[]> {
    const q = new URLSearchParams();
    if (filter.type) q.set('type', filter.type);
    if (filter.email) q.set('email', filter.email);
    const spec = this.spec('list users', 'GET', `/v1/users${q.size ? `?${q}` : ''}`, {}, opts);
    const out: s.RnUser[] = [];
    for await (const page of v1Pages(spec)) out.push(...parseAndValidate(spec.vendor, spec.what, s.usersResponse, page.text).users);
    return out;
  }

  async createUser(user: UserCreate, opts: CallOptions = {}): Promise<s.RnUser> {
    return (await this.call(s.userResponse, this.writeSpec(`create the user ${user.email}`, 'POST', '/v1/users', { user }, opts))).user;
  }

  /** Changes a user's profiles, or gives them custom locations (`location_ids` instead of a location profile). */
  async updateUser(userId: string, changes: UserUpdate, opts: CallOptions = {}): Promise<s.RnUser> {
    return (await this.call(s.userResponse, this.writeSpec('update a user', 'PUT', `/v1/users/${encodeURIComponent(userId)}`, changes, opts))).user;
  }

  setUserCustomLocations(userId: string, locationIds: string[], opts: CallOptions = {}): Promise<s.RnUser> {
    return this.updateUser(userId, { location_ids: locationIds }, opts);
  }

  async userProfiles(id?: string, opts: CallOptions = {}): Promise<s.RnUserProfile[]> {
    const spec = this.spec('list user profiles', 'GET', `/v1/user_profiles${id ? `/${encodeURIComponent(id)}` : ''}`, {}, opts);
    const out: s.RnUserProfile[] = [];
    for await (const page of v1Pages(spec)) out.push(...parseAndValidate(spec.vendor, spec.what, s.userProfilesResponse, page.text));
    return out;
  }

  async locationProfiles(id?: string, opts: CallOptions = {}): Promise<s.RnLocationProfile[]> {
    const spec = this.spec('list location profiles', 'GET', `/v1/location_profiles${id ? `/${encodeURIComponent(id)}` : ''}`, {}, opts);
    const out: s.RnLocationProfile[] = [];
    for await (const page of v1Pages(spec)) out.push(...parseAndValidate(spec.vendor, spec.what, s.locationProfilesResponse, page.text));
    return out;
  }

  // ---- Health, predictions, zones ----

  /** Alerts created before `startTime` (ISO 8601; the vendor's own wording), or all when omitted. */
  async healthAlerts(startTime?: string, opts: CallOptions = {}): Promise<s.RnHealthAlert[]> {
    const spec = this.spec('read health alerts', 'POST', '/v1/healthalerts', { json: startTime ? { start_time: startTime } : {}, retry: 'idempotent' }, opts);
    const out: s.RnHealthAlert[] = [];
    for await (const page of v1Pages(spec)) out.push(...parseAndValidate(spec.vendor, spec.what, s.healthAlertsResponse, page.text).result);
    return out;
  }

  /** Predicted traffic in 15-minute steps; ranges over 7 days become several queries (3 at a time, shared). */
  async predictedTraffic(storeUuid: string, firstDay: string, lastDay: string, opts: CallOptions = {}): Promise<Array<{ time: string; value: number }>> {
    if (lastDay < firstDay) throw new AppError('invalid_input', 'The last day comes before the first day.');
    const spans = daySpans(firstDay, lastDay, 7);
    const parts = await allOrStop(
      spans.map((span) => async (signal) => {
        const spec = this.spec('read predicted traffic', 'POST', '/v1/predictedtraffic', {
          json: { store_uuid: storeUuid, first_day: span.first, last_day: span.last },
          retry: 'idempotent',
          limit: { key: `${this.target.limitScope}:predictedtraffic`, max: vendorLimits.retailnext.predictedTraffic },
        }, { ...opts, signal });
        // 7 days of 15-minute steps are 672 entries: several v1 pages.
        const predictions: Array<{ time: string; value: number }> = [];
        for await (const page of v1Pages(spec)) {
          const body = parseAndValidate(spec.vendor, spec.what, s.predictedTrafficResponse, page.text);
          if (body.ok === false) throw new AppError('vendor_error', 'RetailNext could not predict traffic for this range.', body.error ?? undefined);
          predictions.push(...body.predictions);
        }
        return predictions;
      }),
      opts.signal,
    );
    return parts.flat();
  }

  zoneTransitions(query: {
    locations: string[];
    date_ranges: Array<{ start: string; finish: string }>;
    metrics?: Array<'all' | 'employee' | 'customer'>;
    transitions?: 'direct_only' | 'direct_and_indirect' | 'directionless';
    dwells?: 'dwells_only' | 'non_dwells' | 'all_traffic';
    time_ranges?: Array<{ start: string; finish: string } | { type: 'store_hours' }>;
    days_of_week?: Array<'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday'>;
  }, opts: CallOptions = {}): Promise<s.ZoneTransitionsResponse> {
    return this.call(s.zoneTransitionsResponse, this.spec('read zone transitions', 'POST', '/v1/zone_transitions', { json: query, retry: 'idempotent' }, opts));
  }

  /** All floorplans, a store's (`storeUuid`) or one (`floorplanId`). */
  async fpaFloorplans(scope: { storeUuid?: string; floorplanId?: string } = {}, opts: CallOptions = {}): Promise<s.FpaFloorplan[]> {
    const path = scope.floorplanId
      ? `/v1/fpafloorplans/${encodeURIComponent(scope.floorplanId)}`
      : scope.storeUuid
        ? `/v1/stores/${encodeURIComponent(scope.storeUuid)}/fpafloorplans`
        : '/v1/fpafloorplans';
    const spec = this.spec('read floorplans', 'GET', path, {}, opts);
    const out: s.FpaFloorplan[] = [];
    for await (const page of v1Pages(spec)) out.push(...parseAndValidate(spec.vendor, spec.what, s.fpaFloorplansResponse, page.text));
    return out;
  }

  // ---- Inventory (cursor pages) ----

  /** Camera pages; the endpoint allows 3 concurrent requests per subscription, shared by every caller. */
  cameraPages(storeUuid?: string, opts: CallOptions = {}): AsyncGenerator<z.output<typeof s.camerasPage>> {
    const spec = this.spec('list cameras', 'GET', `/v1/inventory/cameras${storeUuid ? `?store_uuid=${encodeURIComponent(storeUuid)}` : ''}`, {
      limit: { key: `${this.target.limitScope}:cameras`, max: vendorLimits.retailnext.camerasInventory },
    }, opts);
    return cursorPages(spec, (res) => parseAndValidate(spec.vendor, spec.what, s.camerasPage, res.text));
  }

  channelPages(opts: CallOptions = {}): AsyncGenerator<z.output<typeof s.channelsPage>> {
    const spec = this.spec('list video channels', 'GET', '/v1/inventory/channels', {}, opts);
    return cursorPages(spec, (res) => parseAndValidate(spec.vendor, spec.what, s.channelsPage, res.text));
  }

  appliancePages(opts: CallOptions = {}): AsyncGenerator<z.output<typeof s.appliancesPage>> {
    const spec = this.spec('list appliances', 'GET', '/v1/inventory/appliances', {}, opts);
    return cursorPages(spec, (res) => parseAndValidate(spec.vendor, spec.what, s.appliancesPage, res.text));
  }

  async cameras(storeUuid?: string, opts: CallOptions = {}): Promise<s.RnCamera[]> {
    const out: s.RnCamera[] = [];
    for await (const page of this.cameraPages(storeUuid, opts)) out.push(...page.cameras);
    return out;
  }
  async channels(opts: CallOptions = {}): Promise<s.RnChannel[]> {
    const out: s.RnChannel[] = [];
    for await (const page of this.channelPages(opts)) out.push(...page.channels);
    return out;
  }
  async appliances(opts: CallOptions = {}): Promise<s.RnAppliance[]> {
    const out: s.RnAppliance[] = [];
    for await (const page of this.appliancePages(opts)) out.push(...page.store_appliances);
    return out;
  }

  // ---- Video export ----

  /** Starts an export of up to 16 channels of one appliance; returns the export id from the Location header. */
  async startExport(input: { channels: string[]; start: string; end: string; resolution?: string; analyticsOverlay?: boolean; infoOverlay?: boolean; raw?: boolean }, opts: CallOptions = {}): Promise<{ exportId: string; taskPath: string }> {
    if (input.channels.length < 1 || input.channels.length > 16) throw new AppError('invalid_input', 'An export takes between 1 and 16 video channels.');
    const q = new URLSearchParams({ start: input.start, end: input.end });
    for (const c of input.channels) q.append('channel', c);
    if (input.resolution && input.channels.length > 1) q.set('resolution', input.resolution);
    q.set('analytics_overlay', input.analyticsOverlay ? '1' : '0');
    q.set('raw', input.raw ? '1' : '0');
    q.set('info_overlay', input.infoOverlay ? '1' : '0');
    const res = await httpRequest(this.spec('start a video export', 'POST', `/v1/video/export/start?${q}`, { redirects: 'return' }, opts));
    const location = res.headers.get('location');
    const m = location ? /\/v1\/video\/export\/task\/([^/?#]+)/.exec(location) : null;
    if (!m?.[1]) throw new AppError('bad_response', 'RetailNext started the export but did not say where to follow it.', `HTTP ${res.status}, location header: ${location ?? 'missing'}`);
    return { exportId: decodeURIComponent(m[1]), taskPath: `/v1/video/export/task/${m[1]}` };
  }

  /** Export status from the status code itself: 202 running, 302 ready (Location = file), 404 expired, 424 failed. */
  async exportStatus(exportId: string, opts: CallOptions = {}): Promise<ExportStatus> {
    const res: HttpResult = await httpRequest(
      this.spec('check a video export', 'GET', `/v1/video/export/task/${encodeURIComponent(exportId)}`, { redirects: 'return', accept: [202, 302, 404, 424] }, opts),
    );
    switch (res.status) {
      case 202:
        return { state: 'in_progress' };
      case 200:
      case 201:
        return { state: 'in_progress' };
      case 301:
      case 302:
      case 303:
      case 307:
      case 308: {
        const location = res.headers.get('location');
        if (!location) throw new AppError('bad_response', 'RetailNext says the export is ready but gave no download address.', `HTTP ${res.status}`);
        const url = new URL(location, res.url);
        return { state: 'ready', downloadUrl: url.toString(), sameOrigin: url.origin === new URL(this.target.baseUrl).origin };
      }
      case 404:
        return { state: 'expired' };
      case 424:
        return { state: 'failed', reason: vendorReason(res.text) };
      default:
        throw new AppError('bad_response', 'RetailNext answered the export status with an unexpected code.', `HTTP ${res.status}`);
    }
  }

  /** Credentials for a download URL: only when it is on RetailNext's own origin. */
  downloadHeaders(downloadUrl: string): Record<string, string> {
    return new URL(downloadUrl).origin === new URL(this.target.baseUrl).origin ? { ...this.target.auth } : {};
  }

  async deleteExport(exportId: string, opts: CallOptions = {}): Promise<void> {
    await httpRequest(this.spec('delete a video export', 'DELETE', `/v1/video/export/task/${encodeURIComponent(exportId)}`, { retry: 'idempotent', accept: [404] }, opts));
  }

  // ---- Live video ----

  async hlsToken(locationUuid: string, opts: CallOptions = {}): Promise<string> {
    return (await this.call(s.hlsTokenResponse, this.spec('get a live video token', 'POST', '/v1/hlsapitoken', { json: { location_uuid: locationUuid } }, opts))).token;
  }

  hlsStreamUrl(channelUuid: string, token: string): string {
    return `${this.target.baseUrl}/v1/hls/${encodeURIComponent(channelUuid)}.m3u8?token=${encodeURIComponent(token)}`;
  }
}

function vendorReason(text: string): string {
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    for (const k of ['reason', 'error', 'message']) if (typeof v[k] === 'string' && v[k]) return v[k] as string;
  } catch {
    // plain text
  }
  return text.trim().slice(0, 300) || 'no reason given';
}
