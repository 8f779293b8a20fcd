import type { BulkRowInput } from '../../shared/admin/contract';
import { locationFieldIds, type FieldValue, type LocationFieldId } from '../../shared/admin/fields';
import type { FieldDiff, PlanVerdict } from '../../shared/admin/types';
import type { Db } from '../db/open';
import { planLocationUpdate, readLocations } from './locations';

/** Rows of a bulk change's draft to check against the cache (a part of a CSV file, a selection, an edit). */
export interface DraftCheckInput {
  connectionId: string;
  bulkId: number;
  fields: LocationFieldId[];
  rows: BulkRowInput[];
}

/**
 * The checked rows, as the JSON text of [row, uuid, name, kind, verdict, reason, diffs as JSON]
 * arrays in the order they came: the core writes them with one statement (draftRowsSql) without
 * parsing them.
 */
export interface DraftCheck {
  rows: string;
}

/**
 * Appends a DraftCheck's rows to a draft: (bulk id, bulk id, DraftCheck.rows, bulk id), as
 * better-sqlite3 takes no numbered parameter. The next seq and the draft's
 * state are read in the writer's own transaction: nothing is added to a bulk confirmed meanwhile
 * (no row of a confirmed bulk without its change log entry), and parts never share a seq.
 */
export const draftRowsSql = `INSERT INTO admin_bulk_rows (bulk_id, seq, row, uuid, name, kind, verdict, reason, diffs)
  SELECT ?, (SELECT ifnull(max(seq), 0) FROM admin_bulk_rows WHERE bulk_id = ?) + f.key + 1, f.value ->> 0, f.value ->> 1, f.value ->> 2, f.value ->> 3, f.value ->> 4, f.value ->> 5, f.value ->> 6
  FROM json_each(?) AS f
  WHERE EXISTS (SELECT 1 FROM admin_bulks WHERE id = ? AND state = 'draft')`;

/**
 * The dry run of a draft's rows: each checked against the cached locations (and the rows already in
 * the draft: a location twice is refused). Reads only, so the admin read lane runs it: a part of
 * 2,000 rows reads thousands of cached locations.
 */
export function checkDraftRows(db: Db, input: DraftCheckInput): DraftCheck {
  const rows = input.rows;
  const wanted = rows.flatMap((r) => [r.uuid.trim(), ...(typeof r.values.parent_uuid === 'string' ? [r.values.parent_uuid.trim()] : [])]);
  const cached = readLocations(db, input.connectionId, wanted);
  // A location already in the draft (an earlier part of the same file) is a duplicate too, and one on an earlier row of this part.
  const earlier = new Set<string>();
  const uuids = [...new Set(rows.map((r) => r.uuid.trim()).filter(Boolean))];
  for (let i = 0; i < uuids.length; i += 500) {
    const part = uuids.slice(i, i + 500);
    for (const r of db.prepare(`SELECT uuid FROM admin_bulk_rows WHERE bulk_id = ? AND uuid IN (${part.map(() => '?').join(',')})`).all(input.bulkId, ...part) as Array<{ uuid: string }>) earlier.add(r.uuid);
  }
  const out: Array<[number | null, string, string | null, string | null, PlanVerdict, string | null, string]> = [];
  for (const r of rows) {
    const uuid = r.uuid.trim();
    const loc = cached.get(uuid);
    const values: Partial<Record<LocationFieldId, FieldValue>> = {};
    for (const f of locationFieldIds) if (r.values[f] !== undefined && input.fields.includes(f)) values[f] = r.values[f]!;
    let verdict: PlanVerdict;
    let reason: string | null;
    let diffs: FieldDiff[] = [];
    if (r.problem) {
      verdict = 'invalid';
      reason = r.problem;
    } else if (earlier.has(uuid)) {
      verdict = 'invalid';
      reason = 'The same location is on an earlier row: keep one row per location.';
    } else {
      const plan = planLocationUpdate(db, loc, values, cached);
      verdict = plan.verdict;
      reason = plan.reason;
      diffs = plan.diffs;
    }
    out.push([r.row, uuid, loc?.name ?? null, loc?.kind ?? null, verdict, reason, JSON.stringify(diffs)]);
    // And one earlier in this same part (a caller other than the CSV import, which flags its own):
    // a confirm links each row to its location's entry (admin/bulk.ts).
    if (uuid) earlier.add(uuid);
  }
  return { rows: JSON.stringify(out) };
}
