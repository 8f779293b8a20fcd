import { AppError, isAppError } from '../../shared/contract/errors';
import { chunk } from '../vendors/dates';
import { ExterosClient } from '../vendors/exteros/client';
import { vendorLimits } from '../vendors/limits';
import { RetailNextClient } from '../vendors/retailnext/client';
import type { LocationNode } from '../vendors/retailnext/schemas';
import type { JobContext } from './job';
import { allOrStop, runPool } from '../vendors/http/pool';
import { SnapshotBuilder } from './snapshot';
import { cacheTables, type SqlValue } from './tables';
import { yieldToLoop } from './yieldToLoop';

const locationTypes = ['region', 'store', 'entrance', 'display', 'fitting_room', 'other'] as const;
const storeExtraFields = ['store.time_zone', 'store.store_id', 'store.pos_id', 'store.pos_division_id', 'store.staff_hour_id', 'store.occupancy_limit'];

/** Writes a whole dataset as a new snapshot; any failure discards it and keeps the previous one. */
async function inSnapshot(ctx: JobContext, fill: (snap: SnapshotBuilder) => Promise<void>): Promise<void> {
  if (ctx.dataset === 'kpis') throw new Error('kpis are not a snapshot dataset');
  const snap = await SnapshotBuilder.create(ctx.db, ctx.writer, ctx.connection.id, ctx.dataset, ctx.runId, ctx.fetchedAt);
  try {
    await fill(snap);
    if (ctx.signal.aborted) throw new AppError('cancelled', 'The sync was cancelled.');
    await snap.commit();
    ctx.stats.rows += snap.rows;
  } catch (e) {
    // The failure is what the user must see: one in freeing the half-built snapshot (a full disk)
    // must not replace it. A snapshot left `building` is freed at the next start (recoverSnapshots).
    await snap.discard().catch(() => undefined);
    throw e;
  }
}

function rn(ctx: JobContext): RetailNextClient {
  return new RetailNextClient(ctx.target);
}

function locationRow(n: LocationNode): SqlValue[] {
  const extra: Record<string, unknown> = {};
  for (const k of ['pos_id', 'pos_division_id', 'staff_hour_id', 'aggregate_to_parent', 'aggregate_to_store'] as const) if (n[k] !== undefined && n[k] !== null) extra[k] = n[k];
  return [n.uuid, n.name, n.location_type, n.parent_uuid ?? null, n.store_id ?? null, n.time_zone ?? null, n.area ?? null, n.occupancy_limit ?? null, n.archive_date ?? null, JSON.stringify(extra)];
}

/** v2 answers are cut at 10,000 entries: a full answer may be trimmed and must be asked in parts. */
const v2Cap = 10_000;

/**
 * RetailNext locations tree: one v2 query per location type; a type that reaches the 10,000-entry
 * cap is asked again per batch of parent stores, as the documentation advises.
 */
export async function retailNextLocations(ctx: JobContext): Promise<void> {
  const client = rn(ctx);
  const query = async (type: string, parents?: string[], signal: AbortSignal = ctx.signal) => {
    const and: unknown[] = [{ location_types: [type] }];
    if (parents) and.push({ parent_uuids: parents });
    return client.queryLocations({ extra_fields: type === 'store' ? storeExtraFields : [], where: { and } }, { signal });
  };
  await inSnapshot(ctx, async (snap) => {
    const [regions, stores] = await allOrStop([(signal) => query('region', undefined, signal), (signal) => query('store', undefined, signal)], ctx.signal);
    if (regions.length >= v2Cap || stores.length >= v2Cap) throw new AppError('vendor_error', 'This subscription has more regions or stores than RetailNext returns in one answer; the console cannot list them all yet.', `${regions.length} regions, ${stores.length} stores`);
    await snap.insert(cacheTables.locations, [...regions, ...stores].map(locationRow));
    const subTypes = locationTypes.filter((t) => t !== 'region' && t !== 'store');
    let done = 2;
    const total = 2 + subTypes.length;
    ctx.progress(done, total, 'requests', 'Locations: regions and stores');
    await runPool(subTypes, subTypes.length, async (type, signal) => {
      let nodes = await query(type, undefined, signal);
      if (nodes.length >= v2Cap) {
        const parts = await allOrStop(chunk(stores.map((s) => s.uuid), 1_000).map((parents) => (own: AbortSignal) => query(type, parents, own)), signal);
        nodes = parts.flat();
      }
      await snap.insert(cacheTables.locations, nodes.map(locationRow));
      ctx.progress(++done, total, 'requests', `Locations: ${type}`);
    }, ctx.signal);
  });
}

