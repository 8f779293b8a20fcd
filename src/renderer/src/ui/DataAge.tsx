import { useEffect, useState } from 'react';
import { formatAgo, formatDateTime } from '../../../shared/time/format';

/** The current time, refreshed every `everyMs`, so ages shown on screen keep counting. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

export interface DataAgeProps {
  /** When the data shown was fetched (ISO); null = never synced. */
  fetchedAt: string | null | undefined;
  /** Older than this is stale: shown in amber. Default 24 h. */
  staleAfterHours?: number;
  /** Words before the age; default "updated". */
  label?: string;
}

/**
 * How old cached data is: `<DataAge fetchedAt={...} />` reads "updated 3 h ago", amber once stale,
 * "never synced" when there is nothing. The exact time is in the tooltip.
 */
export function DataAge({ fetchedAt, staleAfterHours = 24, label = 'updated' }: DataAgeProps) {
  const now = useNow();
  if (!fetchedAt || Number.isNaN(Date.parse(fetchedAt))) {
    return (
      <span className="data-age-tag never" data-testid="data-age" data-stale="true">
        never synced
      </span>
    );
  }
  const stale = now - Date.parse(fetchedAt) > staleAfterHours * 3_600_000;
  return (
    <span className={`data-age-tag${stale ? ' stale' : ''}`} data-testid="data-age" data-stale={String(stale)} title={formatDateTime(fetchedAt, { seconds: true })}>
      {label ? `${label} ` : ''}
      {formatAgo(fetchedAt, now)}
    </span>
  );
}
