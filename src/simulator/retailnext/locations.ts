// Locations: v2 query (extra fields, type filters, 10,000 cap), create, update; v1 list (paged).

import { addRegion, addSublocation, findLocation, reparent } from '../estate/lookup';
import { Rng } from '../estate/rng';
import type { Estate, Location, LocationType, Sublocation, SublocationType } from '../estate/types';
import type { SimContext } from '../http/context';
import { HttpError } from '../http/errors';
import { isRecord, requireObject, sendJson } from '../http/json';
import type { Router } from '../http/router';
import { EXTRA_FIELDS, locationNode, type ExtraField } from './nodes';
import { capV2, sendV1Page, V2_MAX_ENTRIES } from './paging';

const LOCATION_TYPES: LocationType[] = ['display', 'entrance', 'fitting_room', 'other', 'store', 'region'];
const SUB_TYPES: SublocationType[] = ['entrance', 'fitting_room', 'display', 'other'];

type Filter = (loc: Location) => boolean;

function stringList(v: unknown, what: string): string[] {
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new HttpError(400, `${what} must be a list of strings`);
  return v as string[];
}

/** where: { and: [...] } | { or: [...] } | { location_types | uuids | parent_uuids } */
function compileWhere(where: unknown): Filter {
  if (where === undefined || where === null) return () => true;
  if (!isRecord(where)) throw new HttpError(400, 'where must be an object');
  const parts: Filter[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(value)) throw new HttpError(400, `where.${key} must be a list`);
      const subs = value.map(compileWhere);
      parts.push(key === 'and' ? (l) => subs.every((f) => f(l)) : (l) => subs.some((f) => f(l)));
    } else if (key === 'location_types') {
      const types = stringList(value, 'location_types');
      const bad = types.find((t) => !LOCATION_TYPES.includes(t as LocationType));
      if (bad) throw new HttpError(400, `unsupported location type "${bad}" (supported: ${LOCATION_TYPES.join(', ')})`);
      const set = new Set(types);
      parts.push((l) => set.has(l.location_type));
    } else if (key === 'uuids') {
      const set = new Set(stringList(value, 'uuids'));
      parts.push((l) => set.has(l.uuid));
    } else if (key === 'parent_uuids') {
      const set = new Set(stringList(value, 'parent_uuids'));
      parts.push((l) => set.has(l.parent_uuid));
    } else {
      throw new HttpError(400, `unsupported filter "${key}" in where`);
    }
  }
  return (l) => parts.every((f) => f(l));
}

function allLocations(estate: Estate): Location[] {
  return [...estate.regions, ...estate.stores, ...estate.sublocations];
}

function locationAt(estate: Estate, i: number): Location | undefined {
  if (i < estate.regions.length) return estate.regions[i];
  i -= estate.regions.length;
  if (i < estate.stores.length) return estate.stores[i];
  return estate.sublocations[i - estate.stores.length];
}

/** The whole location list as a lazy array-like (the v1 list pages over it without copying 30k nodes). */
function lazyLocations(estate: Estate): readonly Location[] {
  const length = estate.regions.length + estate.stores.length + estate.sublocations.length;
  return {
    length,
    slice(start = 0, end = length) {
      const out: Location[] = [];
      for (let i = Math.max(0, start); i < Math.min(end, length); i++) out.push(locationAt(estate, i)!);
      return out;
    },
  } as unknown as readonly Location[];
}

function parentOf(body: Record<string, unknown>): unknown {
  return body.parent_uuid ?? body.parent_UUID;
}

function checkParent(estate: Estate, type: LocationType, parentUuid: string): void {
  if (type === 'region') {
    if (parentUuid === estate.subscriptionUuid) return;
    const p = findLocation(estate, parentUuid);
    if (!p) throw new HttpError(400, `parent location ${parentUuid} does not exist`);
    if (p.location_type !== 'region') throw new HttpError(400, 'the parent of a region must be another region (or the subscription)');
    return;
  }
  const p = findLocation(estate, parentUuid);
  if (!p) throw new HttpError(400, `parent location ${parentUuid} does not exist`);
  if (type === 'store') {
    if (p.location_type !== 'region') throw new HttpError(400, 'the parent of a store must be a region');
  } else if (p.location_type !== 'store') {
    throw new HttpError(400, 'the parent of a sublocation must be a store');
  }
}

