import { create } from 'zustand';
import type { AlertFilter, AlertList, AlertRow } from '../../../../shared/alerts/types';
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
  /** The new alerts have been looked at (clears the badge). */
  markSeen(): Promise<void>;
  /** Acknowledges one alert in this console, or takes it back. */
  acknowledgeOne(a: AlertRow, acknowledged: boolean): Promise<void>;
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

  async markSeen() {
    const result = await api.call('alerts.markSeen', {});
    if (result.ok) set({ badge: 0 });
  },

  async acknowledgeOne(a, acknowledged) {
    const result = await api.call('alerts.acknowledge', { connectionId: a.connectionId, uuid: a.uuid, acknowledged });
    if (!result.ok) return set({ error: result.error });
    const acknowledgedAt = result.value.acknowledgedAt;
    set((s) => (s.list ? { error: null, list: { ...s.list, alerts: s.list.alerts.map((x) => (x.uuid === a.uuid && x.connectionId === a.connectionId ? { ...x, acknowledgedAt } : x)) } } : {}));
  },
}));

/** Opens the Alerts view on one alert (all statuses, so a resolved one is found too). */
export function openAlert(uuid: string): void {
  useAlerts.setState({ focus: uuid, filter: { status: 'all' } });
  window.location.hash = '#alerts';
}
