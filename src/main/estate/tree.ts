import type { Finding } from '../../shared/audit/rules';
import type { DataAge, NodeCounts, NodeKind, StoreTree, TreeNode, VendorLink } from '../../shared/estate/types';
import type { Db } from '../db/open';
import type { EstateModel, LocationRec } from './model';
import { storeLabel } from './names';

const subOrder: Record<string, number> = { entrance: 0, display: 1, fitting_room: 2, other: 3 };
const knownSubKinds: ReadonlySet<string> = new Set(['entrance', 'display', 'fitting_room', 'other']);
const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Devices, open alerts and findings per store uuid ('' = no store). */
export function countsByStore(model: EstateModel, findings: readonly Finding[]): Map<string, NodeCounts> {
  const m = new Map<string, NodeCounts>();
  const at = (uuid: string | null) => {
    const k = uuid ?? '';
    let c = m.get(k);
    if (!c) m.set(k, (c = { devices: 0, openAlerts: 0, findings: 0 }));
    return c;
  };
  for (const c of model.cameras) at(c.storeUuid).devices++;
  for (const a of model.appliances) at(a.storeUuid).devices++;
  for (const a of model.alerts) if (!a.resolved) at(a.storeUuid).openAlerts++;
  for (const f of findings) at(f.storeUuid).findings++;
  return m;
}

export function dataAges(model: EstateModel): DataAge[] {
  const ages: DataAge[] = [];
  for (const c of model.connections.values()) {
    const sets = model.snapshots.get(c.id);
    for (const [dataset, fetchedAt] of sets ?? []) ages.push({ connectionId: c.id, connectionName: c.name, vendor: c.vendor, what: dataset.replace('_', ' '), fetchedAt });
    if (model.kpiFetched.has(c.id)) ages.push({ connectionId: c.id, connectionName: c.name, vendor: c.vendor, what: 'hourly KPIs', fetchedAt: model.kpiFetched.get(c.id) ?? null });
  }
  return ages;
}

/**
 * One tree across vendors: RetailNext regions > stores > sublocations, the Flow codes and Exteros
 * locations placed under them, then an Unplaced node for whatever has no place (stores without a
 * known region, vendor locations not matched, devices and alerts of stores not in the tree).
 */
