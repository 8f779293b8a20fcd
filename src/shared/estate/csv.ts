/**
 * CSV for spreadsheets (RFC 4180): fields with a comma, quote or line break are quoted, quotes
 * doubled. A text cell starting with = + - @ (or tab / carriage return) would run as a formula in
 * Excel or LibreOffice (CSV injection): it is prefixed with a single quote so it shows as text.
 * Numbers stay numbers (a negative number is data, not a formula).
 */
export type CsvCell = string | number | boolean | null | undefined;

const formulaStart = /^[=+\-@\t\r]/;

export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let s = typeof value === 'boolean' ? (value ? 'yes' : 'no') : value;
  if (formulaStart.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Header line then one line per row, CRLF line ends (what spreadsheets expect). */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** A file name for an export: letters, digits, dashes, the date. */
export function csvFileName(what: string, now: Date): string {
  const stamp = now.toISOString().slice(0, 16).replace(/[:T]/g, '-');
  return `${what.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-|-$/g, '') || 'export'}-${stamp}.csv`;
}
