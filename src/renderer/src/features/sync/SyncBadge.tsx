import { useEffect } from 'react';
import { followBrowserConnectivity, useConnectivity } from '../../ui/connectivity';
import { followSync, useSync } from './store';

/**
 * Beside "Sync" in the sidebar, so it is always mounted: a dot while syncs run or the vendors are
 * unreachable (the words are OfflineNotice's, at the top of the page). While the vendors are
 * unreachable it checks them again every `recheckMs`.
 */
export function SyncBadge({ recheckMs = 30_000 }: { recheckMs?: number }) {
  const running = useSync((s) => Object.keys(s.progress).length > 0 || (s.status?.running.length ?? 0) > 0);
  const { unreachable, browserOffline, back } = useConnectivity();

  useEffect(() => followSync(), []);
  useEffect(() => followBrowserConnectivity(), []);
  useEffect(() => {
    if (!unreachable || back || browserOffline) return;
    const timer = setInterval(() => void useSync.getState().checkConnectivity(), recheckMs);
    return () => clearInterval(timer);
  }, [unreachable, back, browserOffline, recheckMs]);

  const offline = Boolean(unreachable) || browserOffline;
  return (
    <>
      {(running || offline) && (
        <span className={`sync-dot${offline ? ' offline' : ''}`} title={offline ? 'Vendors unreachable: showing cached data' : 'Sync running'} aria-label={offline ? 'offline' : 'sync running'} />
      )}
    </>
  );
}
