import { AppError } from '../../shared/contract/errors';
import { boardPolicy, crossings } from '../../shared/occupancyBoard/policy';
import type { BoardConnectionError, BoardReading, BoardRefresh } from '../../shared/occupancyBoard/types';
import { zoneOffsetMs } from '../../shared/time/zoneOffset';
import type { ConnectionsService } from '../connections/service';
import type { CoreContext } from '../core/context';
import { runPool } from '../vendors/http/pool';
import { openAt } from '../estate/storeHours';
import { RetailNextClient } from '../vendors/retailnext/client';
import { readSplittingRefusals, type GroupOutcome } from './refusals';

interface BoardStore {
  uuid: string;
  name: string;
  time_zone: string | null;
  occupancy_limit: number;
}

type CurrentOccupancy = Awaited<ReturnType<RetailNextClient['currentOccupancy']>>;

/**
 * The live occupancy board: every cached RetailNext store with an occupancy limit, its current
 * occupancy read from datamine in the `time_zone: local` form. Keeps which stores have already
 * notified for passing their limit (per core, so a reload of the window does not notify again).
 */
export class OccupancyBoardService {
  private readonly notified = new Set<string>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly connections: ConnectionsService,
  ) {}

  /** `signal` is the call's: a cancelled refresh stops its requests, answers "cancelled" and notifies nobody. */
  async refresh(signal?: AbortSignal): Promise<BoardRefresh> {
    const readAt = this.ctx.now();
    const readings: BoardReading[] = [];
    const errors: BoardConnectionError[] = [];
    let requests = 0;
    let storesWithoutLimit = 0;
    for (const connection of this.connections.list().filter((c) => c.vendor === 'retailnext')) {
      const stores = this.ctx.db
        .prepare(
          `SELECT uuid, name, time_zone, occupancy_limit FROM cached_locations
            WHERE connection_id = ? AND location_type = 'store' AND archive_date IS NULL AND occupancy_limit IS NOT NULL ORDER BY name`,
        )
        .all(connection.id) as BoardStore[];
      storesWithoutLimit += (
        this.ctx.db
          .prepare(`SELECT count(*) AS n FROM cached_locations WHERE connection_id = ? AND location_type = 'store' AND archive_date IS NULL AND occupancy_limit IS NULL`)
          .get(connection.id) as { n: number }
      ).n;
      if (stores.length === 0) continue;
      try {
        const client = new RetailNextClient(await this.connections.targetOf(connection.id, signal));
        const batches: BoardStore[][] = [];
        for (let i = 0; i < stores.length; i += boardPolicy.storesPerRequest) batches.push(stores.slice(i, i + boardPolicy.storesPerRequest));
        const budget = { requests: boardPolicy.refusalSplitRequests };
        const outcomes = new Map<BoardStore[], Array<GroupOutcome<BoardStore, CurrentOccupancy>>>();
        await runPool(batches, boardPolicy.concurrentRequests, async (batch, stop) => {
          const read = (group: BoardStore[]) => {
            requests++;
            return client.currentOccupancy(group.map((s) => s.uuid), { signal: stop });
          };
          outcomes.set(batch, await readSplittingRefusals(batch, read, budget));
        }, signal);
        for (const batch of batches) {
          const hours = (store: BoardStore) => openAt(this.ctx.db, connection.id, store.uuid, store.time_zone, readAt.getTime());
          for (const o of outcomes.get(batch)!) readings.push(...('answer' in o ? toReadings(connection.id, o.stores, o.answer, readAt, hours) : refusedReadings(connection.id, o.stores, o.refused, readAt)));
        }
      } catch (e) {
        if (signal?.aborted) throw e;
        const err = e instanceof AppError ? e : new AppError('internal', 'The current occupancy could not be read.', String(e));
        errors.push({ connectionId: connection.id, connectionName: connection.name, code: err.code, message: err.message });
      }
    }
    const passed = crossings(readings, this.notified);
    if (passed.length > 0) this.announce(passed);
    return { readAt: readAt.toISOString(), readings, storesWithoutLimit, requests, errors };
  }

  private announce(passed: BoardReading[]): void {
    const stores = passed.map((r) => ({ connectionId: r.connectionId, storeUuid: r.storeUuid, name: r.name, occupancy: r.occupancy!, limit: r.limit! }));
    this.ctx.emit('occupancyBoard.overLimit', { stores });
    const first = stores[0]!;
    const body = stores.length === 1 ? `${first.name}: ${first.occupancy} people, limit ${first.limit}` : `${stores.length} stores, e.g. ${first.name}: ${first.occupancy} people, limit ${first.limit}`;
    try {
      this.ctx.shell.notify?.(stores.length === 1 ? 'Store over its occupancy limit' : 'Stores over their occupancy limit', body);
    } catch (e) {
      this.ctx.log.log('warn', 'occupancy board: desktop notification failed', { error: String(e) });
    }
  }
}

