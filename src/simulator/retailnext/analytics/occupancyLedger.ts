/** Occupancy adjustments posted through /v1/occupancy/adjust, kept in memory per simulator. */
export interface Adjustment {
  storeUuid: string;
  atMs: number;
  count: number;
}

export class OccupancyLedger {
  private readonly byStore = new Map<string, Adjustment[]>();

  add(adj: Adjustment): void {
    const list = this.byStore.get(adj.storeUuid);
    if (list) list.push(adj);
    else this.byStore.set(adj.storeUuid, [adj]);
  }

  /** Sum of adjustments with fromMs <= at < toMs. */
  sum(storeUuid: string, fromMs: number, toMs: number): number {
    let total = 0;
    for (const a of this.byStore.get(storeUuid) ?? []) if (a.atMs >= fromMs && a.atMs < toMs) total += a.count;
    return total;
  }
}
