import { create } from 'zustand';
import type { ContractError } from '../../../../shared/contract/errors';
import type { StoreFloorplans } from '../../../../shared/storeLayout/types';
import { api } from '../../api/client';

interface StoreLayoutState {
  storeUuid: string | null;
  floorplans: StoreFloorplans | null;
  loading: boolean;
  error: ContractError | null;
  /** Which floor is shown, by floorplan id. */
  floorId: string | null;
  selectedZone: string | null;
  hoveredZone: string | null;
  open(storeUuid: string, refresh?: boolean): Promise<void>;
  showFloor(id: string): void;
  selectZone(id: string | null): void;
  hoverZone(id: string | null): void;
}

/** The floorplan view's state: the store shown, its floors (cached in the core), the zone picked. */
export const useStoreLayout = create<StoreLayoutState>((set, get) => ({
  storeUuid: null,
  floorplans: null,
  loading: false,
  error: null,
  floorId: null,
  selectedZone: null,
  hoveredZone: null,
  async open(storeUuid, refresh = false) {
    const same = get().storeUuid === storeUuid;
    set({ storeUuid, loading: true, error: null, ...(same ? {} : { floorplans: null, floorId: null, selectedZone: null, hoveredZone: null }) });
    const r = await api.call('storeLayout.floorplans', { storeUuid, refresh });
    if (get().storeUuid !== storeUuid) return;
    if (!r.ok) {
      set({ loading: false, error: r.error });
      return;
    }
    const floorId = get().floorId;
    const keep = r.value.floorplans.some((p) => p.id === floorId);
    set({ loading: false, floorplans: r.value, floorId: keep ? floorId : r.value.floorplans[0]?.id ?? null });
  },
  showFloor(id) {
    set({ floorId: id, selectedZone: null, hoveredZone: null });
  },
  selectZone(id) {
    set({ selectedZone: id });
  },
  hoverZone(id) {
    set({ hoveredZone: id });
  },
}));

/** `#floorplan/<store uuid>`: the store whose floorplan is shown. */
export function storeFromFloorplanHash(): string | null {
  const m = /^#floorplan\/([^/]+)/.exec(window.location.hash);
  return m ? decodeURIComponent(m[1]!) : null;
}