/** Is `ancestor` above `uuid` in the tree? */
function isAncestor(estate: Estate, ancestor: string, uuid: string): boolean {
  for (let cur = findLocation(estate, uuid), guard = 0; cur && guard < 64; cur = findLocation(estate, cur.parent_uuid), guard++) {
    if (cur.parent_uuid === ancestor) return true;
  }
  return false;
}

function optionalNumber(body: Record<string, unknown>, key: string): number | undefined {
  const v = body[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new HttpError(400, `${key} must be a non-negative number`);
  return v;
}

function optionalBool(body: Record<string, unknown>, key: string): boolean | undefined {
  const v = body[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') throw new HttpError(400, `${key} must be true or false`);
  return v;
}

export function register(router: Router, ctx: SimContext): void {
  const { estate } = ctx;
  // UUIDs of created locations: seeded, so a replayed test sees the same ids.
  const ids = new Rng(estate.seed ^ 0x10ca7e);

  router.post('retailnext', '/v2/location', 'locations.query', async (r) => {
    const body = (await r.json()) ?? {};
    if (!isRecord(body)) throw new HttpError(400, 'request body must be a JSON object');
    const extra = body.extra_fields === undefined ? [] : stringList(body.extra_fields, 'extra_fields');
    const badField = extra.find((f) => !EXTRA_FIELDS.includes(f as ExtraField));
    if (badField) throw new HttpError(400, `unsupported extra field "${badField}" (supported: ${EXTRA_FIELDS.join(', ')})`);
    const filter = compileWhere(body.where);
    const out: Record<string, unknown>[] = [];
    // The answer carries 10,000 entries at most (v2 has no paging): stop building there.
    for (const loc of allLocations(estate)) {
      if (!filter(loc)) continue;
      out.push(locationNode(loc, extra as ExtraField[]));
      if (out.length >= V2_MAX_ENTRIES) break;
    }
    sendJson(r.res, 200, { nodes: [capV2(out)] });
  });

  router.post('retailnext', '/v2/location/create', 'locations.create', async (r) => {
    const body = requireObject(await r.json());
    const name = body.name;
    const parent = parentOf(body);
    const type = body.location_type;
    if (typeof name !== 'string' || name.trim() === '') throw new HttpError(400, 'name is required');
    if (typeof parent !== 'string' || parent === '') throw new HttpError(400, 'parent_uuid is required');
    if (typeof type !== 'string') throw new HttpError(400, 'location_type is required');
    if (type === 'store') throw new HttpError(400, 'Creating store locations is not supported through the API');
    if (type !== 'region' && !SUB_TYPES.includes(type as SublocationType)) {
      throw new HttpError(400, `unsupported location_type "${type}" (entrance, fitting_room, display, other or region)`);
    }
    checkParent(estate, type as LocationType, parent);
    const area = optionalNumber(body, 'area');
    if (type === 'region') {
      if (area !== undefined) throw new HttpError(400, 'area only applies to sublocations');
      const region = { uuid: ids.uuid(), name, location_type: 'region' as const, parent_uuid: parent, area: null, archive_date: null };
      addRegion(estate, region);
      sendJson(r.res, 200, locationNode(region));
      return;
    }
    const isEntrance = type === 'entrance';
    const sub: Sublocation = {
      uuid: ids.uuid(),
      name,
      location_type: type as SublocationType,
      parent_uuid: parent,
      area: area ?? null,
      archive_date: null,
      store_uuid: parent,
      aggregate_to_parent: optionalBool(body, 'aggregate_to_parent') ?? isEntrance,
      aggregate_to_store: optionalBool(body, 'aggregate_to_store') ?? isEntrance,
    };
    addSublocation(estate, sub);
    sendJson(r.res, 200, locationNode(sub));
  });

  router.put('retailnext', '/v2/location/:uuid', 'locations.update', async (r) => {
    const loc = findLocation(estate, r.params.uuid ?? '');
    if (!loc) throw new HttpError(404, `location ${r.params.uuid} not found`);
    const body = requireObject(await r.json());
    const known = ['name', 'parent_uuid', 'parent_UUID', 'location_type', 'area', 'occupancy_limit', 'bandwidth_limit_kilobits_per_second', 'aggregate_to_parent', 'aggregate_to_store'];
    const unknown = Object.keys(body).find((k) => !known.includes(k));
    if (unknown) throw new HttpError(400, `unknown field "${unknown}"`);
    const isSub = loc.location_type !== 'store' && loc.location_type !== 'region';
    // Validate everything before changing anything.
    if (body.name !== undefined && (typeof body.name !== 'string' || body.name.trim() === '')) throw new HttpError(400, 'name must be a non-empty string');
    const parent = parentOf(body);
    if (parent !== undefined) {
      if (typeof parent !== 'string') throw new HttpError(400, 'parent_uuid must be a string');
      if (parent === loc.uuid || isAncestor(estate, loc.uuid, parent)) throw new HttpError(400, 'a location cannot move beneath itself');
      checkParent(estate, loc.location_type, parent);
    }
    if (body.location_type !== undefined) {
      if (!isSub || !SUB_TYPES.includes(body.location_type as SublocationType)) {
        throw new HttpError(400, 'location_type can only be changed between entrance, fitting_room, display and other on a sublocation');
      }
    }
    const area = optionalNumber(body, 'area');
    if (area !== undefined && loc.location_type === 'region') throw new HttpError(400, 'area only applies to stores and sublocations');
    const occupancy = optionalNumber(body, 'occupancy_limit');
    if (occupancy !== undefined && (loc.location_type !== 'store' || !Number.isInteger(occupancy))) throw new HttpError(400, 'occupancy_limit is an integer and only applies to stores');
    const bandwidth = optionalNumber(body, 'bandwidth_limit_kilobits_per_second');
    if (bandwidth !== undefined && loc.location_type !== 'store') throw new HttpError(400, 'bandwidth_limit_kilobits_per_second only applies to stores');
    const aggParent = optionalBool(body, 'aggregate_to_parent');
    const aggStore = optionalBool(body, 'aggregate_to_store');
    if ((aggParent !== undefined || aggStore !== undefined) && !isSub) throw new HttpError(400, 'aggregate_to_parent and aggregate_to_store only apply to sublocations');

    if (typeof body.name === 'string') loc.name = body.name;
    if (typeof parent === 'string' && parent !== loc.parent_uuid) {
      reparent(estate, loc, parent);
      if (isSub) (loc as Sublocation).store_uuid = parent;
    }
    if (isSub && body.location_type !== undefined) (loc as Sublocation).location_type = body.location_type as SublocationType;
    if (area !== undefined) loc.area = area;
    if (loc.location_type === 'store') {
      if (occupancy !== undefined) loc.occupancy_limit = occupancy;
      if (bandwidth !== undefined) loc.bandwidth_limit_kilobits_per_second = bandwidth === 0 ? null : bandwidth;
    }
    if (isSub) {
      if (aggParent !== undefined) (loc as Sublocation).aggregate_to_parent = aggParent;
      if (aggStore !== undefined) (loc as Sublocation).aggregate_to_store = aggStore;
    }
    // The docs' update example answers occupancy_limit first for a store.
    sendJson(r.res, 200, locationNode(loc, loc.location_type === 'store' ? ['store.occupancy_limit'] : []));
  });

  router.get('retailnext', '/v1/location', 'locations.list', (r) => {
    sendV1Page(r, lazyLocations(estate), (page) => page.map((l) => locationNode(l, l.location_type === 'store' ? ['store.store_id', 'store.time_zone'] : [])));
  });
}
