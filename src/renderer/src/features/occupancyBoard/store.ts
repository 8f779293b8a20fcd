import { create } from 'zustand';
import type { ContractError } from '../../../../shared/contract/errors';
import { sortByShare } from '../../../../shared/occupancyBoard/policy';
import type { BoardRefresh, BoardReading, OverLimitEvent } from '../../../../shared/occupancyBoard/types';
import { api } from '../../api/client';
import { useConnectivity } from '../../ui/connectivity';

/** Today's readings of one store, as the board read them: [instant ms, occupancy]. */
export interface StoreCurve {
  /** The store's local date the points belong to; a new day starts a new curve. */
  day: string;
  points: Array<[number, number]>;
}

/** A day of readings a minute apart is 1,440 points; more than that is never kept. */
const maxPoints = 1_440;

export interface BoardState {
  readings: BoardReading[];
  last: Omit<BoardRefresh, 'readings'> | null;
  curves: Record<string, StoreCurve>;
  passed: Array<{ at: string; stores: OverLimitEvent['stores'] }>;
  refreshing: boolean;
  error: ContractError | null;
  /** `signal`: the board's loop gives the refresh up when the board is left or paused. */
  refresh(signal?: AbortSignal): Promise<void>;
  notePassed(e: OverLimitEvent): void;
}

export const readingKey = (r: { connectionId: string; storeUuid: string }) => `${r.connectionId}|${r.storeUuid}`;

export function addReadings(curves: Record<string, StoreCurve>, readings: readonly BoardReading[]): Record<string, StoreCurve> {
  const next = { ...curves };
  for (const r of readings) {
    if (r.occupancy === null) continue;
    const day = r.localTime?.slice(0, 10) ?? r.readAt.slice(0, 10);
    const key = readingKey(r);
    const prev = next[key];
    const points = prev && prev.day === day ? prev.points.slice(-(maxPoints - 1)) : [];
    points.push([Date.parse(r.readAt), r.occupancy]);
    next[key] = { day, points };
  }
  return next;
}

export const useBoard = create<BoardState>((set, get) => ({
  readings: [],
  last: null,
  curves: {},
  passed: [],
  refreshing: false,
  error: null,

  async refresh(signal) {
    if (get().refreshing) return;
    set({ refreshing: true });
    const r = await api.call('occupancyBoard.refresh', {}, { signal });
    if (signal?.aborted) {
      set({ refreshing: false });
      return;
    }
    if (!r.ok) {
      set({ refreshing: false, error: r.error });
      return;
    }
    const { readings, ...last } = r.value;
    const connectivity = useConnectivity.getState();
    for (const e of last.errors) connectivity.reportFailure(e.connectionId, { code: e.code, message: e.message });
    for (const id of new Set(readings.map((x) => x.connectionId))) connectivity.reportReachable(id);
    set((s) => ({ refreshing: false, error: null, readings: sortByShare(readings), last, curves: addReadings(s.curves, readings) }));
  },

  notePassed(e) {
    set((s) => ({ passed: [{ at: new Date().toISOString(), stores: e.stores }, ...s.passed].slice(0, 20) }));
  },
}));
