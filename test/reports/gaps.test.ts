import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { missingRanges } from '../../src/main/reports/gaps';
import type { KpiRow } from '../../src/main/sync/kpiStore';
import { addDays, daysBetween } from '../../src/shared/reports/time';
import { ids, openTestCache } from './cache';

/** The missing ranges of [from, to] found day by day from a set of held days. */
function rangesFrom(held: ReadonlySet<string>, from: string, to: string): Array<{ from: string; to: string }> {
  const out: Array<{ from: string; to: string }> = [];
  let open: { from: string; to: string } | null = null;
  for (const d of daysBetween(from, to)) {
    if (held.has(d)) open = null;
    else if (open) open.to = d;
    else out.push((open = { from: d, to: d }));
  }
  return out;
}

describe('missing days of a store', () => {
  it('are the days its store-days lack, over month and year boundaries, leap day included', () => {
    const cache = openTestCache();
    const start = '2027-11-20';
    const all = daysBetween(start, addDays(start, 120)); // into 2028, past 29 February
    const heldDays = all.filter((_, i) => i % 7 !== 3 && !(i > 40 && i < 75));
    const rows: KpiRow[] = heldDays.map((day) => ({ storeKey: ids.ny, day, hour: 10, enters: 1, exits: 1 }));
    cache.write(ids.rn, [ids.ny], heldDays, rows);
    const held = new Set(heldDays);
    fc.assert(
      fc.property(fc.integer({ min: -5, max: all.length + 5 }), fc.integer({ min: 0, max: 130 }), (a, n) => {
        const from = addDays(start, a);
        const to = addDays(from, n);
        expect(missingRanges(cache.db, ids.rn, ids.ny, from, to)).toEqual(rangesFrom(held, from, to));
      }),
      { numRuns: 200 },
    );
    expect(missingRanges(cache.db, ids.rn, ids.ny, '2028-01-01', '2028-03-01')).toContainEqual({ from: '2028-01-01', to: '2028-02-02' });
    expect(missingRanges(cache.db, ids.rn, ids.ny, '2028-02-10', '2028-02-01')).toEqual([]);
  });
});
