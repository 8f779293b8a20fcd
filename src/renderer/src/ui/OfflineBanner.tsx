import { useConnectivity } from './connectivity';
import { DataAge } from './DataAge';

export interface OfflineBannerProps {
  /** Fetch again what failed (shown once the network is back). */
  onRefresh(): void;
  /** Probe the vendors now (shown while they are unreachable). */
  onCheck?(): void;
  checking?: boolean;
  /** The names of the connections that cannot be reached, to say which (else "the vendors"). */
  nameOf?(connectionId: string): string | undefined;
}

/**
 * The console-wide notice that vendors cannot be reached and views show cached data; once the
 * network is back it offers to refresh. It sits in the flow at the top of the page (it pushes the
 * view down, never covers its title or controls), says which connections, and can be hidden: the
 * outage is then said once, while the sidebar's dot beside Sync stays. Renders nothing while all is well.
 */
export function OfflineBanner({ onRefresh, onCheck, checking, nameOf }: OfflineBannerProps) {
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
  const reasons = unreachable ? unreachable.connectionIds.map((id) => ({ id, name: nameOf?.(id), message: unreachable.errors[id]?.message ?? '' })) : [];
  // One connection (or several failing for the same reason) reads as one sentence; several reasons get a line each, named.
  const oneReason = new Set(reasons.map((r) => r.message)).size <= 1;
  return (
    <div className="offline-banner" role="status" data-testid="offline-banner">
      <div>
        <strong>{browserOffline ? 'This computer is offline.' : `${oneReason ? who(unreachable?.connectionIds ?? [], nameOf) : `${reasons.length} connections`} cannot be reached.`}</strong> Views show the data from the cache
        {unreachable && (
          <>
            {' '}(unreachable since <DataAge fetchedAt={unreachable.since} label="" staleAfterHours={1e9} />){oneReason ? `: ${reasons[0]?.message ?? ''}` : '.'}
          </>
        )}
        {unreachable && !oneReason && (
          <ul className="offline-banner-reasons" aria-label="Why each connection cannot be reached">
            {reasons.map((r) => (
              <li key={r.id}>
                {r.name ? <strong>{r.name}: </strong> : null}
                {r.message}
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

function who(ids: string[], nameOf: OfflineBannerProps['nameOf']): string {
  const names = ids.map((id) => nameOf?.(id)).filter((n): n is string => Boolean(n));
  if (names.length === 0 || names.length < ids.length) return 'The vendors';
  if (names.length === 1) return names[0]!;
  if (names.length === 2) return `${names[0]} and ${names[1]}`;
  return `${names.length} connections (${names.join(', ')})`;
}
