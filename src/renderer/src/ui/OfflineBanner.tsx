import { useConnectivity } from './connectivity';
import { DataAge } from './DataAge';

export interface OfflineBannerProps {
  /** Fetch again what failed (shown once the network is back). */
  onRefresh(): void;
  /** Probe the vendors now (shown while they are unreachable). */
  onCheck?(): void;
  checking?: boolean;
}

/**
 * The console-wide notice that the vendors cannot be reached and every view shows cached data;
 * once the network is back it offers to refresh. Renders nothing while all is well.
 */
export function OfflineBanner({ onRefresh, onCheck, checking }: OfflineBannerProps) {
  const { unreachable, browserOffline, back } = useConnectivity();
  if (!unreachable && !browserOffline) return null;
  if (back) {
    return (
      <div className="offline-banner back" role="status" data-testid="offline-banner">
        <span>The network is back. The views still show the data cached before the outage.</span>
        <button className="primary" onClick={onRefresh}>
          Refresh now
        </button>
      </div>
    );
  }
  return (
    <div className="offline-banner" role="status" data-testid="offline-banner">
      <span>
        <strong>{browserOffline ? 'This computer is offline.' : 'The vendors cannot be reached.'}</strong> Every view shows the data from the cache
        {unreachable && (
          <>
            {' '}(unreachable since <DataAge fetchedAt={unreachable.since} label="" staleAfterHours={1e9} />): {unreachable.error.message}
          </>
        )}
      </span>
      {onCheck && !browserOffline && (
        <button onClick={onCheck} disabled={checking}>
          {checking ? 'Checking…' : 'Check again'}
        </button>
      )}
    </div>
  );
}
