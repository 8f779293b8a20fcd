// How RetailNext renders a location node (field order follows the documents' examples).

import type { Location } from '../estate/types';

export const EXTRA_FIELDS = [
  'store.time_zone',
  'store.store_id',
  'store.pos_id',
  'store.pos_division_id',
  'store.staff_hour_id',
  'store.occupancy_limit',
] as const;
export type ExtraField = (typeof EXTRA_FIELDS)[number];

export function locationNode(loc: Location, extra: readonly ExtraField[] = []): Record<string, unknown> {
  const node: Record<string, unknown> = {};
  if (loc.location_type === 'store') {
    for (const f of extra) {
      const key = f.slice('store.'.length) as 'time_zone' | 'store_id' | 'pos_id' | 'pos_division_id' | 'staff_hour_id' | 'occupancy_limit';
      node[key] = loc[key];
    }
  }
  node.location_type = loc.location_type;
  if (loc.location_type !== 'store' && loc.location_type !== 'region') {
    node.aggregate_to_parent = loc.aggregate_to_parent;
    node.aggregate_to_store = loc.aggregate_to_store;
  }
  node.area = loc.area;
  node.uuid = loc.uuid;
  node.parent_uuid = loc.parent_uuid;
  node.name = loc.name;
  node.type = 'location';
  node.archive_date = loc.archive_date;
  return node;
}
