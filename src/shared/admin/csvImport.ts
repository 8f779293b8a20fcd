import Papa from 'papaparse';
import { fieldById, locationFieldIds, parseFieldValue, type FieldValue, type LocationFieldId } from './fields';

/**
 * Reading a bulk-change CSV: the document's example (`site_uuid, occupancy_limit`) generalised to any
 * field the API can update, one column each. The parsing itself (quotes, line ends, the delimiter)
 * is papaparse's; this file checks the columns and each cell, and says in words what is wrong.
 */

/** Names accepted for the column that says which location a row changes. */
export const uuidColumnNames = ['site_uuid', 'location_uuid', 'uuid', 'store_uuid'] as const;
/** The most rows one import takes (a larger file is refused as a whole, before anything is read further). */
export const maxImportRows = 100_000;

export interface ImportRow {
  /** The row's number as a spreadsheet shows it (the header is row 1). */
  row: number;
  uuid: string;
  /** The values to send; a blank cell leaves its field as it is. */
  values: Partial<Record<LocationFieldId, FieldValue>>;
  /** Why this row cannot be sent, when it cannot (an invalid value, a duplicate, no uuid). */
  problem: string | null;
}

export type ImportResult =
  | { ok: true; fields: LocationFieldId[]; rows: ImportRow[]; delimiter: string; notes: string[] }
  | { ok: false; reason: string };

const delimiterNames: Record<string, string> = { ',': 'commas', ';': 'semicolons', '\t': 'tabs', '|': 'vertical bars' };

function normaliseHeader(h: string): string {
  return h.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s-]+/g, '_');
}

export function parseBulkCsv(text: string): ImportResult {
  const notes: string[] = [];
  let body = text;
  if (body.startsWith('\uFEFF')) {
    body = body.slice(1);
    notes.push('The file starts with a byte-order mark (as Excel writes it); it was ignored.');
  }
  if (body.trim() === '') return { ok: false, reason: 'The file is empty.' };
  // Counting line ends first refuses a huge file before papaparse builds every row.
  let lines = 0;
  for (let i = body.indexOf('\n'); i !== -1 && lines <= maxImportRows + 1; i = body.indexOf('\n', i + 1)) lines++;
  if (lines > maxImportRows + 1) return { ok: false, reason: `The file has more than ${maxImportRows.toLocaleString('en-US')} rows; one bulk change takes at most that many. Split the file.` };

  const parsed = Papa.parse<string[]>(body, { header: false, skipEmptyLines: false, delimiter: guessDelimiter(body) });
  const delimiter = parsed.meta.delimiter;
  const table = parsed.data;
  const header = table[0] ?? [];
  const columns = header.map(normaliseHeader);
  const uuidAt = columns.findIndex((c) => (uuidColumnNames as readonly string[]).includes(c));
  const known = new Set<string>(locationFieldIds);
  if (uuidAt === -1) {
    const looksLikeData = header.some((h) => /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(h.trim()));
    return {
      ok: false,
      reason: looksLikeData
        ? 'The first row holds data, not column names. Add a header row such as "site_uuid,occupancy_limit".'
        : header.length <= 1 && delimiter === ','
          ? `The header "${header.join('')}" has one column: the file may use a separator the console does not read. Use commas, semicolons or tabs, with a header such as "site_uuid,occupancy_limit".`
          : `No column names the location: the header needs one of ${uuidColumnNames.join(', ')} (found: ${header.map((h) => `"${h.trim()}"`).join(', ')}).`,
    };
  }
  const fields: Array<{ at: number; id: LocationFieldId }> = [];
  const seenColumns = new Set<string>();
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i]!;
    if (i === uuidAt || (c === '' && table.every((r) => (r[i] ?? '').trim() === ''))) continue;
    if (!known.has(c)) {
      return { ok: false, reason: `Unknown column "${header[i]!.trim()}". The columns RetailNext can update are: ${locationFieldIds.join(', ')}.` };
    }
    if (seenColumns.has(c)) return { ok: false, reason: `The column "${c}" appears twice.` };
    seenColumns.add(c);
    fields.push({ at: i, id: c as LocationFieldId });
  }
  if (fields.length === 0) return { ok: false, reason: `The file names the locations but no field to change. Add a column such as occupancy_limit (any of: ${locationFieldIds.filter((f) => f !== 'parent_uuid').join(', ')}).` };
  if (delimiter !== ',') notes.push(`Read as separated by ${delimiterNames[delimiter] ?? `"${delimiter}"`}.`);
  for (const e of parsed.errors) {
    if (e.code === 'UndetectableDelimiter') continue;
    if (e.type === 'Quotes') return { ok: false, reason: `Row ${(e.row ?? 0) + 1} has a quote that is never closed; check the quotes around that row.` };
  }

  const rows: ImportRow[] = [];
  const firstRowOf = new Map<string, number>();
  const duplicated = new Set<string>();
  for (let r = 1; r < table.length; r++) {
    const cells = table[r]!;
    if (cells.every((c) => c.trim() === '')) continue;
    const row = r + 1;
    const uuid = (cells[uuidAt] ?? '').trim();
    const values: ImportRow['values'] = {};
    const problems: string[] = [];
    if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim() !== '')) {
      problems.push(`It has ${cells.length} cells but the header names ${header.length} columns.`);
    }
    if (uuid === '') problems.push(`No location UUID in the ${header[uuidAt]!.trim()} column.`);
    for (const f of fields) {
      const raw = cells[f.at] ?? '';
      if (raw.trim() === '') continue;
      const v = parseFieldValue(f.id, raw);
      if (v.ok) values[f.id] = v.value;
      else problems.push(v.reason);
    }
    if (problems.length === 0 && Object.keys(values).length === 0) problems.push(`Every ${fields.map((f) => fieldById(f.id).label.toLowerCase()).join(', ')} cell is blank: nothing to change.`);
    if (uuid !== '') {
      if (firstRowOf.has(uuid)) duplicated.add(uuid);
      else firstRowOf.set(uuid, row);
    }
    rows.push({ row, uuid, values, problem: problems.length > 0 ? problems.join(' ') : null });
  }
  if (rows.length === 0) return { ok: false, reason: 'The file has a header but no rows.' };
  // A location changed by two rows is ambiguous: neither is sent.
  if (duplicated.size > 0) {
    const rowsOf = new Map<string, number[]>();
    for (const r of rows) if (duplicated.has(r.uuid)) rowsOf.set(r.uuid, [...(rowsOf.get(r.uuid) ?? []), r.row]);
    for (const r of rows) {
      if (!duplicated.has(r.uuid)) continue;
      const others = rowsOf.get(r.uuid)!.filter((x) => x !== r.row);
      const dup = `The same location is on row${others.length > 1 ? 's' : ''} ${others.join(', ')}: keep one row per location.`;
      r.problem = r.problem ? `${dup} ${r.problem}` : dup;
    }
  }
  return { ok: true, fields: fields.map((f) => f.id), rows, delimiter, notes };
}

/** The separator of the header line: the candidate it holds most of (papaparse's own guess needs several rows). */
function guessDelimiter(body: string): string {
  const end = body.search(/\r?\n/);
  const header = (end === -1 ? body : body.slice(0, end)).replace(/"[^"]*"/g, '');
  let best = ',';
  let most = 0;
  for (const d of [',', ';', '\t', '|']) {
    const n = header.split(d).length - 1;
    if (n > most) {
      most = n;
      best = d;
    }
  }
  return best;
}
