/**
 * FPA floorplans, derived on demand from the estate. A store with FPA sensors has one floorplan per
 * floor (large stores have two or three), each with tens of zones laid out as a real sales floor:
 * entrances along the front wall, checkout beside them, fitting rooms and staff areas along the back,
 * departments and tables in bays between aisles. The store's sublocations become zones of the ground
 * floor (so locations created at runtime get zones too); the other zones have locations of their own,
 * which `fpaZoneLocation` resolves for datamine and zone transitions. Coordinates in cm, area in cm².
 *
 * Two demo stores carry the documents' awkward cases on purpose: 5th Ave Popup's floorplan has no
 * zones yet, and Stanford Shopping Center's mezzanine has a zone of two points and a self-crossing one.
 */
import type { Estate, Store, Sublocation } from '../../estate/types';
import { FIXED_STORES } from '../../estate/fixtures';
import { hashInts, hashString, unit, uuidFromInts } from '../../estate/rng';
import { childrenOf, findLocation, findStore } from '../../estate/lookup';

export interface FpaPoint {
  x: number;
  y: number;
}

export interface FpaZone {
  id: string;
  name: string;
  type: 'fpa' | 'staff';
  location_id: string;
  location_name: string;
  area: number;
  dwell_time_threshold_ms: number;
  zone_threshold_mm: number;
  points: FpaPoint[];
}

export interface FpaFloorplan {
  id: string;
  name: string;
  store_id: string;
  store_name: string;
  zones: FpaZone[];
}

const SQFT_CM2 = 929.0304;
const AISLE_CM = 160;
const POPUP_STORE = '9c1f2a65-0b7e-11ea-8d71-c0003468a1b2';
const MEZZANINE_STORE = 'a434a682-30a0-11ea-896a-00005f259c6e';

const DEPARTMENTS = [
  'Denim', 'Shoes', 'Accessories', "Women's Tops", "Men's Shirts", 'Outerwear', 'Kids', 'Beauty', 'Home', 'Sale',
  'New Arrivals', 'Knitwear', 'Dresses', 'Suits', 'Sportswear', 'Bags', 'Jewellery', 'Eyewear', 'Lingerie', 'Swimwear',
  'Fragrance', 'Watches', 'Gifts', 'Basics', 'Tailoring', 'Travel', 'Outdoor', 'Kitchen', 'Stationery', 'Toys',
];

/** The doc's stores all have FPA; of the others, one in five has no FPA sensors. */
export function hasFloorplan(store: Store): boolean {
  return store.index < FIXED_STORES.length || hashString(store.uuid) % 5 !== 0;
}

/** How many floors the store's FPA covers: large stores two or three, one in six of the rest two. */
export function floorCount(store: Store): number {
  const h = hashString(store.uuid);
  if ((store.area ?? 0) >= 10_000) return 2 + (h % 2);
  return hashInts(h, 0xf1) % 6 === 0 ? 2 : 1;
}

/** Zones per floor: from 18 to 45, fixed by the store (not its area, so zone ids survive an area change). */
function zoneCount(store: Store, floor: number): number {
  return 18 + (hashInts(hashString(store.uuid), floor, 0x2c) % 28);
}

function floorplanId(store: Store, floor: number): string {
  const h = hashString(store.uuid);
  return floor === 0 ? uuidFromInts(h, 0xf9a) : uuidFromInts(h, 0xf9a, floor);
}

export function floorplansOf(estate: Estate, store: Store): FpaFloorplan[] {
  if (!hasFloorplan(store)) return [];
  const floors = floorCount(store);
  const plans: FpaFloorplan[] = [];
  for (let floor = 0; floor < floors; floor++) {
    plans.push({
      id: floorplanId(store, floor),
      name: floors === 1 ? `${store.name} Floorplan` : `${store.name} Level ${floor + 1}`,
      store_id: store.uuid,
      store_name: store.name,
      zones: store.uuid === POPUP_STORE ? [] : floorZones(estate, store, floor, floors),
    });
  }
  if (store.uuid === MEZZANINE_STORE) plans.push(mezzanine(store));
  return plans;
}

