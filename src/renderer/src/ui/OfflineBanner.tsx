import { useConnectivity } from './connectivity';
import { DataAge } from './DataAge';
import { groupOfflineReasons, listNames, withoutCannotBeReached } from './offlineReasons';

export interface OfflineBannerProps {
  /** Fetch again what failed (shown once the network is back). */
  onRefresh(): void;
  /** Probe the vendors now (shown while they are unreachable). */
  onCheck?(): void;
  checking?: boolean;
  /** The names of the connections that cannot be reached, to say which (else "the vendors"). */
  nameOf?(connectionId: string): string | undefined;
  /** Each connection's vendor ("Flow"), to tell causes that differ only in the vendor's name from different causes. */
  vendorOf?(connectionId: string): string | undefined;
}

/**
 * The console-wide notice that vendors cannot be reached and views show cached data; once the
 * network is back it offers to refresh. It sits in the flow at the top of the page (it pushes the
 * view down, never covers its title or controls), says which connections, and can be hidden: the
 * outage is then said once, while the sidebar's dot beside Sync stays. Renders nothing while all is well.
 */
export function OfflineBanner({ onRefresh, onCheck, checking, nameOf, vendorOf }: OfflineBannerProps) {
  const { unreachable, browserOffline, back, hidden, hide } = useConnectivity();
  if (!unreachable && !browserOffline) return null;
  const hideButton = (
    <button onClick={hide} title="The dot beside Sync in the sidebar stays while this lasts">
      Hide
    </button>
  );
  if (back) {
    return (
      <div className="offline-banner back" role="status" data-testid="offline-banner">
        <span>The network is back. The views still show the data cached before the outage.</span>
        <span className="offline-banner-actions">
          <button className="primary" onClick={onRefresh}>
            Refresh now
          </button>
          {hideButton}
        </span>
      </div>
    );
  }
  if (hidden !== null && hidden === (browserOffline ? 'browser' : unreachable?.since)) return null;
  const causes = unreachable ? groupOfflineReasons(unreachable.connectionIds.map((id) => ({ id, name: nameOf?.(id), vendor: vendorOf?.(id), message: unreachable.errors[id]?.message ?? '' }))) : [];
  // One cause (one connection, or several failing alike) reads as one sentence; several causes get a line each, naming whom.
  const one = causes.length <= 1 ? causes[0] : undefined;
  const who = one ? (one.names.length > 0 ? listNames(one.names) : 'The vendors') : `${unreachable?.connectionIds.length ?? 0} connections`;
  return (
    <div className="offline-banner" role="status" data-testid="offline-banner">
      <div>
        <strong>{browserOffline ? 'This computer is offline.' : `${who} cannot be reached.`}</strong> Views show the data from the cache
        {unreachable && (
          <>
            {' '}(unreachable since <DataAge fetchedAt={unreachable.since} label="" staleAfterHours={1e9} />){one ? `: ${withoutCannotBeReached(one)}` : '.'}
          </>
        )}
        {unreachable && !one && (
          <ul className="offline-banner-reasons" aria-label="Why each connection cannot be reached">
            {causes.map((c) => (
              <li key={c.ids.join(' ')}>
                {c.names.length > 0 ? <strong>{listNames(c.names)}: </strong> : null}
                {c.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      <span className="offline-banner-actions">
        {onCheck && !browserOffline && (
          <button onClick={onCheck} disabled={checking}>
            {checking ? 'Checking…' : 'Check again'}
          </button>
        )}
        {hideButton}
      </span>
    </div>
  );
}
