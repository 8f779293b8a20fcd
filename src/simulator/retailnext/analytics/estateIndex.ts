/** Location lookups for the analytics endpoints, over the estate's own (mutation-aware) index. */
import { hashString } from '../../estate/rng';
import { findLocation, findStore, storesUnder } from '../../estate/lookup';
import type { Estate, Location, Store, Sublocation } from '../../estate/types';

export interface LocationShare {
  store: Store;
  /** fraction of the store's traffic that passes this location */
  weight: number;
}

export interface EstateIndex {
  location(uuid: string): Location | undefined;
  store(uuid: string): Store | undefined;
  /** The stores (with traffic shares) a location's metrics aggregate. */
  shares(loc: Location): LocationShare[];
}

export function indexOf(estate: Estate): EstateIndex {
  return {
    location: (uuid) => findLocation(estate, uuid),
    store: (uuid) => findStore(estate, uuid),
    shares(loc) {
      switch (loc.location_type) {
        case 'store':
          return [{ store: loc, weight: 1 }];
        case 'region':
          return storesUnder(estate, loc.uuid).map((store) => ({ store, weight: 1 }));
        default:
          return sublocationShare(loc, findStore(estate, loc.store_uuid));
      }
    },
  };
}

function sublocationShare(sub: Sublocation, store: Store | undefined): LocationShare[] {
  if (!store) return [];
  if (sub.location_type === 'entrance') {
    return [{ store, weight: 1 / Math.max(1, store.entranceUuids.length) }];
  }
  // displays, fitting rooms and other zones see a steady fraction of the store's visitors
  const weight = 0.15 + ((hashString(sub.uuid) % 1000) / 1000) * 0.35;
  return [{ store, weight }];
}
