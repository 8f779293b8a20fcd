import { formatAgo } from '../../../../shared/time/format';

/** Every cached view says how old its data is. */
export function DataAgeNote({ label, fetchedAt }: { label?: string; fetchedAt: string | null | undefined }) {
  return (
    <span className="data-age small muted" title={fetchedAt ?? undefined} data-testid="data-age">
      {label ?? 'From the cache'}, {fetchedAt ? `fetched ${formatAgo(fetchedAt)}` : 'never synced'}
    </span>
  );
}
