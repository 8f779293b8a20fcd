import type { OccupancyStatus } from '../../shared/admin/contract';
import { AppError } from '../../shared/contract/errors';
import { zoneOffsetMs } from '../../shared/time/zoneOffset';
import type { Db } from '../db/open';
import type { RetailNextClient } from '../vendors/retailnext/client';
import { openAt, wallMs } from '../estate/storeHours';
import { readLocation } from './locations';

/** The instant of a wall-clock time "yyyy-mm-ddThh:mm" in a zone (the first, for a time that occurs twice). */
export function instantOfLocal(local: string, tz: string | null): number {
  const naive = Date.parse(`${local}:00Z`);
  if (!tz) return naive;
  let t = naive - zoneOffsetMs(tz, naive);
  t = naive - zoneOffsetMs(tz, t);
  return t;
}

const hhmm = (wall: number) => new Date(wall).toISOString().slice(11, 16);

/**
 * What a correction needs, checked before sending: the document accepts one only within store hours
 * and with a limit set. A cancelled call (`signal`) stops the live read and answers "cancelled".
 */
export async function occupancyStatus(db: Db, storeUuid: string, now: Date, client: RetailNextClient | null, clientError: AppError | null, signal?: AbortSignal): Promise<OccupancyStatus> {
  const loc = readLocation(db, storeUuid);
  if (!loc || loc.kind !== 'store') throw new AppError('not_found', 'That store is not among the cached RetailNext locations.');
  // By the current snapshots' (snapshot, uuid) index, not the view's scan of every cached location.
  const tz =
    (db.prepare("SELECT l.time_zone FROM sync_snapshots s CROSS JOIN cache_locations l WHERE s.state = 'current' AND s.connection_id = ? AND l.snapshot_id = s.id AND l.uuid = ?").get(loc.connectionId, storeUuid) as { time_zone: string | null } | undefined)
      ?.time_zone ?? null;
  const wall = wallMs(now.getTime(), tz);
  let live: OccupancyStatus['live'] = null;
  let liveError: OccupancyStatus['liveError'] = clientError ? { code: clientError.code, message: clientError.message } : null;
  if (client) {
    try {
      const r = (await client.currentOccupancy([storeUuid], { signal })).find((x) => x.storeUuid === storeUuid) ?? null;
      live = { occupancy: r?.occupancy ?? null, limit: r?.limit ?? null, readAt: now.toISOString() };
    } catch (e) {
      if (signal?.aborted) throw e;
      const err = e instanceof AppError ? e : new AppError('internal', 'The current occupancy could not be read.');
      liveError = { code: err.code, message: err.message };
    }
  }
  const cachedLimit = typeof loc.values.occupancy_limit === 'number' ? loc.values.occupancy_limit : null;
  const { open, hours } = openAt(db, loc.connectionId, storeUuid, tz, now.getTime());
  const s: OccupancyStatus = {
    storeUuid,
    name: loc.name,
    connectionId: loc.connectionId,
    timeZone: tz,
    localNow: `${new Date(wall).toISOString().slice(0, 10)} ${hhmm(wall)}`,
    cachedLimit,
    live,
    liveError,
    hoursToday: hours,
    openNow: open,
    blockers: [],
    notes: [],
  };
  checkConditions(s, open, 'now');
  if (liveError) s.blockers.push(`RetailNext cannot be asked now (${liveError.message}): a correction needs it reachable, and is never queued.`);
  return s;
}

/** Adds the document's two conditions to a status or a preview, for the moment the correction is for. */
export function checkConditions(s: Pick<OccupancyStatus, 'blockers' | 'notes' | 'live' | 'cachedLimit' | 'name' | 'hoursToday'>, open: boolean | null, when: string): void {
  const limit = s.live?.limit ?? s.cachedLimit;
  if (limit === null || limit === undefined) {
    s.blockers.push(`${s.name} has no occupancy limit: RetailNext accepts occupancy corrections only when the store's limit is set. Set a limit first (Edit store).`);
  }
  if (open === false) {
    const h = s.hoursToday ? ` (hours that day: ${s.hoursToday.open ?? '?'}–${s.hoursToday.close ?? '?'})` : ' (closed that day)';
    s.blockers.push(`The store is closed ${when}${h}: RetailNext accepts occupancy corrections only within store hours.`);
  } else if (open === null) {
    s.notes.push('The cache has no store hours for this day, so the console cannot check them: RetailNext accepts corrections only within store hours and will refuse one outside them. Sync the store hours to check before sending.');
  }
}
