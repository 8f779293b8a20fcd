import { describe, expect, it } from 'vitest';
import { maxImportRows, parseBulkCsv } from '../../src/shared/admin/csvImport';

const a = '18ef3a2e-cc3f-11e6-8d5c-0000124e6871';
const b = 'ff94800e-7c5f-11e6-8056-c000704d0145';

function ok(text: string) {
  const r = parseBulkCsv(text);
  if (!r.ok) throw new Error(r.reason);
  return r;
}

describe('reading a bulk-change CSV', () => {
  it('the document\'s own example (a space after the comma in the header)', () => {
    const r = ok(`site_uuid, occupancy_limit\n${a},40\n${b},35\n`);
    expect(r.fields).toEqual(['occupancy_limit']);
    expect(r.rows).toEqual([
      { row: 2, uuid: a, values: { occupancy_limit: 40 }, problem: null },
      { row: 3, uuid: b, values: { occupancy_limit: 35 }, problem: null },
    ]);
  });

  it('a wrong header is refused as a whole, saying which columns exist', () => {
    const r = parseBulkCsv(`site_uuid,occupancy\n${a},40\n`);
    expect(r).toEqual({ ok: false, reason: expect.stringContaining('Unknown column "occupancy"') });
    expect((r as { reason: string }).reason).toContain('occupancy_limit');
    expect(parseBulkCsv(`${a},40\n${b},35\n`)).toEqual({ ok: false, reason: expect.stringContaining('The first row holds data, not column names') });
    expect(parseBulkCsv('store,limit\nx,1\n')).toEqual({ ok: false, reason: expect.stringContaining('No column names the location') });
    expect(parseBulkCsv('')).toEqual({ ok: false, reason: 'The file is empty.' });
    expect(parseBulkCsv('site_uuid,occupancy_limit\n')).toEqual({ ok: false, reason: 'The file has a header but no rows.' });
  });

  it('another delimiter: semicolons and tabs are read (and said), an unknown one is refused', () => {
    const semi = ok(`site_uuid;occupancy_limit\n${a};40\n`);
    expect(semi.rows[0]!.values).toEqual({ occupancy_limit: 40 });
    expect(semi.notes).toContain('Read as separated by semicolons.');
    expect(ok(`site_uuid\toccupancy_limit\n${a}\t41\n`).rows[0]!.values).toEqual({ occupancy_limit: 41 });
    const colon = parseBulkCsv(`site_uuid:occupancy_limit\n${a}:40\n`);
    expect(colon.ok).toBe(false);
  });

  it('a byte-order mark (Excel\'s UTF-8) is ignored', () => {
    const r = ok(`\uFEFFsite_uuid,occupancy_limit\r\n${a},40\r\n`);
    expect(r.rows[0]).toMatchObject({ uuid: a, values: { occupancy_limit: 40 } });
    expect(r.notes[0]).toMatch(/byte-order mark/);
  });

  it('quoted fields: commas and quotes inside names, quoted numbers', () => {
    const r = ok(`"site_uuid","name","area"\n"${a}","Front Table, ""new""","53.1"\n`);
    expect(r.rows[0]!.values).toEqual({ name: 'Front Table, "new"', area: 53.1 });
    expect(parseBulkCsv(`site_uuid,name\n${a},"never closed\n`)).toEqual({ ok: false, reason: expect.stringContaining('quote that is never closed') });
  });

  it('duplicate uuids: neither row is sent, each says where the other is', () => {
    const r = ok(`site_uuid,occupancy_limit\n${a},40\n${b},35\n${a},45\n`);
    expect(r.rows[0]!.problem).toBe('The same location is on row 4: keep one row per location.');
    expect(r.rows[2]!.problem).toBe('The same location is on row 2: keep one row per location.');
    expect(r.rows[1]!.problem).toBeNull();
  });

  it('non-numeric and impossible values say why, per row; a blank cell leaves the field alone', () => {
    const r = ok(`site_uuid,occupancy_limit,area,aggregate_to_parent,location_type\n${a},forty,,maybe,\n${b},1.5,-3,,kiosk\n`);
    expect(r.rows[0]!.problem).toBe('Occupancy limit must be a number, not "forty". Aggregate to parent must be true or false, not "maybe".');
    expect(r.rows[1]!.problem).toBe('Occupancy limit must be a whole number, not 1.5. Area (sq ft) cannot be negative. "kiosk" is not a sublocation type (entrance, fitting_room, display or other).');
    expect(ok(`site_uuid,occupancy_limit\n${a},1,200\n`).rows[0]!.problem).toMatch(/2 columns/);
    expect(ok(`site_uuid,occupancy_limit\n${a},\n`).rows[0]!.problem).toMatch(/blank: nothing to change/);
  });

  it('50,000 rows are read (in well under a second); more than the limit is refused before parsing', () => {
    const lines = ['site_uuid,occupancy_limit'];
    for (let i = 0; i < 50_000; i++) lines.push(`${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000,${i % 500}`);
    const r = ok(lines.join('\n'));
    expect(r.rows).toHaveLength(50_000);
    expect(r.rows[49_999]).toEqual({ row: 50_001, uuid: '0000c34f-0000-4000-8000-000000000000', values: { occupancy_limit: 49_999 % 500 }, problem: null });
    const huge = `site_uuid,occupancy_limit\n${`${a},1\n`.repeat(maxImportRows + 1)}`;
    expect(parseBulkCsv(huge)).toEqual({ ok: false, reason: expect.stringContaining('more than 100,000 rows') });
  });

  it('unknown uuids are only found against the cache (the reader keeps them)', () => {
    expect(ok(`site_uuid,occupancy_limit\nnot-a-store,4\n`).rows[0]).toMatchObject({ uuid: 'not-a-store', problem: null });
  });
});