/** The first floorplan (ground floor) of a store, or null. */
export function floorplanOf(estate: Estate, store: Store): FpaFloorplan | null {
  return floorplansOf(estate, store)[0] ?? null;
}

function storeSublocations(estate: Estate, store: Store): Sublocation[] {
  const subs = store.sublocationUuids
    .map((u) => findLocation(estate, u))
    .filter((l): l is Sublocation => l !== undefined && l.location_type !== 'store' && l.location_type !== 'region');
  // sublocations created or moved under the store at runtime: pick them up from its children
  for (const c of childrenOf(estate, store.uuid)) if (c.location_type !== 'store' && c.location_type !== 'region' && !subs.includes(c)) subs.push(c);
  return subs;
}

interface Rect {
  x: number;
  y: number;
  w: number;
  d: number;
}

interface Slot {
  rect: Rect;
  name: string;
  type: 'fpa' | 'staff';
  sub?: Sublocation;
  /** salt for the zone's own id (sublocation zones use the sublocation's uuid) */
  key: number;
}

function floorZones(estate: Estate, store: Store, floor: number, floors: number): FpaZone[] {
  const h = hashString(store.uuid);
  const areaCm2 = ((store.area ?? 4000) * SQFT_CM2) / floors;
  const aspect = 1.2 + unit(h, 0xa5) * 0.6;
  const W = Math.sqrt(areaCm2 * aspect);
  const D = areaCm2 / W;
  const subs = floor === 0 ? storeSublocations(estate, store) : [];
  const entrances = subs.filter((s) => s.location_type === 'entrance');
  const fitting = subs.filter((s) => s.location_type === 'fitting_room');
  const others = subs.filter((s) => s.location_type !== 'entrance' && s.location_type !== 'fitting_room');
  const slots: Slot[] = [];
  let key = 0;

  // front strip (bottom edge): entrances (ground floor) or the escalator and lift lobby, then checkout
  const frontD = Math.min(300, D * 0.14);
  const front: Array<Omit<Slot, 'rect'>> = floor === 0
    ? [...entrances.map((s) => ({ name: s.name, type: 'fpa' as const, sub: s, key: key++ })), { name: 'Checkout', type: 'fpa' as const, key: key++ }]
    : [{ name: 'Escalator', type: 'fpa' as const, key: key++ }, { name: 'Lift Lobby', type: 'fpa' as const, key: key++ }, { name: `Service Desk L${floor + 1}`, type: 'fpa' as const, key: key++ }];
  strip(front, { x: 0, y: D - frontD, w: W, d: frontD }, slots);

  // back strip (top edge): fitting rooms, stockroom and staff room
  const backD = Math.min(320, D * 0.15);
  const back: Array<Omit<Slot, 'rect'>> = [
    ...fitting.map((s) => ({ name: s.name, type: 'fpa' as const, sub: s, key: key++ })),
    ...(fitting.length === 0 && floor === 0 ? [{ name: 'Fitting Rooms', type: 'fpa' as const, key: key++ }] : []),
    { name: floor === 0 ? 'Stockroom' : `Stockroom L${floor + 1}`, type: 'staff' as const, key: key++ },
    ...(floor === 0 ? [{ name: 'Staff Room', type: 'staff' as const, key: key++ }] : []),
  ];
  strip(back, { x: 0, y: 0, w: W, d: backD }, slots);

  // the sales floor between: bays in a grid, aisles between them
  const bays = Math.max(1, zoneCount(store, floor) - slots.length);
  const midY = backD + AISLE_CM;
  const midD = D - frontD - backD - 2 * AISLE_CM;
  const cols = Math.max(1, Math.round(Math.sqrt((bays * W) / Math.max(1, midD))));
  const rows = Math.ceil(bays / cols);
  const bayW = (W - (cols + 1) * AISLE_CM) / cols;
  const bayD = (midD - (rows - 1) * AISLE_CM) / rows;
  const names = departmentNames(h, floor, bays, others);
  let tables = 0;
  for (let i = 0; i < bays; i++) {
    const r = Math.floor(i / cols);
    const c = i % cols;
    const named = names[i]!;
    const name = named.name ?? `Table ${++tables}`;
    slots.push({ rect: { x: AISLE_CM + c * (bayW + AISLE_CM), y: midY + r * (bayD + AISLE_CM), w: bayW, d: bayD }, name, type: 'fpa', sub: named.sub, key: key++ });
  }
  return slots.map((s) => zoneOf(store, floor, s));
}

