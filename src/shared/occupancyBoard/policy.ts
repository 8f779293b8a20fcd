/**
 * How the board asks RetailNext. RetailNext documents no request rate for datamine; what it documents
 * is at most 10,000 entries in a v2 answer and, for the endpoints where it names one, 3 concurrent
 * requests per subscription. The board keeps to both: each request carries 2,500 stores (2 metrics,
 * so 5,000 entries), at most 3 are in flight, and a refresh starts a minute after the previous one.
 */
export const boardPolicy = {
  intervalMs: 60_000,
  storesPerRequest: 2_500,
  concurrentRequests: 3,
  /** Extra requests a refresh may spend per connection halving a refused request to find the stores RetailNext refuses. */
  refusalSplitRequests: 32,
  /** Highlighted from this share of the limit. */
  highlightShare: 0.9,
  /** A store that passed its limit notifies again only after falling below this share. */
  rearmShare: 0.9,
} as const;

/** What a manager needs to know of it, in one line (boardPolicyText has the request figures). */
export const boardRefreshText = 'Refreshed every minute while this board is shown and RetailNext can be reached.';

export const boardPolicyText =
  'Refreshed every minute while this board is shown and the connection is online: at most 3 requests at once, 2,500 stores each (RetailNext: at most 10,000 entries per answer, 3 concurrent requests where it sets a limit).';

/** Sorted by share of the limit, fullest first; stores without a share after, by name. */
export function sortByShare<T extends { share: number | null; name: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => {
    if (a.share !== null && b.share !== null) return b.share - a.share || a.name.localeCompare(b.name);
    if (a.share !== null) return -1;
    if (b.share !== null) return 1;
    return a.name.localeCompare(b.name);
  });
}

/**
 * Which stores passed their limit now and should notify: once when occupancy goes over the limit,
 * then not again until it has fallen below `rearmShare` of it. `disarmed` holds the stores that
 * notified and have not fallen back yet; it is updated in place.
 */
export function crossings<T extends { connectionId: string; storeUuid: string; occupancy: number | null; limit: number | null }>(readings: readonly T[], disarmed: Set<string>): T[] {
  const out: T[] = [];
  for (const r of readings) {
    if (r.occupancy === null || r.limit === null || r.limit <= 0) continue;
    const key = `${r.connectionId}|${r.storeUuid}`;
    if (r.occupancy > r.limit) {
      if (!disarmed.has(key)) {
        disarmed.add(key);
        out.push(r);
      }
    } else if (r.occupancy < r.limit * boardPolicy.rearmShare) {
      disarmed.delete(key);
    }
  }
  return out;
}