/** Stores of the connection with their time zones: from the cache when synced, else asked. */
export async function knownStores(ctx: JobContext): Promise<Array<{ uuid: string; timeZone: string | null }>> {
  // Read a page at a time (keyset on the snapshot's uuid index), yielding between pages: the
  // locations of a large estate are tens of thousands of rows, too many for one pause of the loop.
  const current = ctx.db.prepare("SELECT id FROM sync_snapshots WHERE connection_id = ? AND dataset = 'locations' AND state = 'current'").get(ctx.connection.id) as { id: number } | undefined;
  const page = ctx.db.prepare('SELECT uuid, location_type, time_zone, archive_date FROM cache_locations WHERE snapshot_id = ? AND uuid > ? ORDER BY uuid LIMIT 2000');
  const cached: Array<{ uuid: string; timeZone: string | null }> = [];
  for (let after = ''; current; ) {
    const rows = page.all(current.id, after) as Array<{ uuid: string; location_type: string; time_zone: string | null; archive_date: string | null }>;
    for (const r of rows) if (r.location_type === 'store' && !r.archive_date) cached.push({ uuid: r.uuid, timeZone: r.time_zone });
    if (rows.length < 2000) break;
    after = rows[rows.length - 1]!.uuid;
    await yieldToLoop();
  }
  if (cached.length > 0) return cached;
  const nodes = await rn(ctx).queryLocations({ extra_fields: ['store.time_zone'], where: { and: [{ location_types: ['store'] }] } }, { signal: ctx.signal });
  return nodes.filter((n) => !n.archive_date).map((n) => ({ uuid: n.uuid, timeZone: n.time_zone ?? null }));
}

export async function retailNextStoreHours(ctx: JobContext): Promise<void> {
  const client = rn(ctx);
  const stores = await knownStores(ctx);
  const batches = chunk(stores.map((s) => s.uuid), 100);
  await inSnapshot(ctx, async (snap) => {
    let done = 0;
    await runPool(batches, 8, async (batch, signal) => {
      const entries = await client.storeHours(batch, ctx.range.from, ctx.range.to, { signal });
      await snap.insert(cacheTables.storeHours, entries.map((e) => [e.store_uuid, e.effective_day.slice(0, 10), e.open ?? null, e.close ?? null]));
      ctx.progress(++done, batches.length, 'requests', 'Store hours');
    }, ctx.signal);
  });
}

