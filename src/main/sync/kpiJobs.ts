import { chunk, daysBetween } from '../vendors/dates';
import { ExterosClient, exterosMetrics } from '../vendors/exteros/client';
import { FlowClient, flowMaxStoresPerRequest } from '../vendors/flow/client';
import { vendorLimits } from '../vendors/limits';
import { RetailNextClient } from '../vendors/retailnext/client';
import type { JobContext } from './job';
import { KpiStore, kpiSliceJob, type KpiRow, type KpiSlice, type QuarterRow } from './kpiStore';
import { secondPassOffset } from '../../shared/reports/time';
import type { ExterosCount, ExterosMetric } from '../vendors/exteros/client';
import { allOrStop, runPool } from '../vendors/http/pool';
import { knownStores } from './snapshotJobs';
import { linkedZones, storeDays, type StoreDay } from './storeDays';
import type { FlowKpiAnswer } from './flowKpiAnswer';
import type { WriterInput } from './writer/input';
import { WriteQueue } from './writer/queue';
import { yieldToLoop } from './yieldToLoop';
import { closedHourToAsk } from './closedHour';

/**
 * Slices in progress at once: twice the vendor's limit, so a request is always waiting for a free
 * slot while others parse their answers; the shared limiter keeps the requests on the wire at the limit.
 */
const inFlight = (limit: number) => limit * 2;

type SliceRows = Pick<KpiSlice, 'storeKeys' | 'days' | 'rows' | 'quarters' | 'hours'>;

/**
 * Runs `fill` with a queue of slice writes (each slice one job; `add` takes any writer input, a
 * vendor answer the writer reads itself) and waits for them all, success or not.
 */
async function withSliceWrites(ctx: JobContext, dayOf: (store: string) => StoreDay, fill: (write: (slice: SliceRows) => Promise<void>, add: (input: WriterInput) => Promise<void>) => Promise<void>): Promise<void> {
  const queue = new WriteQueue(ctx.writer, (n) => (ctx.stats.rows += n));
  const todayOf = (store: string) => dayOf(store).today;
  const write = (slice: SliceRows) =>
    queue.add(kpiSliceJob({ ...slice, connectionId: ctx.connection.id, today: todayOf, fetchedAt: ctx.fetchedAt, runId: ctx.runId }));
  try {
    await fill(write, (input) => queue.add(input));
  } catch (e) {
    // Slices already fetched are whole: let them land, then report the failure.
    await queue.settle();
    throw e;
  }
  await queue.flush();
}

/**
 * The store-days of the range still to fetch: up to each store's local today (the future has no
 * counts yet), not final in the cache, or today, or asked again.
 */
function pending(ctx: JobContext, store: KpiStore, storeKeys: readonly string[], dayOf: (store: string) => StoreDay): { days: string[]; need: (store: string, day: string) => boolean } {
  let last = '';
  for (const k of storeKeys) if (dayOf(k).last > last) last = dayOf(k).last;
  const to = ctx.range.to < last ? ctx.range.to : last;
  const days = ctx.range.from <= to ? daysBetween(ctx.range.from, to) : [];
  const final = ctx.refetchFinal ? new Set<string>() : store.finalDays(ctx.connection.id, ctx.range.from, to);
  const need = (s: string, d: string) => {
    const own = dayOf(s);
    return d <= own.last && (d >= own.today || !final.has(`${s}|${d}`));
  };
  let skipped = 0;
  if (final.size > 0) for (const s of storeKeys) for (const d of days) if (d <= dayOf(s).last && !need(s, d)) skipped++;
  ctx.stats.skipped = skipped;
  return { days, need };
}

/**
 * Flow requests, store group by store group, each group over every day: consecutive slices then
 * land in the same few places of the cache's store-keyed tables (appends, not scattered inserts),
 * which keeps the writes per row small. Built with pauses so a year of 1,000 stores never holds the loop.
 */
async function flowSlicesToFetch(codes: readonly string[], days: readonly string[], need: (s: string, d: string) => boolean): Promise<Array<{ day: string; codes: string[] }>> {
  const slices: Array<{ day: string; codes: string[] }> = [];
  for (const group of chunk(codes, flowMaxStoresPerRequest)) {
    for (const day of days) {
      const wanted = group.filter((c) => need(c, day));
      if (wanted.length > 0) slices.push({ day, codes: wanted });
    }
    await yieldToLoop();
  }
  return slices;
}

