/**
 * Datamine over an FPA zone's location: the zone's visitors (traffic_in) are a stable share of the
 * store's, the share zone transitions let leave it (so flows out of a zone never outnumber its
 * visitors); about 45% of them dwell (the part zone transitions count as "dwells_only"), for a time
 * that suits the zone: seconds at an entrance, minutes in a fitting room.
 */
import { hashInts, hashString, unit } from '../../estate/rng';
import { findLocation, findStore } from '../../estate/lookup';
import type { Estate, Store, Sublocation } from '../../estate/types';
import { floorplansOf, fpaZoneLocation, type FpaZone } from './fpa';
import { zoneShare } from './zoneTransitions';
import { MS } from './zonedTime';

export interface ZoneModel {
  store: Store;
  zone: FpaZone;
  /** The zone's location as datamine names it in a location group. */
  location: Sublocation;
  /** Visitors of the zone per visitor of the store. */
  visitShare: number;
  /** Dwells per visitor of the zone. */
  dwellShare: number;
  /** Mean dwell in seconds for dwells in the 15 minutes from `t`. */
  dwellSeconds(t: number): number;
}

/** The FPA zone whose location this is (a store's sublocation or a zone location of its own), or null. */
export function zoneModelOf(estate: Estate, uuid: string): ZoneModel | null {
  let store: Store | undefined;
  let zone: FpaZone | undefined;
  const own = fpaZoneLocation(estate, uuid);
  if (own) {
    store = own.store;
    zone = own.zone;
  } else {
    const loc = findLocation(estate, uuid);
    if (!loc || loc.location_type === 'store' || loc.location_type === 'region') return null;
    store = findStore(estate, loc.store_uuid);
    zone = store ? floorplansOf(estate, store).flatMap((p) => p.zones).find((z) => z.location_id === uuid) : undefined;
  }
  if (!store || !zone) return null;
  const z = zone;
  const h = hashString(z.id);
  const base = baseDwellSeconds(z);
  return {
    store,
    zone: z,
    location: {
      uuid,
      name: z.location_name,
      location_type: 'other',
      parent_uuid: store.uuid,
      area: null,
      archive_date: null,
      store_uuid: store.uuid,
      aggregate_to_parent: false,
      aggregate_to_store: false,
    },
    visitShare: Math.min(1, zoneShare(z) * 1.15),
    dwellShare: 0.4 + 0.1 * unit(h, 0xd3),
    // longer dwells in the afternoon, a little different each day
    dwellSeconds: (t) => {
      const hour = Math.floor((t % MS.DAY) / MS.HOUR);
      return base * (0.85 + 0.3 * unit(hashInts(h, Math.floor(t / MS.DAY)), hour));
    },
  };
}

function baseDwellSeconds(zone: FpaZone): number {
  const h = hashString(zone.id);
  if (/entrance|escalator|lift/i.test(zone.name)) return 15 + 20 * unit(h, 1);
  if (/checkout/i.test(zone.name)) return 150 + 120 * unit(h, 1);
  if (/fitting/i.test(zone.name)) return 240 + 240 * unit(h, 1);
  if (zone.type === 'staff') return 300 + 300 * unit(h, 1);
  return 45 + 150 * unit(h, 1);
}
