/**
 * FPA floorplans, derived on demand from the estate: most stores have one floorplan with a zone per
 * sublocation (so locations created at runtime get zones too). Coordinates in cm, area in cm².
 */
import type { Estate, Store, Sublocation } from '../../estate/types';
import { FIXED_STORES } from '../../estate/fixtures';
import { hashInts, hashString, unit, uuidFromInts } from '../../estate/rng';
import { indexOf } from './estateIndex';

export interface FpaZone {
  id: string;
  name: string;
  type: 'fpa' | 'staff';
  location_id: string;
  location_name: string;
  area: number;
  dwell_time_threshold_ms: number;
  zone_threshold_mm: number;
  points: { x: number; y: number }[];
}

export interface FpaFloorplan {
  id: string;
  name: string;
  store_id: string;
  store_name: string;
  zones: FpaZone[];
}

/** The doc's stores all have FPA; of the others, one in five has no FPA sensors. */
export function hasFloorplan(store: Store): boolean {
  return store.index < FIXED_STORES.length || hashString(store.uuid) % 5 !== 0;
}

export function floorplanOf(estate: Estate, store: Store): FpaFloorplan | null {
  if (!hasFloorplan(store)) return null;
  const h = hashString(store.uuid);
  const index = indexOf(estate);
  const subs = store.sublocationUuids
    .map((u) => index.location(u))
    .filter((l): l is Sublocation => l !== undefined && l.location_type !== 'store' && l.location_type !== 'region');
  // runtime-created sublocations are not in sublocationUuids: pick them up by store_uuid
  for (const s of estate.sublocations) if (s.store_uuid === store.uuid && !subs.includes(s)) subs.push(s);
  return {
    id: uuidFromInts(h, 0xf9a),
    name: `${store.name} Floorplan`,
    store_id: store.uuid,
    store_name: store.name,
    zones: subs.map((sub, i) => zoneOf(sub, i)),
  };
}

function zoneOf(sub: Sublocation, i: number): FpaZone {
  const h = hashString(sub.uuid);
  const x = 300 + (i % 4) * 450 + unit(h, 1) * 80;
  const y = 300 + Math.floor(i / 4) * 400 + unit(h, 2) * 80;
  const w = 150 + unit(h, 3) * 200;
  const d = 150 + unit(h, 4) * 200;
  const corners = [
    { x, y },
    { x: x + w, y: y + unit(h, 5) * 3 },
    { x: x + w - unit(h, 6) * 4, y: y + d },
    { x: x - unit(h, 7) * 4, y: y + d - unit(h, 8) * 3 },
  ];
  return {
    id: uuidFromInts(h, 0x20e),
    name: sub.name,
    type: sub.location_type === 'other' && hashInts(h, 9) % 3 === 0 ? 'staff' : 'fpa',
    location_id: sub.uuid,
    location_name: sub.name,
    area: polygonArea(corners),
    dwell_time_threshold_ms: [10, 500, 1000, 3000][hashInts(h, 10) % 4] ?? 10,
    zone_threshold_mm: [500, 1000, 1500][hashInts(h, 11) % 3] ?? 1000,
    points: [...corners, corners[0] as { x: number; y: number }],
  };
}

function polygonArea(points: { x: number; y: number }[]): number {
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    const a = points[i] as { x: number; y: number };
    const b = points[(i + 1) % points.length] as { x: number; y: number };
    sum += a.x * b.y - b.x * a.y;
  }
  return Math.abs(sum) / 2;
}

export function allFloorplans(estate: Estate): FpaFloorplan[] {
  const out: FpaFloorplan[] = [];
  for (const s of estate.stores) {
    const fp = floorplanOf(estate, s);
    if (fp) out.push(fp);
  }
  return out;
}

export function floorplanById(estate: Estate, id: string): FpaFloorplan | null {
  for (const s of estate.stores) {
    if (!hasFloorplan(s) || uuidFromInts(hashString(s.uuid), 0xf9a) !== id) continue;
    return floorplanOf(estate, s);
  }
  return null;
}