/** Names of the bays: the store's own display/other sublocations first, then departments, then tables. */
function departmentNames(h: number, floor: number, bays: number, others: Sublocation[]): Array<{ name?: string; sub?: Sublocation }> {
  const out: Array<{ name?: string; sub?: Sublocation }> = others.slice(0, bays).map((s) => ({ name: s.name, sub: s }));
  const start = hashInts(h, floor, 0xde) % DEPARTMENTS.length;
  const departments = Math.round((bays - out.length) * 0.7);
  for (let i = 0; i < departments; i++) {
    const name = DEPARTMENTS[(start + i) % DEPARTMENTS.length]!;
    out.push({ name: i >= DEPARTMENTS.length ? `${name} ${Math.floor(i / DEPARTMENTS.length) + 1}` : name });
  }
  while (out.length < bays) out.push({});
  return out;
}

/** Lays slots side by side across a strip, widths in proportion (checkout and stockroom wider). */
function strip(items: Array<Omit<Slot, 'rect'>>, r: Rect, out: Slot[]): void {
  const weights = items.map((i) => (i.name === 'Checkout' || i.name.startsWith('Stockroom') ? 2 : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const gap = 40;
  let x = r.x + gap;
  const usable = r.w - gap * (items.length + 1);
  items.forEach((item, i) => {
    const w = (usable * weights[i]!) / total;
    out.push({ ...item, rect: { x, y: r.y, w, d: r.d } });
    x += w + gap;
  });
}

function zoneOf(store: Store, floor: number, slot: Slot): FpaZone {
  const h = slot.sub ? hashString(slot.sub.uuid) : hashInts(hashString(store.uuid), floor, slot.key, 0x20e);
  const { x, y, w, d } = slot.rect;
  const j = (k: number) => unit(h, k) * Math.min(20, w * 0.05);
  let corners: FpaPoint[] = [
    { x: x + j(1), y: y + j(2) },
    { x: x + w - j(3), y: y + j(4) },
    { x: x + w - j(5), y: y + d - j(6) },
    { x: x + j(7), y: y + d - j(8) },
  ];
  // one bay in four has a corner cut off (a column, a staircase): six points
  if (!slot.sub && slot.type === 'fpa' && hashInts(h, 0xc0) % 4 === 0 && w > 200 && d > 200) {
    const cx = w * 0.3;
    const cy = d * 0.3;
    const [a, b, c, e] = corners as [FpaPoint, FpaPoint, FpaPoint, FpaPoint];
    corners = [a, { x: b.x - cx, y: b.y }, { x: b.x - cx, y: b.y + cy }, { x: b.x, y: b.y + cy }, c, e];
  }
  const locationId = slot.sub ? slot.sub.uuid : uuidFromInts(h, 0x10c);
  return {
    id: uuidFromInts(h, 0x20e),
    name: slot.name,
    type: slot.type === 'staff' || (slot.sub?.location_type === 'other' && hashInts(h, 9) % 3 === 0) ? 'staff' : 'fpa',
    location_id: locationId,
    location_name: slot.sub ? slot.sub.name : `${slot.name} Zone`,
    area: polygonArea(corners),
    dwell_time_threshold_ms: [10, 500, 1000, 3000][hashInts(h, 10) % 4] ?? 10,
    zone_threshold_mm: [500, 1000, 1500][hashInts(h, 11) % 3] ?? 1000,
    points: [...corners, corners[0] as FpaPoint],
  };
}

/** A mezzanine whose zones were drawn badly in the vendor's tool: the cases a client must survive. */
function mezzanine(store: Store): FpaFloorplan {
  const h = hashString(store.uuid);
  const zone = (k: number, name: string, points: FpaPoint[]): FpaZone => ({
    id: uuidFromInts(h, 0x3e2, k),
    name,
    type: 'fpa',
    location_id: uuidFromInts(h, 0x3e3, k),
    location_name: `${name} Zone`,
    area: polygonArea(points),
    dwell_time_threshold_ms: 500,
    zone_threshold_mm: 1000,
    points,
  });
  const rect = (x: number, y: number, w: number, d: number): FpaPoint[] => [{ x, y }, { x: x + w, y }, { x: x + w, y: y + d }, { x, y: y + d }, { x, y }];
  return {
    id: uuidFromInts(h, 0xf9a, 0x3e),
    name: `${store.name} Mezzanine`,
    store_id: store.uuid,
    store_name: store.name,
    zones: [
      zone(0, 'Cafe', rect(100, 100, 900, 600)),
      zone(1, 'Book Corner', rect(1100, 100, 600, 600)),
      zone(2, 'Terrace Door', [{ x: 100, y: 800 }, { x: 700, y: 800 }]),
      zone(3, 'Seating', [{ x: 1100, y: 800 }, { x: 1700, y: 1300 }, { x: 1700, y: 800 }, { x: 1100, y: 1300 }, { x: 1100, y: 800 }]),
    ],
  };
}

function polygonArea(points: FpaPoint[]): number {
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    const a = points[i] as FpaPoint;
    const b = points[(i + 1) % points.length] as FpaPoint;
    sum += a.x * b.y - b.x * a.y;
  }
  return Math.abs(sum) / 2;
}

/** Every floorplan of the estate as (store, position) pairs, cheap to count and page over. */
export function floorplanRefs(estate: Estate): Array<{ store: Store; at: number }> {
  const out: Array<{ store: Store; at: number }> = [];
  for (const store of estate.stores) {
    if (!hasFloorplan(store)) continue;
    const n = floorCount(store) + (store.uuid === MEZZANINE_STORE ? 1 : 0);
    for (let at = 0; at < n; at++) out.push({ store, at });
  }
  return out;
}

/** The floorplans of a page of refs, each store's floors built once. */
export function floorplansAt(estate: Estate, refs: Array<{ store: Store; at: number }>): FpaFloorplan[] {
  const built = new Map<Store, FpaFloorplan[]>();
  return refs.map(({ store, at }) => {
    let plans = built.get(store);
    if (!plans) built.set(store, (plans = floorplansOf(estate, store)));
    return plans[at]!;
  });
}

export function floorplanById(estate: Estate, id: string): FpaFloorplan | null {
  for (const s of estate.stores) {
    if (!hasFloorplan(s)) continue;
    const ids = Array.from({ length: floorCount(s) }, (_, f) => floorplanId(s, f));
    if (s.uuid === MEZZANINE_STORE) ids.push(uuidFromInts(hashString(s.uuid), 0xf9a, 0x3e));
    if (ids.includes(id)) return floorplansOf(estate, s).find((p) => p.id === id) ?? null;
  }
  return null;
}

/** A zone's own location (not a sublocation of the estate): which store and floorplan it is in. */
export interface FpaZoneLocation {
  store: Store;
  planId: string;
  zone: FpaZone;
}

/**
 * The location of an FPA zone that is not one of the estate's sublocations. Built once per estate
 * over every store's floorplans (zone ids depend on the store only, so they hold while it lives).
 */
export function fpaZoneLocation(estate: Estate, uuid: string): FpaZoneLocation | undefined {
  let map = zoneLocations.get(estate);
  if (!map) {
    map = new Map();
    for (const store of estate.stores) {
      for (const plan of floorplansOf(estate, store)) {
        for (const zone of plan.zones) {
          if (!findLocation(estate, zone.location_id)) map.set(zone.location_id, { storeUuid: store.uuid, planId: plan.id });
        }
      }
    }
    zoneLocations.set(estate, map);
  }
  const hit = map.get(uuid);
  if (!hit) return undefined;
  const store = findStore(estate, hit.storeUuid);
  const plan = store ? floorplansOf(estate, store).find((p) => p.id === hit.planId) : undefined;
  const zone = plan?.zones.find((z) => z.location_id === uuid);
  return store && plan && zone ? { store, planId: plan.id, zone } : undefined;
}

const zoneLocations = new WeakMap<Estate, Map<string, { storeUuid: string; planId: string }>>();
