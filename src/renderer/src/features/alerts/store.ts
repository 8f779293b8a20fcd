import { create } from 'zustand';
import type { AlertFilter, AlertList } from '../../../../shared/alerts/types';
import type { ContractError } from '../../../../shared/contract/errors';
import { api } from '../../api/client';

interface AlertsState {
  list: AlertList | null;
  loading: boolean;
  error: ContractError | null;
  filter: AlertFilter;
  groupBy: 'store' | 'device' | 'none';
  /** The alert opened from elsewhere (store panel, notification). */
  focus: string | null;
  badge: number;
  load(): Promise<void>;
  setFilter(f: Partial<AlertFilter>): void;
  refreshBadge(): Promise<void>;
  acknowledge(): Promise<void>;
}

export const useAlerts = create<AlertsState>((set, get) => ({
  list: null,
  loading: false,
  error: null,
  filter: { status: 'open' },
  groupBy: 'store',
  focus: null,
  badge: 0,

  async load() {
    set({ loading: true });
    const result = await api.call('alerts.list', get().filter);
    if (result.ok) set({ list: result.value, loading: false, error: null });
    else set({ loading: false, error: result.error });
  },

  setFilter(f) {
    set((s) => ({ filter: { ...s.filter, ...f } }));
    void get().load();
  },

  async refreshBadge() {
    const result = await api.call('alerts.badge', {});
    if (result.ok) set({ badge: result.value.newCount });
  },

  async acknowledge() {
    const result = await api.call('alerts.acknowledge', {});
    if (result.ok) set({ badge: 0 });
  },
}));

/** Opens the Alerts view on one alert (all statuses, so a resolved one is found too). */
export function openAlert(uuid: string): void {
  useAlerts.setState({ focus: uuid, filter: { status: 'all' } });
  window.location.hash = '#alerts';
}