/** Why a store has no reading, from its cached hours: closed now, open (so RetailNext owes one), or hours not cached. */
function noReadingNote(store: ReturnType<typeof openAt>): string {
  const today = store.hours?.open && store.hours.close ? `today ${store.hours.open}–${store.hours.close}` : null;
  if (store.open === false) return `Closed now (${today ? `open ${today}` : 'no hours today'}): RetailNext reads no occupancy outside store hours.`;
  if (store.open === true) return `No reading now, though the store is open (${today ?? 'by its cached hours'}): RetailNext gave nothing for it.`;
  return "No reading now: RetailNext counts occupancy within store hours only, and this store's hours are not in the cache (sync Store hours).";
}

function toReadings(connectionId: string, batch: BoardStore[], answer: CurrentOccupancy, readAt: Date, hoursOf: (store: BoardStore) => ReturnType<typeof openAt>): BoardReading[] {
  const byUuid = new Map(answer.map((a) => [a.storeUuid, a]));
  return batch.map((store) => {
    const a = byUuid.get(store.uuid);
    const occupancy = a?.occupancy ?? null;
    const limit = a?.limit ?? null;
    let note: string | null = null;
    if (!a) note = noReadingNote(hoursOf(store));
    else if (limit === null) note = `RetailNext's answer has no occupancy limit (the cached store says ${store.occupancy_limit}).`;
    else if (occupancy === null) note = 'RetailNext gave no current occupancy.';
    return reading(connectionId, store, occupancy, limit, readAt, note);
  });
}

/** Stores whose reading RetailNext refused: on the board all the same, with its refusal in its own words. */
function refusedReadings(connectionId: string, stores: BoardStore[], refused: AppError, readAt: Date): BoardReading[] {
  const said = refused.detail ?? refused.message;
  const note = stores.length === 1 ? `RetailNext refused this store's current occupancy: ${said}` : `RetailNext refused the current occupancy of ${stores.length} stores asked together, this one among them: ${said}`;
  return stores.map((store) => reading(connectionId, store, null, null, readAt, note));
}

function reading(connectionId: string, store: BoardStore, occupancy: number | null, limit: number | null, readAt: Date, note: string | null): BoardReading {
  return {
    connectionId,
    storeUuid: store.uuid,
    name: store.name,
    timeZone: store.time_zone,
    occupancy,
    limit,
    cachedLimit: store.occupancy_limit,
    share: occupancy !== null && limit !== null && limit > 0 ? occupancy / limit : null,
    readAt: readAt.toISOString(),
    localTime: localTime(readAt.getTime(), store.time_zone),
    note,
  };
}

function localTime(ms: number, timeZone: string | null): string | null {
  if (!timeZone) return null;
  try {
    return new Date(ms + zoneOffsetMs(timeZone, ms)).toISOString().slice(0, 16).replace('T', ' ');
  } catch {
    return null;
  }
}