export function buildTree(model: EstateModel, links: readonly VendorLink[], findings: readonly Finding[], top?: TopParts): StoreTree {
  const counts = top?.counts ?? countsByStore(model, findings);
  const nodes: TreeNode[] = [];
  const push = (n: TreeNode): number => {
    const node: TreeNode = { id: n.id, parent: n.parent, kind: n.kind, name: n.name, keys: n.keys };
    if (n.storeUuid !== undefined) node.storeUuid = n.storeUuid;
    if (n.vendor) node.vendor = n.vendor;
    if (n.counts) node.counts = { ...n.counts };
    if (n.more) node.more = true;
    nodes.push(node);
    return nodes.length - 1;
  };

  const children = new Map<string, LocationRec[]>();
  for (const l of model.locations) {
    const p = l.parentUuid ?? '';
    const list = children.get(p);
    if (list) list.push(l);
    else children.set(p, [l]);
  }
  const linksUnder = new Map<string, VendorLink[]>();
  const unplacedLinks: VendorLink[] = [];
  for (const link of links) {
    if (link.locationUuid && model.locationsByUuid.has(link.locationUuid)) {
      const list = linksUnder.get(link.locationUuid);
      if (list) list.push(link);
      else linksUnder.set(link.locationUuid, [link]);
    } else unplacedLinks.push(link);
  }

  const placed = new Set<string>();
  // Placed vendor locations are words of their store (search finds the store by them) and lines of
  // its panel; only unplaced ones are nodes, so 10,000 stores do not bring 20,000 extra rows.
  const vendorNode = (link: VendorLink, parent: number) =>
    push({ id: `v:${link.connectionId}:${link.key}`, parent, kind: 'vendor_location', name: `${link.vendor === 'flow' ? 'Flow code' : `Exteros ${link.kind}`} ${link.key}`, keys: link.key, vendor: link.vendor });

  const addLocation = (l: LocationRec, parent: number) => {
    if (placed.has(l.uuid)) return;
    placed.add(l.uuid);
    const kind: NodeKind = l.type === 'region' || l.type === 'store' || knownSubKinds.has(l.type) ? (l.type as NodeKind) : 'other';
    const name = `${l.name}${l.archived ? ' (archived)' : ''}${kind === 'other' && l.type !== 'other' ? ` (unknown type ${l.type || 'none'})` : ''}`;
    const storeLinks = linksUnder.get(l.uuid) ?? [];
    const keys = [l.storeId ?? '', ...storeLinks.map((x) => x.key)].filter(Boolean).join(' ');
    const more = top?.more.has(l.uuid) ?? false;
    const at = push({ id: `l:${l.uuid}`, parent, kind, name, keys, more, ...(kind === 'store' ? { storeUuid: l.uuid, counts: counts.get(l.uuid) ?? { devices: 0, openAlerts: 0, findings: 0 } } : {}) });
    const kids = children.get(l.uuid) ?? [];
    const regions = kids.filter((k) => k.type === 'region').sort(byName);
    const stores = kids.filter((k) => k.type === 'store').sort(byName);
    const subs = kids.filter((k) => k.type !== 'region' && k.type !== 'store').sort((a, b) => (subOrder[a.type] ?? 9) - (subOrder[b.type] ?? 9) || byName(a, b));
    for (const k of [...regions, ...stores, ...subs]) addLocation(k, at);
  };

  // Top level: regions whose parent is not a cached region (the subscription itself is not cached).
  const tops = model.locations.filter((l) => l.type === 'region' && !(l.parentUuid && model.locationsByUuid.get(l.parentUuid)?.type === 'region')).sort(byName);
  for (const r of tops) addLocation(r, -1);

  const unplaced = push({ id: 'unplaced', parent: -1, kind: 'unplaced', name: 'Unplaced', keys: '' });
  // Stores whose region is not in the cache, then anything else left over (sublocations of missing stores...).
  for (const l of model.locations.filter((x) => x.type === 'store' && !placed.has(x.uuid)).sort(byName)) addLocation(l, unplaced);
  for (const l of model.locations.filter((x) => !placed.has(x.uuid)).sort(byName)) addLocation(l, unplaced);
  for (const link of unplacedLinks) vendorNode(link, unplaced);
  // Devices and alerts of stores the tree does not have.
  const unknown = [...counts.keys()].filter((uuid) => !(uuid && model.locationsByUuid.get(uuid)?.type === 'store')).sort();
  for (const uuid of unknown) {
    push({ id: `u:${uuid}`, parent: unplaced, kind: 'unknown_store', name: storeLabel(model, uuid), storeUuid: uuid, keys: uuid, counts: counts.get(uuid) });
  }
  if (nodes.length - 1 === unplaced) nodes.pop();

  // Roll counts up: children come after their parents.
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]!;
    if (n.parent < 0 || !n.counts) continue;
    const parent = nodes[n.parent]!;
    const p = (parent.counts ??= { devices: 0, openAlerts: 0, findings: 0 });
    p.devices += n.counts.devices;
    p.openAlerts += n.counts.openAlerts;
    p.findings += n.counts.findings;
  }
  for (const n of nodes) if (n.kind === 'region' || n.kind === 'unplaced') n.counts ??= { devices: 0, openAlerts: 0, findings: 0 };
  const tree: StoreTree = { nodes, links: links.filter((l) => l.source !== 'auto'), ages: dataAges(model), version: model.version };
  if (top) tree.partial = true;
  return tree;
}

/** What the first part of the tree is built from instead of devices and findings. */
export interface TopParts {
  /** Devices and open alerts per store uuid; findings are counted in the full tree. */
  counts: Map<string, NodeCounts>;
  /** Locations whose children (sublocations) are left for the full tree. */
  more: ReadonlySet<string>;
}

/**
 * The part of the tree the first screen shows: regions and stores with their device and open-alert
 * counts, straight from SQL (no device records read, no audit run). Sublocations, vendor
 * placements (and their search words) and audit findings come with the full tree.
 */
export function buildTopTree(db: Db, model: EstateModel): StoreTree {
  const counts = new Map<string, NodeCounts>();
  const at = (uuid: string) => {
    let c = counts.get(uuid);
    if (!c) counts.set(uuid, (c = { devices: 0, openAlerts: 0, findings: 0 }));
    return c;
  };
  const devices = db.prepare("SELECT s, count(*) AS n FROM (SELECT ifnull(store_uuid, '') AS s FROM cached_cameras UNION ALL SELECT ifnull(store_uuid, '') FROM cached_appliances) GROUP BY s").all() as Array<{ s: string; n: number }>;
  for (const r of devices) at(r.s).devices += r.n;
  for (const a of model.alerts) if (!a.resolved) at(a.storeUuid ?? '').openAlerts++;
  const more = new Set(
    // Parents of any location, read from the (snapshot, parent) index alone: a region is among them
    // too, which is harmless (its stores are in this part anyway).
    (db.prepare("SELECT DISTINCT t.parent_uuid AS p FROM cache_locations t JOIN sync_snapshots s ON s.id = t.snapshot_id AND s.state = 'current' WHERE t.parent_uuid IS NOT NULL").all() as Array<{ p: string }>).map((r) => r.p),
  );
  return buildTree(model, [], [], { counts, more });
}
