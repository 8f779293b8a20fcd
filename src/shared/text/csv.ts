import Papa from 'papaparse';

/**
 * CSV for spreadsheets (RFC 4180), written by papaparse: fields with a comma, quote or line break
 * are quoted, quotes doubled, lines end in CRLF. A text cell starting with = + - @ (or tab / carriage
 * return) would run as a formula in Excel or LibreOffice (CSV injection): papaparse's escapeFormulae
 * prefixes it with a single quote so it shows as text. Numbers stay numbers (a negative number is
 * data, not a formula); a yes/no is written as a word.
 */
export type CsvCell = string | number | boolean | null | undefined;

function plainCell(value: CsvCell): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return value;
}

function unparse(rows: Array<Array<string | number | null>>): string {
  return Papa.unparse(rows, { newline: '\r\n', escapeFormulae: true, header: false });
}

/** One cell as it stands in a CSV line. */
export function csvField(value: CsvCell): string {
  return unparse([[plainCell(value)]]);
}

/** Header line then one line per row, CRLF line ends (what spreadsheets expect). */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  const table = [header.map(plainCell)];
  for (const row of rows) table.push(row.map(plainCell));
  return unparse(table) + '\r\n';
}

/** A file name for an export: letters, digits, dashes, the date. */
export function csvFileName(what: string, now: Date): string {
  const stamp = now.toISOString().slice(0, 16).replace(/[:T]/g, '-');
  return `${what.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-|-$/g, '') || 'export'}-${stamp}.csv`;
}
