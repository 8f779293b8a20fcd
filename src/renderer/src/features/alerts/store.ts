import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { readArray, readFields, readNumber, readObject, readOneOf, readString } from '../../../../shared/app/keptShape';
import type { AlertFilter, AlertList, AlertRow } from '../../../../shared/alerts/types';
import type { ContractError } from '../../../../shared/contract/errors';
import { api } from '../../api/client';
import { kept } from '../../ui/keptState';

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

type KeptAlerts = Pick<AlertsState, 'filter' | 'groupBy'>;

export const useAlerts = create<AlertsState>()(persist((set, get) => ({
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
    if (!result.ok) return void set({ error: result.error });
    const acknowledgedAt = result.value.acknowledgedAt;
    set((s) => (s.list ? { error: null, list: { ...s.list, alerts: s.list.alerts.map((x) => (x.uuid === a.uuid && x.connectionId === a.connectionId ? { ...x, acknowledgedAt } : x)) } } : {}));
  },
}), kept<AlertsState, KeptAlerts>({
  name: 'alerts',
  version: 1,
  pick: (s) => ({ filter: s.filter, groupBy: s.groupBy }),
  read: (stored) =>
    readFields<KeptAlerts>(stored, {
      filter: readObject<AlertFilter>({
        severity: readArray(readString, 50),
        types: readArray(readString, 200),
        storeUuids: readArray(readString),
        status: readOneOf(['open', 'resolved', 'all'] as const),
        from: readNumber,
        to: readNumber,
        search: readString,
      }),
      groupBy: readOneOf(['store', 'device', 'none'] as const),
    }),
})));

/** Opens the Alerts view on one alert (all statuses, so a resolved one is found too). */
export function openAlert(uuid: string): void {
  useAlerts.setState({ focus: uuid, filter: { status: 'all' } });
  window.location.hash = '#alerts';
}
