import type { Appliance, Camera, Channel, Estate, Location, Region, Store, Sublocation } from './types';

/** Lookup tables over an estate, built once per estate object and kept in step by the mutators below. */
export interface EstateIndex {
  locations: Map<string, Location>;
  storesByUuid: Map<string, Store>;
  storesByFlowCode: Map<string, Store>;
  storesByExterosName: Map<string, Store>;
  /** Exteros zone name -> sublocation (displays are published to Exteros as zones) */
  exterosZones: Map<string, { store: Store; sub: Sublocation }>;
  regionsByExterosName: Map<string, Region>;
  camerasByDeviceId: Map<string, number>;
  channelsByUuid: Map<string, Channel>;
  appliancesById: Map<string, Appliance>;
  appliancesByStore: Map<string, Appliance[]>;
  channelsByStore: Map<string, Channel[]>;
  childrenOf: Map<string, string[]>;
}

const indexes = new WeakMap<Estate, EstateIndex>();

export function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/#/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function exterosZoneName(store: Store, sub: Sublocation): string {
  return `${store.exterosName}-${slug(sub.name)}`;
}

export function estateIndex(estate: Estate): EstateIndex {
  let idx = indexes.get(estate);
  if (idx) return idx;
  idx = {
    locations: new Map(),
    storesByUuid: new Map(),
    storesByFlowCode: new Map(),
    storesByExterosName: new Map(),
    exterosZones: new Map(),
    regionsByExterosName: new Map(),
    camerasByDeviceId: new Map(),
    channelsByUuid: new Map(),
    appliancesById: new Map(),
    appliancesByStore: new Map(),
    channelsByStore: new Map(),
    childrenOf: new Map(),
  };
  for (const r of estate.regions) {
    addLocationToIndex(idx, r);
    idx.regionsByExterosName.set(`region-${slug(r.name)}`, r);
  }
  for (const s of estate.stores) {
    addLocationToIndex(idx, s);
    idx.storesByUuid.set(s.uuid, s);
    idx.storesByFlowCode.set(s.flowCode, s);
    idx.storesByExterosName.set(s.exterosName, s);
  }
  for (const sub of estate.sublocations) {
    addLocationToIndex(idx, sub);
    if (sub.location_type === 'display') {
      const store = idx.storesByUuid.get(sub.store_uuid);
      if (store) idx.exterosZones.set(exterosZoneName(store, sub), { store, sub });
    }
  }
  estate.cameras.forEach((c, i) => idx!.camerasByDeviceId.set(c.device_id, i));
  for (const ch of estate.channels) {
    idx.channelsByUuid.set(ch.channel_uuid, ch);
    pushTo(idx.channelsByStore, ch.store_uuid, ch);
  }
  for (const a of estate.appliances) {
    idx.appliancesById.set(a.appliance_id, a);
    pushTo(idx.appliancesByStore, a.store_uuid, a);
  }
  indexes.set(estate, idx);
  return idx;
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function addLocationToIndex(idx: EstateIndex, loc: Location): void {
  idx.locations.set(loc.uuid, loc);
  pushTo(idx.childrenOf, loc.parent_uuid, loc.uuid);
}

function removeChild(idx: EstateIndex, parent: string, child: string): void {
  const list = idx.childrenOf.get(parent);
  if (!list) return;
  const i = list.indexOf(child);
  if (i >= 0) list.splice(i, 1);
}

export function findLocation(estate: Estate, uuid: string): Location | undefined {
  return estateIndex(estate).locations.get(uuid);
}

export function findStore(estate: Estate, uuid: string): Store | undefined {
  return estateIndex(estate).storesByUuid.get(uuid);
}

export function cameraByDeviceId(estate: Estate, deviceId: string): Camera | undefined {
  const i = estateIndex(estate).camerasByDeviceId.get(deviceId);
  return i === undefined ? undefined : estate.cameras[i];
}

/** The store a location belongs to (itself for a store), if any. */
export function storeOf(estate: Estate, uuid: string): Store | undefined {
  const loc = findLocation(estate, uuid);
  if (!loc) return undefined;
  if (loc.location_type === 'store') return loc;
  if (loc.location_type === 'region') return undefined;
  return findStore(estate, loc.store_uuid);
}

/** Every store under a location (a store itself, or all stores beneath a region), in estate order. */
export function storesUnder(estate: Estate, uuid: string): Store[] {
  const idx = estateIndex(estate);
  const loc = idx.locations.get(uuid);
  if (uuid === estate.subscriptionUuid) return estate.stores;
  if (!loc) return [];
  if (loc.location_type === 'store') return [loc];
  if (loc.location_type !== 'region') return [];
  const out: Store[] = [];
  const stack = [uuid];
  while (stack.length) {
    const id = stack.pop()!;
    for (const child of idx.childrenOf.get(id) ?? []) {
      const c = idx.locations.get(child);
      if (!c) continue;
      if (c.location_type === 'store') out.push(c);
      else if (c.location_type === 'region') stack.push(child);
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

export function addSublocation(estate: Estate, sub: Sublocation): void {
  const idx = estateIndex(estate);
  estate.sublocations.push(sub);
  addLocationToIndex(idx, sub);
  const store = idx.storesByUuid.get(sub.store_uuid);
  if (store) {
    store.sublocationUuids.push(sub.uuid);
    if (sub.location_type === 'entrance') store.entranceUuids.push(sub.uuid);
    if (sub.location_type === 'display') idx.exterosZones.set(exterosZoneName(store, sub), { store, sub });
  }
}

export function addRegion(estate: Estate, region: Region): void {
  const idx = estateIndex(estate);
  estate.regions.push(region);
  addLocationToIndex(idx, region);
  idx.regionsByExterosName.set(`region-${slug(region.name)}`, region);
}

/** Move a location under a new parent, keeping the child lists right. */
export function reparent(estate: Estate, loc: Location, parentUuid: string): void {
  const idx = estateIndex(estate);
  removeChild(idx, loc.parent_uuid, loc.uuid);
  loc.parent_uuid = parentUuid;
  pushTo(idx.childrenOf, parentUuid, loc.uuid);
}

export function childrenOf(estate: Estate, uuid: string): Location[] {
  const idx = estateIndex(estate);
  return (idx.childrenOf.get(uuid) ?? []).map((id) => idx.locations.get(id)).filter((l): l is Location => l !== undefined);
}
