import { AppError } from '../../shared/contract/errors';
import type { ReportNode } from '../../shared/reports/types';
import type { Db } from '../db/open';
import { linkedKey, sourceConnections, type SourceConnection } from './storeLinks';

export interface ReportStore {
  uuid: string;
  name: string;
  storeId: string | null;
  timeZone: string;
  occupancyLimit: number | null;
}

/** A source connection with the stores of a node it covers: its store key -> the store. */
export interface NodeSource extends SourceConnection {
  stores: Map<string, ReportStore>;
}

export const allNodeId = 'all';

/**
 * The store tree reports run over: RetailNext regions and stores from the cache (every RetailNext
 * connection), under one "All stores" root, and the sources (connections) that cover each store.
 */
export class StoreDirectory {
  readonly nodes = new Map<string, ReportNode>();
  private readonly children = new Map<string, string[]>();
  private readonly stores = new Map<string, ReportStore>();
  private readonly connections: SourceConnection[];

  constructor(db: Db) {
    this.connections = sourceConnections(db);
    const rnIds = this.connections.filter((c) => c.vendor === 'retailnext').map((c) => c.connectionId);
    const rows = rnIds.length === 0 ? [] : (db.prepare(
      `SELECT uuid, name, location_type, parent_uuid, store_id, time_zone, occupancy_limit FROM cached_locations
       WHERE connection_id IN (SELECT value FROM json_each(?)) AND location_type IN ('region', 'store') AND archive_date IS NULL ORDER BY name`,
    ).all(JSON.stringify(rnIds)) as Array<{ uuid: string; name: string; location_type: 'region' | 'store'; parent_uuid: string | null; store_id: string | null; time_zone: string | null; occupancy_limit: number | null }>);
    this.nodes.set(allNodeId, { id: allNodeId, name: 'All stores', type: 'all', parentId: null, storeCount: 0 });
    for (const r of rows) {
      this.nodes.set(r.uuid, { id: r.uuid, name: r.name, type: r.location_type, parentId: r.parent_uuid, storeCount: 0 });
      if (r.location_type === 'store') this.stores.set(r.uuid, { uuid: r.uuid, name: r.name, storeId: r.store_id, timeZone: r.time_zone ?? 'UTC', occupancyLimit: r.occupancy_limit });
    }
    for (const node of this.nodes.values()) {
      if (node.id === allNodeId) continue;
      if (!node.parentId || !this.nodes.has(node.parentId)) node.parentId = allNodeId;
      this.children.set(node.parentId, [...(this.children.get(node.parentId) ?? []), node.id]);
    }
    // Which stores Exteros covers: there the view offers 15-minute reports and the hours filter.
    const exterosStores = new Set(this.sourcesFor([...this.stores.values()]).filter((c) => c.vendor === 'exteros').flatMap((c) => [...c.stores.values()].map((s) => s.uuid)));
    for (const node of this.nodes.values()) {
      const under = this.storesUnder(node.id);
      node.storeCount = under.length;
      node.exteros = under.some((s) => exterosStores.has(s.uuid));
    }
  }

  node(id: string): ReportNode {
    const n = this.nodes.get(id);
    if (!n) throw new AppError('not_found', 'This store or region is not in the cache. Sync the RetailNext locations, then pick it again.', id);
    return n;
  }

  storesUnder(id: string): ReportStore[] {
    const out: ReportStore[] = [];
    const walk = (nodeId: string, depth: number) => {
      if (depth > 64) return; // a parent loop in the data must not hang the console
      const store = this.stores.get(nodeId);
      if (store) out.push(store);
      for (const child of this.children.get(nodeId) ?? []) walk(child, depth + 1);
    };
    walk(id, 0);
    return out;
  }

  /** Every connection with the node's stores it covers (connections covering none are left out). */
  sourcesFor(stores: readonly ReportStore[]): NodeSource[] {
    const out: NodeSource[] = [];
    for (const c of this.connections) {
      const keySet = new Set(c.keys);
      const map = new Map<string, ReportStore>();
      for (const s of stores) {
        const key = linkedKey(c, s, keySet);
        if (key !== null && !map.has(key)) map.set(key, s);
      }
      if (map.size > 0) out.push({ ...c, stores: map });
    }
    return out;
  }

  /** The tree as a flat list, parents before children. */
  list(): ReportNode[] {
    const out: ReportNode[] = [];
    const walk = (id: string, depth: number) => {
      const n = this.nodes.get(id);
      if (!n || depth > 64) return;
      out.push(n);
      for (const child of this.children.get(id) ?? []) walk(child, depth + 1);
    };
    walk(allNodeId, 0);
    return out;
  }
}

/** The directory, kept and rebuilt only when locations, connections or store placements have changed. */
export class StoreDirectories {
  private kept: { stamp: string; dir: StoreDirectory } | null = null;

  constructor(private readonly db: Db) {}

  current(): StoreDirectory {
    const db = this.db;
    const placements = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'it_store_links'").get() !== undefined
      ? "(SELECT COUNT(*) || MAX(updated_at) FROM it_store_links)" : "''";
    const stamp = JSON.stringify(db.prepare(
      `SELECT (SELECT group_concat(id) FROM sync_snapshots WHERE state = 'current' AND dataset = 'locations') AS s,
              (SELECT COUNT(*) || MAX(updated_at) FROM connections) AS c, ${placements} AS p`,
    ).get());
    if (this.kept?.stamp === stamp) return this.kept.dir;
    const dir = new StoreDirectory(db);
    this.kept = { stamp, dir };
    return dir;
  }
}
