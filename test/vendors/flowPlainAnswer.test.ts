import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPlainFlowAnswer, normaliseFlowRecord, parseFlowHours } from '../../src/main/vendors/flow/hours';
import { flowHourlyResponse } from '../../src/main/vendors/flow/schemas';

// The documented example answer, and answers each changed in one place: the hand check of a parsed
// answer must never accept what the schema refuses, and must accept the ordinary ones.
const example = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/flow-hourly.json'), 'utf8')) as { data: Array<Record<string, unknown>> };
const record = example.data[0]!;
const withRecord = (change: Record<string, unknown>) => ({ data: [record, { ...record, ...change }], status: 200 });

const accepted: Array<[string, unknown]> = [
  ['the example', example],
  ['no data (null)', { data: null, status: 200 }],
  ['no status', { data: [record] }],
  ['a numeric store code', withRecord({ storeCode: 101 })],
  ['counts missing or null', withRecord({ traffic: { '001': { enters: null } }, demographics: { group_1: null }, sales: null, transactions: undefined, itemSold: null })],
  ['no traffic, no demographics', withRecord({ traffic: null, demographics: undefined })],
  ['a space for the T', withRecord({ timestamp: '2026-04-19 11:00:00' })],
  ['fields the console does not read', withRecord({ currency: 'EUR', traffic: { '001': { enters: 1, exits: 2, sensor: 'x' } } })],
];
const refused: Array<[string, unknown]> = [
  ['not an object', []],
  ['no data', { status: 200 }],
  ['data an object', { data: { 0: record } }],
  ['status null', { data: [record], status: null }],
  ['status a string', { data: [record], status: '200' }],
  ['a record null', { data: [record, null] }],
  ['a record a list', { data: [[record]] }],
  ['no store code', withRecord({ storeCode: undefined })],
  ['a store code true', withRecord({ storeCode: true })],
  ['a store code too large a number', withRecord({ storeCode: Number.POSITIVE_INFINITY })],
  ['no timestamp', withRecord({ timestamp: undefined })],
  ['a timestamp without its hour', withRecord({ timestamp: '2026-04-19' })],
  ['a timestamp a number', withRecord({ timestamp: 20260419 })],
  ['traffic a list', withRecord({ traffic: [{ enters: 1 }] })],
  ['an entrance null', withRecord({ traffic: { '001': null } })],
  ['enters a string', withRecord({ traffic: { '001': { enters: '3', exits: 1 } } })],
  ['demographics a list', withRecord({ demographics: [1, 2] })],
  ['a group a string', withRecord({ demographics: { group_1: '4' } })],
  ['sales a string', withRecord({ sales: '518.54' })],
  ['transactions an object', withRecord({ transactions: { n: 1 } })],
  ['items sold infinite', withRecord({ itemSold: Number.POSITIVE_INFINITY })],
];

describe("Flow answers checked by hand before zod (the large sync's writer reads 18,250)", () => {
  it.each(accepted)('accepts %s, as the schema does, with the same hours', (_name, answer) => {
    expect(flowHourlyResponse.safeParse(answer).success).toBe(true);
    expect(isPlainFlowAnswer(answer)).toBe(true);
    const viaSchema = (flowHourlyResponse.parse(answer).data ?? []).map(normaliseFlowRecord);
    expect(parseFlowHours('Flow', JSON.stringify(answer))).toEqual(viaSchema);
  });

  it.each(refused)('leaves %s to the schema, which refuses it and names the field', (_name, answer) => {
    expect(isPlainFlowAnswer(answer)).toBe(false);
    expect(flowHourlyResponse.safeParse(answer).success).toBe(false);
  });

  it('an answer refused says which field is wrong, as before', () => {
    expect(() => parseFlowHours('Flow', JSON.stringify(withRecord({ traffic: { '001': { enters: '3' } } })))).toThrow(
      expect.objectContaining({ code: 'bad_response', detail: expect.stringMatching(/^data\[1\]\.traffic\.001\.enters:/) }),
    );
  });
});