/** Cameras, channels and appliances: three cursor chains at once, written page by page into one snapshot. */
export async function retailNextInventory(ctx: JobContext): Promise<void> {
  const client = rn(ctx);
  // One chain failing stops the other two at once rather than letting them page on for nothing.
  const local = new AbortController();
  const stop = () => local.abort();
  ctx.signal.addEventListener('abort', stop, { once: true });
  const signal = local.signal;
  await inSnapshot(ctx, async (snap) => {
    let pages = 0;
    const tick = (what: string) => ctx.progress(++pages, 0, 'pages', `Inventory: ${what}`);
    const cameras = async () => {
      for await (const page of client.cameraPages(undefined, { signal })) {
        await snap.insert(
          cacheTables.cameras,
          page.cameras.map((c) => [
            c.device_id, c.store_uuid, c.appliance_id || null, c.device_name ?? null, c.type ?? null, c.vendor ?? null, c.model ?? null, c.serial_number || null,
            c.private_ip ?? null, c.public_ip ?? null, c.last_heard ?? null, c.video_channel_count ?? c.video_channel_uuids.length, JSON.stringify(c.video_channel_uuids), JSON.stringify(c),
          ]),
        );
        tick('cameras');
      }
    };
    const channels = async () => {
      for await (const page of client.channelPages({ signal })) {
        await snap.insert(
          cacheTables.channels,
          page.channels.map((c) => [c.channel_uuid, c.device_id ?? null, c.name ?? null, c.resolution ?? null, c.frame_rate ?? null, c.recording_enabled === undefined || c.recording_enabled === null ? null : Number(c.recording_enabled), JSON.stringify(c)]),
        );
        tick('channels');
      }
    };
    const appliances = async () => {
      for await (const page of client.appliancePages({ signal })) {
        await snap.insert(cacheTables.appliances, page.store_appliances.map((a) => [a.appliance_id, a.store_uuid ?? null, a.mac_address ?? null, a.private_ip ?? null, a.public_ip ?? null, JSON.stringify(a)]));
        tick('appliances');
      }
    };
    const guard = (p: Promise<void>) => p.catch((e: unknown) => {
      local.abort();
      throw e;
    });
    try {
      await settleAll([guard(cameras()), guard(channels()), guard(appliances())]);
    } finally {
      ctx.signal.removeEventListener('abort', stop);
    }
  });
}

export async function retailNextHealthAlerts(ctx: JobContext): Promise<void> {
  const alerts = await rn(ctx).healthAlerts(ctx.fetchedAt.replace(/\.\d+Z$/, 'Z'), { signal: ctx.signal });
  await inSnapshot(ctx, (snap) =>
    snap.insert(
      cacheTables.healthAlerts,
      alerts.map((a) => [a.uuid, a.store_uuid ?? null, a.store_name ?? null, a.type ?? null, a.severity ?? null, a.description ?? null, a.subject_id ?? null, a.subject_name ?? null, a.event_time ?? null, a.alert_creation_time ?? null, a.resolved ? 1 : 0, a.resolved_time ?? null, a.obsolete ? 1 : 0]),
    ),
  );
  ctx.progress(1, 1, 'requests', 'Health alerts');
}

export async function retailNextUsers(ctx: JobContext): Promise<void> {
  const client = rn(ctx);
  const [users, userProfiles, locationProfiles] = await settleAll([
    client.listUsers({}, { signal: ctx.signal }),
    client.userProfiles(undefined, { signal: ctx.signal }),
    client.locationProfiles(undefined, { signal: ctx.signal }),
  ] as const);
  await inSnapshot(ctx, async (snap) => {
    await snap.insert(cacheTables.users, users.map((u) => [u.id, u.email, u.name ?? null, u.type, u.disabled ? 1 : 0, u.user_profile_id ?? null, u.location_profile_id ?? null, u.location_ids ? JSON.stringify(u.location_ids) : null, u.last_sign_in_at ?? null, u.current_sign_in_at ?? null, u.invitation_accepted === null || u.invitation_accepted === undefined ? null : u.invitation_accepted ? 1 : 0]));
    await snap.insert(cacheTables.userProfiles, userProfiles.map((p) => [p.id, p.name, p.subscription_admin ? 1 : 0, JSON.stringify(p)]));
    await snap.insert(cacheTables.locationProfiles, locationProfiles.map((p) => [p.id, p.name, JSON.stringify(p.location_ids)]));
  });
  ctx.progress(3, 3, 'requests', 'Users and profiles');
}

