import type { Vendor } from '../../shared/connections/types';
import type { Db } from '../db/open';

/**
 * Which Flow store code and which Exteros location belong to a RetailNext store: where the user
 * placed it in the IT views (`it_store_links`, which wins, including "not placed"), else the
 * automatic mapping the estates follow: Flow code = the RetailNext store_id, Exteros location =
 * the slug of the RetailNext store name (or slug-store_id when two stores share a name).
 * Everything else asks this one module.
 */
export interface StoreIdentity {
  uuid: string;
  name: string;
  storeId: string | null;
}

export interface SourceConnection {
  vendor: Vendor;
  connectionId: string;
  connectionName: string;
  /** Flow: the currency its sales are in, as set on the connection (null = not said) */
  currency: string | null;
  /** the keys this connection stores KPIs under (`kpi_hourly.store_key`) */
  keys: string[];
  /** vendor key -> RetailNext store uuid (null = "not placed"), as the user set it */
  placed: Map<string, string | null>;
}

export function slug(name: string): string {
  return name.toLowerCase().replace(/#/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** The store key of a RetailNext store in a Flow or Exteros connection, or null when it has none there. */
export function linkedKey(source: SourceConnection, store: StoreIdentity, keySet: ReadonlySet<string>): string | null {
  if (source.vendor === 'retailnext') return keySet.has(store.uuid) ? store.uuid : null;
  for (const [key, uuid] of source.placed) if (uuid === store.uuid) return key;
  const automatic = automaticKey(source, store, keySet);
  return automatic !== null && !source.placed.has(automatic) ? automatic : null;
}

function automaticKey(source: SourceConnection, store: StoreIdentity, keySet: ReadonlySet<string>): string | null {
  if (source.vendor === 'flow') return store.storeId !== null && keySet.has(store.storeId) ? store.storeId : null;
  if (source.vendor === 'exteros') {
    for (const candidate of [slug(store.name), `${slug(store.name)}-${store.storeId ?? ''}`]) if (keySet.has(candidate)) return candidate;
    return null;
  }
  return keySet.has(store.uuid) ? store.uuid : null;
}

/** Every connection that can feed reports, with the store keys it knows. */
export function sourceConnections(db: Db): SourceConnection[] {
  const rows = db.prepare('SELECT id, vendor, name, settings FROM connections ORDER BY vendor, name, id').all() as Array<{ id: string; vendor: Vendor; name: string; settings: string }>;
  const locationsOf = db.prepare("SELECT uuid FROM cached_locations WHERE connection_id = ? AND location_type = 'store' AND archive_date IS NULL");
  const exterosLocations = db.prepare('SELECT uuid FROM cached_locations WHERE connection_id = ?');
  const hasPlacements = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'it_store_links'").get() !== undefined;
  const placements = hasPlacements ? db.prepare('SELECT vendor_key, store_uuid FROM it_store_links WHERE connection_id = ?') : null;
  return rows.map((r) => {
    let keys: string[] = [];
    let currency: string | null = null;
    if (r.vendor === 'flow') {
      try {
        const settings = JSON.parse(r.settings) as { storeCodes?: unknown; currency?: unknown };
        keys = Array.isArray(settings.storeCodes) ? settings.storeCodes.map(String) : [];
        currency = typeof settings.currency === 'string' ? settings.currency : null;
      } catch {
        keys = [];
      }
    } else if (r.vendor === 'exteros') {
      keys = (exterosLocations.all(r.id) as Array<{ uuid: string }>).map((x) => x.uuid);
    } else {
      keys = (locationsOf.all(r.id) as Array<{ uuid: string }>).map((x) => x.uuid);
    }
    const placed = new Map<string, string | null>();
    if (placements && r.vendor !== 'retailnext') for (const p of placements.all(r.id) as Array<{ vendor_key: string; store_uuid: string | null }>) placed.set(p.vendor_key, p.store_uuid);
    return { vendor: r.vendor, connectionId: r.id, connectionName: r.name, currency, keys, placed };
  });
}