/**
 * Flow hourly KPIs: one request per day and 20 stores, each written as its own slice. The answers go
 * to the writer as the bytes received, which it reads on its thread (flowKpiAnswer.ts): an unusable one fails
 * the run with its `bad_response`, and the slices already handed over still land.
 */
export async function flowKpis(ctx: JobContext): Promise<void> {
  if (ctx.connection.vendor !== 'flow') return;
  const client = new FlowClient(ctx.target, ctx.connection.settings.language);
  const store = new KpiStore(ctx.db);
  const codes = [...new Set(ctx.connection.settings.storeCodes)];
  const dayOf = storeDays(linkedZones(ctx.db, ctx.connection.id), ctx.now);
  const { days, need } = pending(ctx, store, codes, dayOf);
  const slices = await flowSlicesToFetch(codes, days, need);
  let done = 0;
  await withSliceWrites(ctx, dayOf, (_write, add) =>
    runPool(slices, inFlight(vendorLimits.flow.default), async (slice, signal) => {
      const body = await client.hourlySliceAnswer({ date: slice.day, storeCodes: slice.codes }, { signal });
      const todays: Record<string, string> = {};
      for (const code of slice.codes) todays[code] = dayOf(code).today;
      const answer: FlowKpiAnswer = { body, vendor: ctx.target.label, connectionId: ctx.connection.id, storeKeys: slice.codes, day: slice.day, todays, fetchedAt: ctx.fetchedAt, runId: ctx.runId };
      await add({ flowKpiAnswer: answer });
      ctx.progress(++done, slices.length, 'slices', `Flow KPIs ${slice.day}, stores ${slice.codes[0]}…`);
    }, ctx.signal),
  );
}

/**
 * One location-day of Exteros counts at 15 minutes, as quarter rows and the hours they sum to.
 * A quarter that comes again (the repeated hour of an autumn clock change, sent in order) is the
 * second pass: kept under hour + 24, as kpi_hourly keeps Flow's. An answer without minutes (a
 * server that ignored `interval`) gives hours only, and no quarters. Empty answers (a store closed
 * all day) are a day held at 15 minutes with no quarters: otherwise the day would count as held by
 * the hour only, be fetched again at every sync and be reported as lacking its quarters.
 */
export function exterosDay(name: string, day: string, answers: ReadonlyArray<readonly ExterosCount[]>): { hours: KpiRow[]; quarters: QuarterRow[] | null } {
  const byHour = new Map<number, KpiRow>();
  const byQuarter = new Map<string, QuarterRow>();
  const quarterly = answers.every((a) => a.length === 0) || answers.some((a) => a.some((c) => c.minute !== null));
  exterosMetrics.forEach((metric: ExterosMetric, i) => {
    const seen = new Set<string>();
    for (const c of answers[i] ?? []) {
      let hour = c.hour;
      if (quarterly) {
        const minute = (Math.floor((c.minute ?? 0) / 15) * 15) as QuarterRow['minute'];
        let key = `${hour}:${minute}`;
        if (seen.has(key) && hour < secondPassOffset) {
          hour += secondPassOffset;
          key = `${hour}:${minute}`;
        }
        seen.add(key);
        const q = byQuarter.get(key) ?? { storeKey: name, day, hour, minute };
        q[metric] = (q[metric] ?? 0) + c.value;
        byQuarter.set(key, q);
      }
      const row = byHour.get(hour) ?? { storeKey: name, day, hour };
      row[metric] = (row[metric] ?? 0) + c.value;
      byHour.set(hour, row);
    }
  });
  return { hours: [...byHour.values()], quarters: quarterly ? [...byQuarter.values()] : null };
}

/**
 * Exteros: the four counts per location and day (four requests make one slice), asked at 15
 * minutes (`interval=15min`): the same requests as by the hour, and reports can show quarters; the
 * hours are their sums. A store's today whose cache already holds every hour up to the one that
 * has just closed (the hourly sync after each hour closes) asks that hour only (`hour=H`): the same
 * four requests, a 24th of the day's answer, merged into the day's cached hours. Otherwise whole
 * days: reports pick hours from the cache, and hour by hour would take up to 24 times the requests.
 */
