import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { followBrowserConnectivity, useConnectivity } from '../../ui/connectivity';
import { OfflineBanner } from '../../ui/OfflineBanner';
import { followSync, useSync } from './store';

/**
 * Beside "Sync" in the sidebar, so it is always mounted: a dot while syncs run or the vendors are
 * unreachable, and the console-wide offline banner (rendered at the top of the page). While the
 * vendors are unreachable it checks them again every `recheckMs`.
 */
export function SyncBadge({ recheckMs = 30_000 }: { recheckMs?: number }) {
  const running = useSync((s) => Object.keys(s.progress).length > 0 || (s.status?.running.length ?? 0) > 0);
  const checking = useSync((s) => s.checking);
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
      {typeof document !== 'undefined' &&
        createPortal(
          <OfflineBanner onRefresh={() => void useSync.getState().refreshFailed()} onCheck={() => void useSync.getState().checkConnectivity()} checking={checking} />,
          document.body,
        )}
    </>
  );
}
