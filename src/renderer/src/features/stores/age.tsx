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

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t).toLocaleString();
}

/** Every cached view says how old its data is. */
export function DataAgeNote({ label, fetchedAt }: { label?: string; fetchedAt: string | null | undefined }) {
  return (
    <span className="data-age small muted" title={fetchedAt ?? undefined} data-testid="data-age">
      {label ?? 'From the cache'}, {fetchedAt ? `fetched ${ago(fetchedAt)}` : 'never synced'}
    </span>
  );
}
