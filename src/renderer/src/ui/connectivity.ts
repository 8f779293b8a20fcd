import { create } from 'zustand';
import type { ContractError } from '../../../shared/contract/errors';

/**
 * Whether the vendors can be reached, as far as the renderer knows: a sync or a call that failed
 * with the typed `offline` error marks them unreachable; the browser's own online/offline events
 * and a successful check mark them back. Any view can read it (OfflineBanner says it, once per outage).
 */
export interface ConnectivityState {
  /** Set while the vendors are known unreachable: since when, which connections (in the order they failed), and what each said last. */
  unreachable: { since: string; connectionIds: string[]; errors: Record<string, ContractError> } | null;
  /** The browser says this computer has no network at all. */
  browserOffline: boolean;
  /** The network came back after an outage: time to offer a refresh. */
  back: boolean;
  /** The outage the user hid the notice of (its `since`, or 'browser' for the browser's own offline); it says each outage once. */
  hidden: string | null;
  hide(): void;
  reportFailure(connectionId: string, error: ContractError): void;
  reportReachable(connectionId: string): void;
  markBack(): void;
  clear(): void;
}

export const isOfflineError = (e: ContractError | null | undefined): e is ContractError => e?.code === 'offline';

export const useConnectivity = create<ConnectivityState>((set) => ({
  unreachable: null,
  browserOffline: typeof navigator !== 'undefined' && navigator.onLine === false,
  back: false,
  hidden: null,

  hide() {
    set((s) => (s.back ? { back: false, unreachable: null, hidden: null } : { hidden: s.browserOffline ? 'browser' : (s.unreachable?.since ?? null) }));
  },

  reportFailure(connectionId, error) {
    if (!isOfflineError(error)) return;
    set((s) => ({
      back: false,
      unreachable: {
        since: s.unreachable?.since ?? new Date().toISOString(),
        connectionIds: [...new Set([...(s.unreachable?.connectionIds ?? []), connectionId])],
        errors: { ...s.unreachable?.errors, [connectionId]: error },
      },
    }));
  },

  reportReachable(connectionId) {
    set((s) => {
      if (!s.unreachable) return {};
      const rest = s.unreachable.connectionIds.filter((id) => id !== connectionId);
      if (rest.length === 0) return { unreachable: null, back: false, hidden: null };
      const errors = { ...s.unreachable.errors };
      delete errors[connectionId];
      return { unreachable: { ...s.unreachable, connectionIds: rest, errors } };
    });
  },

  markBack() {
    set((s) => (s.unreachable || s.browserOffline ? { back: true, browserOffline: false } : { browserOffline: false }));
  },

  clear() {
    set({ unreachable: null, back: false, hidden: null });
  },
}));

/** Follows the browser's online/offline events; returns the unsubscribe. */
export function followBrowserConnectivity(): () => void {
  const offline = () => useConnectivity.setState({ browserOffline: true, back: false });
  const online = () => {
    if (useConnectivity.getState().hidden === 'browser') useConnectivity.setState({ hidden: null });
    useConnectivity.getState().markBack();
  };
  window.addEventListener('offline', offline);
  window.addEventListener('online', online);
  return () => {
    window.removeEventListener('offline', offline);
    window.removeEventListener('online', online);
  };
}
