import type { VendorLink } from '../../shared/estate/types';
import type { EstateModel, LocationRec, VendorLocationRec } from './model';

/** Lower case, runs of anything but letters and digits as one dash: "Oak Plaza #116" -> "oak-plaza-116". */
export function slug(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/#/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const trimZeros = (code: string) => code.trim().replace(/^0+(?=.)/, '');

interface StoreIndex {
  byCode: Map<string, LocationRec>;
  bySlug: Map<string, LocationRec>;
  regionsBySlug: Map<string, LocationRec>;
}

function indexStores(model: EstateModel): StoreIndex {
  const byCode = new Map<string, LocationRec>();
  const bySlug = new Map<string, LocationRec>();
  const regionsBySlug = new Map<string, LocationRec>();
  for (const l of model.locations) {
    if (l.type === 'store') {
      if (l.storeId) byCode.set(trimZeros(l.storeId), l);
      bySlug.set(slug(l.name), l);
    } else if (l.type === 'region') {
      regionsBySlug.set(slug(l.name), l);
    }
  }
  return { byCode, bySlug, regionsBySlug };
}

/**
 * Places every Flow store code and Exteros location under a RetailNext location. The user's choice
 * wins; otherwise Flow codes match a store's id (leading zeros ignored), Exteros stores match a
 * store's name as a slug ("Madison Ave Store" = "madison-ave-store", or with the store id
 * appended), Exteros zones follow their parent location, Exteros regions match region names.
 */
export function matchVendorLocations(model: EstateModel): VendorLink[] {
  const idx = indexStores(model);
  const exterosPlaced = new Map<string, LocationRec>();
  const links: VendorLink[] = [];
  const place = (v: VendorLocationRec, auto: { loc: LocationRec; reason: string } | null): VendorLink => {
    const base = { connectionId: v.connectionId, vendor: v.vendor, key: v.key, kind: v.kind };
    const manualKey = `${v.connectionId}|${v.key}`;
    if (model.manualLinks.has(manualKey)) {
      const uuid = model.manualLinks.get(manualKey) ?? null;
      const loc = uuid ? model.locationsByUuid.get(uuid) : undefined;
      if (uuid === null) return { ...base, locationUuid: null, source: 'manual', reason: 'Left unplaced by you.' };
      return { ...base, locationUuid: uuid, source: 'manual', reason: loc ? `Placed under ${loc.name} by you.` : 'Placed by you under a store that is no longer in the cache.' };
    }
    if (!auto) return { ...base, locationUuid: null, source: 'none', reason: 'No RetailNext store matches its code or name.' };
    return { ...base, locationUuid: auto.loc.uuid, source: 'auto', reason: auto.reason };
  };

  const exteros = model.vendorLocations.filter((v) => v.vendor === 'exteros');
  const isZone = (v: VendorLocationRec) => v.kind === 'zone';
  const isRegion = (v: VendorLocationRec) => v.kind === 'region';
  // Stores (and popups, and unknown types) first, so that zones can follow their parent.
  for (const v of exteros.filter((x) => !isZone(x) && !isRegion(x))) {
    let auto: { loc: LocationRec; reason: string } | null = null;
    const s = slug(v.key);
    const byName = idx.bySlug.get(s);
    if (byName) auto = { loc: byName, reason: `Its name matches the store name "${byName.name}".` };
    else {
      const m = /^(.*)-(\d+)$/.exec(s);
      const byCode = m ? idx.byCode.get(trimZeros(m[2]!)) : undefined;
      if (byCode && slug(byCode.name) === m![1]) auto = { loc: byCode, reason: `Its name is the store name "${byCode.name}" with store id ${byCode.storeId}.` };
    }
    const link = place(v, auto);
    links.push(link);
    const loc = link.locationUuid ? model.locationsByUuid.get(link.locationUuid) : undefined;
    if (loc) exterosPlaced.set(`${v.connectionId}|${v.key}`, loc);
  }
  for (const v of exteros.filter(isZone)) {
    const parent = v.parent ? exterosPlaced.get(`${v.connectionId}|${v.parent}`) : undefined;
    links.push(place(v, parent ? { loc: parent, reason: `A zone of Exteros location ${v.parent}, placed under ${parent.name}.` } : null));
  }
  for (const v of exteros.filter(isRegion)) {
    const region = idx.regionsBySlug.get(slug(v.key).replace(/^region-/, ''));
    links.push(place(v, region ? { loc: region, reason: `Its name matches the region "${region.name}".` } : null));
  }
  for (const v of model.vendorLocations.filter((x) => x.vendor === 'flow')) {
    const store = idx.byCode.get(trimZeros(v.key));
    links.push(place(v, store ? { loc: store, reason: `Flow store code ${v.key} is the store id of ${store.name}.` } : null));
  }
  return links;
}