/**
 * How long a location's last update, once asked, stands without asking again. Exteros offers it
 * one location per request and nothing in bulk or conditional (no list form, no ETag or
 * If-Modified-Since), so every locations sync used to cost one request per location. The IT audit
 * reads it against limits of hours (48 by default, 1 at least): an answer under an hour old is
 * close enough, and syncs repeated within the hour cost one request.
 */
export const exterosLastUpdateRecheckMs = 60 * 60_000;

/** What the current snapshot knows of each location's last update, and when it was asked. */
function knownLastUpdates(ctx: JobContext): Map<string, { at: string | null; checkedAt: string }> {
  const rows = ctx.db.prepare('SELECT uuid, extra FROM cached_locations WHERE connection_id = ?').all(ctx.connection.id) as Array<{ uuid: string; extra: string | null }>;
  const known = new Map<string, { at: string | null; checkedAt: string }>();
  for (const r of rows) {
    let info: Record<string, unknown>;
    try {
      info = JSON.parse(r.extra ?? '{}') as Record<string, unknown>;
    } catch {
      continue;
    }
    const checkedAt = info.last_update_checked_at;
    if (typeof checkedAt === 'string') known.set(r.uuid, { at: typeof info.last_update === 'string' ? info.last_update : null, checkedAt });
  }
  return known;
}

/**
 * Exteros locations with their info; name is the key (it is what the count endpoints take). Each
 * location's last update is asked too (at most the vendor's limit at once), unless the cache holds
 * an answer younger than `exterosLastUpdateRecheckMs`, and kept in its info as `last_update` with
 * `last_update_checked_at` (the IT audit's "not updated for N hours" reads it); a location Exteros
 * answers 404 for keeps none.
 */
export async function exterosLocations(ctx: JobContext): Promise<void> {
  const client = new ExterosClient(ctx.target);
  const locations = await client.locations(true, { signal: ctx.signal });
  const known = knownLastUpdates(ctx);
  const nowMs = ctx.now.getTime();
  const toAsk = locations.filter((l) => {
    const k = known.get(l.name);
    const fresh = k !== undefined && nowMs - Date.parse(k.checkedAt) < exterosLastUpdateRecheckMs && Date.parse(k.checkedAt) <= nowMs;
    if (fresh) {
      if (k.at !== null) l.info.last_update = k.at;
      l.info.last_update_checked_at = k.checkedAt;
    }
    return !fresh;
  });
  let done = 0;
  await runPool(toAsk, vendorLimits.exteros.default, async (l, signal) => {
    const at = await client.lastUpdate(l.name, { signal, missingIsNull: true });
    if (at !== null) l.info.last_update = at;
    l.info.last_update_checked_at = ctx.fetchedAt;
    ctx.progress(++done, toAsk.length, 'requests', 'Locations: last updates');
  }, ctx.signal);
  await inSnapshot(ctx, (snap) =>
    snap.insert(
      cacheTables.locations,
      locations.map((l) => [l.name, l.name, pickString(l.info, ['type', 'location-type', 'store-type']) ?? 'store', pickString(l.info, ['parent', 'parent-location', 'parent_location']), null, null, null, null, null, JSON.stringify(l.info)]),
    ),
  );
}

function pickString(o: Record<string, unknown>, keys: string[]): string | null {
  for (const k of keys) if (typeof o[k] === 'string' && o[k]) return o[k] as string;
  return null;
}

/**
 * Like Promise.all, but waits for every branch to settle before rejecting (no write after failure).
 * The rejection it passes on is the real cause: when one branch fails and its siblings are stopped
 * because of it, theirs are "cancelled", and would hide it if taken in array order.
 */
export async function settleAll<T extends readonly unknown[]>(ps: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const results = await Promise.allSettled(ps as readonly Promise<unknown>[]);
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed.length > 0) throw (failed.find((r) => !isCancellation(r.reason)) ?? failed[0]!).reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

function isCancellation(e: unknown): boolean {
  return isAppError(e) && e.code === 'cancelled';
}
