/** How report figures read on screen: n/a for what cannot be computed, "no data" for what is not there. */
export function formatCount(v: number | null): string {
  return v === null ? 'no data' : Math.round(v).toLocaleString('en-US');
}

export function formatAmount(v: number | null): string {
  return v === null ? 'no data' : v.toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });
}

/** "USD" for one currency; several are summed as the vendor sent them, unconverted; none = not set on the Flow connection. */
export function currencyNote(currencies: readonly string[]): string {
  if (currencies.length === 0) return 'currency not set';
  return currencies.length === 1 ? currencies[0]! : `${currencies.join(' + ')}, not converted`;
}

/** An amount in its currency ("$12,345.60", "€12,345.60") when there is exactly one, else the plain amount. */
export function formatMoney(v: number | null, currencies: readonly string[]): string {
  if (v === null || currencies.length !== 1) return formatAmount(v);
  try {
    return v.toLocaleString('en-US', { style: 'currency', currency: currencies[0]!, minimumFractionDigits: 2, maximumFractionDigits: 2 });
  } catch {
    return `${formatAmount(v)} ${currencies[0]}`;
  }
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

