import { create } from 'zustand';
import type { ContractError } from '../../../../shared/contract/errors';
import { lastWholeDays } from '../../../../shared/storeLayout/measures';
import type { StoreFloorplans, TransitionOptions, ZoneMeasure, ZoneMetrics, ZoneTransitions } from '../../../../shared/storeLayout/types';
import { api, latestCall, type LatestCall } from '../../api/client';

/** What the plan shows over its zones: their kinds, a measure, or the flows between them. */
export type PlanMode = 'zones' | 'measures' | 'flows';

interface Overlay<T> {
  data: T | null;
  loading: boolean;
  error: ContractError | null;
}

interface StoreLayoutState {
  storeUuid: string | null;
  floorplans: StoreFloorplans | null;
  loading: boolean;
  error: ContractError | null;
  /** Which floor is shown, by floorplan id. */
  floorId: string | null;
  selectedZone: string | null;
  hoveredZone: string | null;
  mode: PlanMode;
  range: { from: string; to: string };
  measure: ZoneMeasure;
  options: TransitionOptions;
  metrics: Overlay<ZoneMetrics>;
  transitions: Overlay<ZoneTransitions>;
  /** Counts overlay requests, so a slow answer to an older one is dropped. */
  overlaySeq: number;
  /** The floorplans and the overlay shown: another store, floor, mode, range or option gives up the one still being read, and so does leaving the view. */
  planCalls: LatestCall;
  overlayCalls: LatestCall;
  open(storeUuid: string, refresh?: boolean): Promise<void>;
  showFloor(id: string): void;
  selectZone(id: string | null): void;
  hoverZone(id: string | null): void;
  setMode(mode: PlanMode): void;
  setRange(range: { from: string; to: string }): void;
  setMeasure(measure: ZoneMeasure): void;
  setOptions(options: Partial<TransitionOptions>): void;
  /** Loads what the mode shows for the floor and range (from the core's cache; from RetailNext on refresh). */
  loadOverlay(refresh?: boolean): Promise<void>;
  /** The view is left: the floorplans and overlay still being read are given up. */
  leave(): void;
}

/** Today's date on this computer, yyyy-mm-dd. */
export function localToday(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

const empty = { data: null, loading: false, error: null };

/** The floorplan view's state: the store shown, its floors (cached in the core), the zone picked, the overlay. */
export const useStoreLayout = create<StoreLayoutState>((set, get) => ({
  storeUuid: null,
  floorplans: null,
  loading: false,
  error: null,
  floorId: null,
  selectedZone: null,
  hoveredZone: null,
  mode: 'zones',
  range: lastWholeDays(localToday(), 7),
  measure: 'traffic_in',
  options: { metric: 'all', transitions: 'direct_only', dwells: 'dwells_only' },
  metrics: empty,
  transitions: empty,
  overlaySeq: 0,
  planCalls: latestCall(),
  overlayCalls: latestCall(),
  async open(storeUuid, refresh = false) {
    const same = get().storeUuid === storeUuid;
    set({ storeUuid, loading: true, error: null, ...(same ? {} : { floorplans: null, floorId: null, selectedZone: null, hoveredZone: null, metrics: empty, transitions: empty }) });
    const signal = get().planCalls.next();
    const r = await api.call('storeLayout.floorplans', { storeUuid, refresh }, { signal });
    if (signal.aborted || get().storeUuid !== storeUuid) return;
    if (!r.ok) {
      set({ loading: false, error: r.error });
      return;
    }
    const floorId = get().floorId;
    const keep = r.value.floorplans.some((p) => p.id === floorId);
    set({ loading: false, floorplans: r.value, floorId: keep ? floorId : r.value.floorplans[0]?.id ?? null });
    if (get().mode !== 'zones') await get().loadOverlay(refresh);
  },
  showFloor(id) {
    set({ floorId: id, selectedZone: null, hoveredZone: null });
    void get().loadOverlay();
  },
  selectZone(id) {
    set({ selectedZone: id });
  },
  hoverZone(id) {
    set({ hoveredZone: id });
  },
  setMode(mode) {
    set({ mode });
    void get().loadOverlay();
  },
  setRange(range) {
    set({ range });
    void get().loadOverlay();
  },
  setMeasure(measure) {
    set({ measure });
  },
  setOptions(options) {
    set({ options: { ...get().options, ...options } });
    void get().loadOverlay();
  },
  async loadOverlay(refresh = false) {
    const { storeUuid, floorId, mode, range, options } = get();
    if (!storeUuid || !floorId || mode === 'zones') return;
    const seq = get().overlaySeq + 1;
    const key = mode === 'measures' ? 'metrics' : 'transitions';
    set({ overlaySeq: seq, [key]: { ...get()[key], loading: true, error: null } });
    const q = { storeUuid, floorplanId: floorId, from: range.from, to: range.to, refresh };
    const signal = get().overlayCalls.next();
    const r = mode === 'measures' ? await api.call('storeLayout.zoneMetrics', q, { signal }) : await api.call('storeLayout.transitions', { ...q, ...options }, { signal });
    if (signal.aborted || get().overlaySeq !== seq) return;
    // a failed load keeps nothing of another floor or range: the error says why the plan is plain
    set({ [key]: r.ok ? { data: r.value, loading: false, error: null } : { data: null, loading: false, error: r.error } });
  },
  leave() {
    get().planCalls.stop();
    get().overlayCalls.stop();
    // What was being read is read again when the view is opened again.
    set((s) => ({ loading: false, metrics: { ...s.metrics, loading: false }, transitions: { ...s.transitions, loading: false } }));
  },
}));

/** `#floorplan/<store uuid>`: the store whose floorplan is shown. */
export function storeFromFloorplanHash(): string | null {
  const m = /^#floorplan\/([^/]+)/.exec(window.location.hash);
  return m ? decodeURIComponent(m[1]!) : null;
}
