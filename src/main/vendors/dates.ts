/** Calendar helpers on plain `yyyy-mm-dd` strings (no time zone games: days are labels). */

export function localDate(d: Date): string {
  const y = d.getFullYear();
  const m = String(d.getMonth() + 1).padStart(2, '0');
  const day = String(d.getDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

export function addDays(day: string, n: number): string {
  const t = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Splits [from, to] into consecutive spans of at most `size` days. */
export function daySpans(from: string, to: string, size: number): Array<{ first: string; last: string }> {
  const out: Array<{ first: string; last: string }> = [];
  for (let first = from; first <= to; first = addDays(first, size)) {
    const last = addDays(first, size - 1);
    out.push({ first, last: last < to ? last : to });
  }
  return out;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export const isoDay = /^\d{4}-\d{2}-\d{2}$/;
