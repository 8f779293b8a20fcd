import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvField, csvFileName, toCsv } from '../../src/shared/text/csv';
import { applyInventoryView, inventoryCsvRows, type InventoryTable } from '../../src/shared/inventory/query';

describe('CSV for spreadsheets', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(true)).toBe('yes');
  });

  it('defuses formulas: text starting with = + - @ tab or CR is prefixed with a quote, and quoted', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvField('+1-555')).toBe(`"'+1-555"`);
    expect(csvField('-2+3')).toBe(`"'-2+3"`);
    expect(csvField('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvField('\t=1')).toBe(`"'\t=1"`);
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
    // Only the first character counts: an = inside the text is plain text.
    expect(csvField('a=b')).toBe('a=b');
    // Numbers are data: a negative number stays a number.
    expect(csvField(-5)).toBe('-5');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('writes a header and CRLF lines, and names files safely', () => {
    expect(toCsv(['A', 'B'], [['1', '=x'], [null, 'a,b']])).toBe(`A,B\r\n1,"'=x"\r\n,"a,b"\r\n`);
    expect(toCsv(['A'], [])).toBe('A\r\n');
    expect(csvFileName('inventory cameras/../x', new Date('2026-01-02T03:04:05Z'))).toBe('inventory-cameras-x-2026-01-02-03-04.csv');
  });

  it('reads back as the same cells (a spreadsheet sees each value whole, a formula as text)', () => {
    const rows = [['Denver, Union St', 'say "hi"', 'two\nlines', '=1+1', '-x', 12.5, -3, true, null]];
    const parsed = Papa.parse<string[]>(toCsv(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'], rows), { skipEmptyLines: true }).data;
    expect(parsed).toEqual([
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'],
      ['Denver, Union St', 'say "hi"', 'two\nlines', "'=1+1", "'-x", '12.5', '-3', 'yes', ''],
    ]);
  });

  it('exports exactly the rows and columns of a view, formatted as shown', () => {
    const table: InventoryTable = {
      kind: 'cameras',
      columns: ['store', 'device_name', 'traffic_lines', 'direction_line', 'store_uuid'],
      rows: [
        ['A, Inc', '=cmd', 2, true, 's1'],
        ['B', 'Door', 0, false, 's2'],
        ['A, Inc', 'Aisle', 1, null, 's1'],
      ],
      fetchedAt: null,
    };
    const view = { search: '', filters: { traffic_lines: '>0' }, sort: { column: 'device_name', desc: false }, columns: ['store', 'device_name', 'direction_line'] };
    const shown = applyInventoryView(table, view, new Set(['s1']));
    // '=' sorts before letters.
    expect(shown).toEqual([0, 2]);
    const { header, rows } = inventoryCsvRows(table, view, shown);
    expect(toCsv(header, rows)).toBe(`Store,Name,Direction line\r\n"A, Inc","'=cmd",yes\r\n"A, Inc",Aisle,\r\n`);
  });
});
