import { formatDateTime } from '../../../../shared/time/format';

/** "5 minutes ago" for a cache timestamp, or "never synced". */
export function ago(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never synced';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return 'unknown';
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}

/** "2026-12-05 20:39:05" in the machine's zone: the console's one 24-hour format (shared/time/format). */
export function formatTime(iso: string | null | undefined): string {
  return formatDateTime(iso, { seconds: true });
}

/** Every cached view says how old its data is. */
export function DataAgeNote({ label, fetchedAt }: { label?: string; fetchedAt: string | null | undefined }) {
  return (
    <span className="data-age small muted" title={fetchedAt ?? undefined} data-testid="data-age">
      {label ?? 'From the cache'}, {fetchedAt ? `fetched ${ago(fetchedAt)}` : 'never synced'}
    </span>
  );
}
