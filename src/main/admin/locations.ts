import { fieldNotApplicable, kindOfType, locationFieldIds, parseFieldValue, type FieldValue, type LocationFieldId, type LocationKind } from '../../shared/admin/fields';
import type { FieldDiff, PlanVerdict } from '../../shared/admin/types';
import type { Db } from '../db/open';

/** A RetailNext location as the cache has it, with the fields the API can change. */
export interface CachedLocation {
  connectionId: string;
  uuid: string;
  name: string;
  type: string;
  kind: LocationKind;
  parentUuid: string | null;
  archived: boolean;
  values: Partial<Record<LocationFieldId, FieldValue | null>>;
}

type Row = { connection_id: string; uuid: string; name: string; location_type: string; parent_uuid: string | null; area: number | null; occupancy_limit: number | null; archive_date: string | null; extra: string | null };

function toCached(r: Row): CachedLocation {
  let extra: Record<string, unknown> = {};
  try {
    extra = r.extra ? (JSON.parse(r.extra) as Record<string, unknown>) : {};
  } catch {
    extra = {};
  }
  const kind = kindOfType(r.location_type);
  const bool = (v: unknown) => (typeof v === 'boolean' ? v : null);
  return {
    connectionId: r.connection_id,
    uuid: r.uuid,
    name: r.name,
    type: r.location_type,
    kind,
    parentUuid: r.parent_uuid,
    archived: r.archive_date !== null,
    values: {
      name: r.name,
      parent_uuid: r.parent_uuid,
      location_type: kind === 'sublocation' ? r.location_type : null,
      area: r.area,
      occupancy_limit: r.occupancy_limit,
      // Not among the fields a locations query can return: unknown to the cache.
      bandwidth_limit_kilobits_per_second: null,
      aggregate_to_parent: bool(extra.aggregate_to_parent),
      aggregate_to_store: bool(extra.aggregate_to_store),
    },
  };
}

const tcols = 'connection_id, uuid, name, location_type, parent_uuid, area, occupancy_limit, archive_date, extra'
  .split(', ')
  .map((c) => `t.${c}`)
  .join(', ');
/**
 * cached_locations by its current snapshots first, so a uuid is a search of the (snapshot, uuid)
 * index: through the view, SQLite scanned every cached location (3.4 ms a lookup on a large estate).
 */
const current = 'FROM sync_snapshots s CROSS JOIN cache_locations t';

/** Cached RetailNext locations by uuid (of one connection), read in slices of a few hundred. */
export function readLocations(db: Db, connectionId: string, uuids: readonly string[]): Map<string, CachedLocation> {
  const out = new Map<string, CachedLocation>();
  const unique = [...new Set(uuids)].filter(Boolean);
  for (let i = 0; i < unique.length; i += 500) {
    const part = unique.slice(i, i + 500);
    const rows = db.prepare(`SELECT ${tcols} ${current} WHERE s.state = 'current' AND t.snapshot_id = s.id AND t.connection_id = ? AND t.uuid IN (${part.map(() => '?').join(',')})`).all(connectionId, ...part) as Row[];
    for (const r of rows) out.set(r.uuid, toCached(r));
  }
  return out;
}

export function readLocation(db: Db, uuid: string): CachedLocation | null {
  // ORDER BY t.rowid: the row the view's scan met first, should two RetailNext connections cache the same uuid.
  const r = db
    .prepare(`SELECT ${tcols} ${current} WHERE s.state = 'current' AND t.snapshot_id = s.id AND t.uuid = ? AND EXISTS (SELECT 1 FROM connections c WHERE c.id = t.connection_id AND c.vendor = 'retailnext') ORDER BY t.rowid LIMIT 1`)
    .get(uuid) as Row | undefined;
  return r ? toCached(r) : null;
}

/** Where a location of this kind may move: regions for a store or a region, stores for a sublocation. */
export function parentKindFor(kind: LocationKind): 'region' | 'store' {
  return kind === 'sublocation' ? 'store' : 'region';
}

/** Whether `ancestor` is `uuid` or above it in the cached tree. */
function isSelfOrBelow(db: Db, connectionId: string, ancestor: string, uuid: string): boolean {
  // cached_locations by its current snapshots first, so each step is a search of the (snapshot, uuid)
  // index: through the view, SQLite scanned every cached location (5 ms a step on a large estate).
  const parent = db.prepare(
    "SELECT t.parent_uuid FROM sync_snapshots s CROSS JOIN cache_locations t WHERE s.state = 'current' AND t.snapshot_id = s.id AND t.uuid = ? AND t.connection_id = ? LIMIT 1",
  );
  let cur: string | null = uuid;
  for (let guard = 0; cur && guard < 64; guard++) {
    if (cur === ancestor) return true;
    cur = (parent.get(cur, connectionId) as { parent_uuid: string | null } | undefined)?.parent_uuid ?? null;
  }
  return false;
}

export interface PlannedRow {
  verdict: PlanVerdict;
  reason: string | null;
  diffs: FieldDiff[];
  /** The body to PUT: the changed fields only. */
  body: Record<string, FieldValue>;
}

/**
 * The dry run of one row: each value checked as the document says (the field applies to this kind
 * of location, a number is a number, a parent is of the right kind), then compared with the cache.
 */
export function planLocationUpdate(db: Db, loc: CachedLocation | undefined, values: Partial<Record<LocationFieldId, FieldValue>>, parents: Map<string, CachedLocation>): PlannedRow {
  const none = { diffs: [], body: {} };
  if (!loc) return { verdict: 'unknown_location', reason: 'This UUID is not among the cached locations of the connection: check it, or sync the locations.', ...none };
  if (loc.archived) return { verdict: 'invalid', reason: 'This location is archived in RetailNext.', ...none };
  const problems: string[] = [];
  const diffs: FieldDiff[] = [];
  const body: Record<string, FieldValue> = {};
  for (const field of locationFieldIds) {
    const raw = values[field];
    if (raw === undefined) continue;
    const notHere = fieldNotApplicable(field, loc.kind);
    if (notHere) {
      problems.push(notHere);
      continue;
    }
    const parsed = parseFieldValue(field, String(raw));
    if (!parsed.ok) {
      problems.push(parsed.reason);
      continue;
    }
    const after = parsed.value;
    if (field === 'parent_uuid') {
      const p = parents.get(String(after));
      const want = parentKindFor(loc.kind);
      if (!p) problems.push(`The new parent ${String(after)} is not among the cached locations.`);
      else if (p.kind !== want) problems.push(`A ${loc.kind} can only move beneath a ${want}; ${p.name} is a ${p.kind}.`);
      else if (isSelfOrBelow(db, loc.connectionId, loc.uuid, p.uuid)) problems.push('A location cannot move beneath itself.');
      if (problems.length > 0) continue;
    }
    const before = loc.values[field] ?? null;
    if (before !== null && before === after) continue;
    diffs.push({ field, before, after });
    body[field] = after;
  }
  if (problems.length > 0) return { verdict: 'invalid', reason: problems.join(' '), ...none };
  if (diffs.length === 0) return { verdict: 'no_change', reason: 'The cache already holds these values.', ...none };
  return { verdict: 'change', reason: null, diffs, body };
}
