/** How report figures read on screen: n/a for what cannot be computed, "no data" for what is not there. */
export function formatCount(v: number | null): string {
  return v === null ? 'no data' : Math.round(v).toLocaleString('en-US');
}

export function formatAmount(v: number | null): string {
  return v === null ? 'no data' : v.toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });
}

export function formatRatio(v: number | null, digits = 2): string {
  return v === null ? 'n/a' : v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function formatPercent(v: number | null): string {
  return v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`;
}

/** Change from a base period: n/a when the base is missing or zero. */
export function formatChange(now: number | null, base: number | null): string {
  if (now === null || base === null || base === 0) return 'n/a';
  const pct = ((now - base) / base) * 100;
  return `${pct >= 0 ? '+' : ''}${pct.toFixed(1)}%`;
}

export function formatAge(iso: string | null, now: Date): string {
  if (!iso) return 'never synced';
  const min = Math.round((now.getTime() - Date.parse(iso)) / 60_000);
  if (min < 1) return 'synced just now';
  if (min < 60) return `synced ${min} min ago`;
  if (min < 48 * 60) return `synced ${Math.round(min / 60)} h ago`;
  return `synced ${Math.round(min / 1440)} days ago`;
}
