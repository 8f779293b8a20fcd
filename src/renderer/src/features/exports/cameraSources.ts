import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ContractError } from '../../../../shared/contract/errors';
import type { ConnectionView } from '../../../../shared/connections/types';
import type { VideoSources } from '../../../../shared/exports/types';
import { api } from '../../api/client';
import { useConnectivity } from '../../ui/connectivity';
import { useExports } from './store';

/** A connection's camera list as the tree shows it, and where it came from. */
export interface CameraList {
  connection: ConnectionView;
  /** The list shown: the newer of the cached and the vendor's; null while neither has come. */
  sources: VideoSources | null;
  fromCache: boolean;
  /** Why RetailNext could not be asked (the cached list, if any, is shown meanwhile). */
  refreshError: ContractError | null;
  /** Still asking the cache, or RetailNext while online and nothing is shown. */
  reading: boolean;
  /** Asks RetailNext again (its list is otherwise kept a few minutes). */
  refresh(): Promise<void>;
}

/**
 * The cameras of each RetailNext connection for the live wall and the export form: first the list
 * the last sync cached (through the read worker, so it is there offline), then, when this computer is
 * online, the list RetailNext gives now (exports.sources); the newer of the two is shown.
 */
export function useCameraLists(connections: readonly ConnectionView[]): CameraList[] {
  const { sources, loadSources } = useExports();
  const browserOffline = useConnectivity((s) => s.browserOffline);
  const [cached, setCached] = useState<Record<string, VideoSources | null>>({});
  const [errors, setErrors] = useState<Record<string, ContractError | null>>({});

  // Each effect's reads are given up when the view is left or the connections change.
  useEffect(() => {
    const shown = new AbortController();
    for (const c of connections) {
      void api.call('inventory.videoSources', { connectionId: c.id }, { signal: shown.signal }).then((res) => {
        if (!shown.signal.aborted) setCached((m) => ({ ...m, [c.id]: res.ok ? res.value : null }));
      });
    }
    return () => shown.abort();
  }, [connections]);

  const ask = useCallback(
    (connectionId: string, again: boolean, signal?: AbortSignal) =>
      loadSources(connectionId, again, signal).then((err) => {
        if (signal?.aborted) return;
        setErrors((e) => ({ ...e, [connectionId]: err }));
        if (err) useConnectivity.getState().reportFailure(connectionId, err);
      }),
    [loadSources],
  );

  useEffect(() => {
    if (browserOffline) return;
    const shown = new AbortController();
    for (const c of connections) void ask(c.id, false, shown.signal);
    return () => shown.abort();
  }, [connections, ask, browserOffline]);

  return useMemo(
    () =>
      connections.map((connection) => {
        const fromVendor = sources[connection.id] ?? null;
        const fromCache = cached[connection.id] ?? null;
        const useCache = fromCache !== null && (fromVendor === null || fromCache.fetchedAt > fromVendor.fetchedAt);
        const refreshError = errors[connection.id] ?? null;
        const reading = !(connection.id in cached) || (!browserOffline && !(connection.id in errors) && fromVendor === null);
        return { connection, sources: useCache ? fromCache : fromVendor, fromCache: useCache, refreshError, reading, refresh: () => ask(connection.id, true) };
      }),
    [connections, sources, cached, errors, browserOffline, ask],
  );
}