export async function exterosKpis(ctx: JobContext): Promise<void> {
  const client = new ExterosClient(ctx.target);
  const store = new KpiStore(ctx.db);
  let names = (ctx.db.prepare("SELECT uuid FROM cached_locations WHERE connection_id = ? ORDER BY uuid").all(ctx.connection.id) as Array<{ uuid: string }>).map((r) => r.uuid);
  if (names.length === 0) {
    names = (await client.locations(false, { signal: ctx.signal })).map((l) => l.name);
  }
  const zoneOf = linkedZones(ctx.db, ctx.connection.id);
  const dayOf = storeDays(zoneOf, ctx.now);
  const pendingDays = pending(ctx, store, names, dayOf);
  const { days } = pendingDays;
  // Days held by the hour only (synced before 15-minute counts were kept) are fetched again.
  const quarterFetched = store.quarterFetchedAt(ctx.connection.id, ctx.range.from, ctx.range.to);
  const need = (s: string, d: string) => pendingDays.need(s, d) || (d <= dayOf(s).last && !quarterFetched.has(`${s}|${d}`));
  const onlyHour = (s: string, d: string) =>
    ctx.refetchFinal || d !== dayOf(s).today ? null : closedHourToAsk(zoneOf.get(s) ?? null, d, quarterFetched.get(`${s}|${d}`) ?? null, ctx.now.getTime());
  // Location by location, each over every day: consecutive slices append to one store's key range (as Flow's do).
  const slices = names.flatMap((name) => days.filter((day) => need(name, day)).map((day) => ({ day, name, hour: onlyHour(name, day) })));
  let done = 0;
  await withSliceWrites(ctx, dayOf, (write) => runPool(slices, inFlight(vendorLimits.exteros.default), async ({ day, name, hour }, signal) => {
    const params = hour === null ? { interval: '15min' as const } : { interval: '15min' as const, hour };
    const counts = await allOrStop(exterosMetrics.map((m) => (own: AbortSignal) => client.counts(m, name, day, params, { signal: own })), signal);
    const { hours, quarters } = exterosDay(name, day, counts);
    await write({ storeKeys: [name], days: [day], rows: hours, quarters: quarters ?? undefined, ...(hour === null ? {} : { hours: [hour] }) });
    ctx.progress(++done, slices.length, 'slices', `Exteros KPIs ${day}`);
  }, ctx.signal));
}

/** Stores x days per datamine query: entries = stores x days x 24 x 3 metrics, kept under 10,000. */
const rnDaysPerQuery = 7;
const rnStoresPerQuery = Math.max(1, Math.floor(10_000 / (rnDaysPerQuery * 24 * 3)));

/** RetailNext: datamine traffic in/out and occupancy by hour, per time zone (hours are store-local). */
export async function retailNextKpis(ctx: JobContext): Promise<void> {
  const client = new RetailNextClient(ctx.target);
  const store = new KpiStore(ctx.db);
  const stores = await knownStores(ctx);
  const dayOf = storeDays(new Map(stores.map((s) => [s.uuid, s.timeZone ?? 'UTC'])), ctx.now);
  const { days, need } = pending(ctx, store, stores.map((s) => s.uuid), dayOf);
  const byZone = new Map<string, string[]>();
  for (const s of stores) {
    const zone = s.timeZone ?? 'UTC';
    let list = byZone.get(zone);
    if (!list) byZone.set(zone, (list = []));
    list.push(s.uuid);
  }
  // Store group by store group, each over every day (as Flow's): consecutive slices append to the same key ranges.
  const slices: Array<{ zone: string; stores: string[]; days: string[] }> = [];
  for (const [zone, uuids] of byZone) {
    const wanted = uuids.filter((u) => days.some((d) => need(u, d)));
    for (const group of chunk(wanted, rnStoresPerQuery)) {
      for (const span of chunk(days, rnDaysPerQuery)) {
        const spanDays = span.filter((d) => group.some((u) => need(u, d)));
        if (spanDays.length > 0) slices.push({ zone, stores: group, days: spanDays });
      }
      await yieldToLoop(); // a year of thousands of stores is millions of checks: never in one pause
    }
  }
  let done = 0;
  await withSliceWrites(ctx, dayOf, (write) => runPool(slices, inFlight(vendorLimits.retailnext.default), async (slice, signal) => {
    if (slice.days.length === 0) return;
    const first = slice.days[0]!;
    const last = slice.days[slice.days.length - 1]!;
    const hours = await client.hourlyTraffic(slice.stores, first, last, slice.zone, { signal, occupancy: true });
    const rows: KpiRow[] = hours.map((h) => ({ storeKey: h.locationUuid, day: h.day, hour: h.hour, enters: h.trafficIn, exits: h.trafficOut, occupancy: h.occupancy, validity: h.validity }));
    await write({ storeKeys: slice.stores, days: daysBetween(first, last), rows });
    ctx.progress(++done, slices.length, 'slices', `RetailNext KPIs ${first}…${last}`);
  }, ctx.signal));
}
