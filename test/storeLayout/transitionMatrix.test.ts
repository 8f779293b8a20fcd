// The transition matrix from the vendor's answer: the document's example, totals equal to the
// answer's own sums, zones the answer names that are not on the floorplan, sorting, top flows, CSV.
import { describe, expect, it } from 'vitest';
import { matrixCsv, matrixOrder, readTransitions, topFlows, transitionMatrix, type RawTransitionPlan } from '../../src/shared/storeLayout/transitions';
import type { FloorplanZone } from '../../src/shared/storeLayout/types';

const ENTRANCE = 'a1ec24c6-2e7b-11ea-960c-8000bec20274';
const DENIM = 'a34979f4-2e7b-11ea-8dfd-c000826898db';

const zone = (id: string, name: string): FloorplanZone => ({ id, name, type: 'fpa', locationId: `loc-${id}`, locationName: `${name} Zone`, areaCm2: 1e6, dwellThresholdMs: 10, zoneThresholdMm: 1000, points: [], drawable: true, notes: [] });

/** The document's example answer. */
const docAnswer: RawTransitionPlan = {
  floorplan: { uuid: 'e0acd09e-2e7a-11ea-8b1a-40002569de69', name: 'Garden Station Floorplan' },
  zones: [
    { uuid: ENTRANCE, name: 'Entrance', location_uuid: 'f1cc33f2-3329-11ea-9b32-80001a18e60d', location_name: 'Entrance Zone' },
    { uuid: DENIM, name: 'Denim', location_uuid: 'cdf7322e-3329-11ea-8e45-80003c755d3e', location_name: 'Denim Zone' },
  ],
  transitions: [
    { from_zone_id: ENTRANCE, to_zone_id: ENTRANCE, value: 170, percentage: 54 },
    { from_zone_id: ENTRANCE, to_zone_id: DENIM, value: 147, percentage: 46 },
    { from_zone_id: DENIM, to_zone_id: ENTRANCE, value: 42, percentage: 69 },
    { from_zone_id: DENIM, to_zone_id: DENIM, value: 19, percentage: 31 },
  ],
};

describe('transition matrix', () => {
  it("the document's example: cells as sent, row and column totals equal the answer's sums", () => {
    const read = readTransitions([zone(ENTRANCE, 'Entrance'), zone(DENIM, 'Denim')], docAnswer);
    expect(read.notes).toEqual([]);
    const m = transitionMatrix(read.zones, read.flows);
    expect(m.n).toBe(2);
    expect([...m.values]).toEqual([170, 147, 42, 19]);
    expect([...m.rowTotals]).toEqual([317, 61]);
    expect([...m.colTotals]).toEqual([212, 166]);
    expect(m.total).toBe(378);
    // the vendor's percentages are each from-zone's share of its own row total
    for (const f of read.flows) {
      const i = read.zones.findIndex((z) => z.id === f.from);
      expect(Math.round((f.value / m.rowTotals[i]!) * 100)).toBe(f.percentage);
    }
  });

  it('a zone the answer names that is not on the floorplan is kept, counted and noted, never a crash', () => {
    const ghost = 'ffffffff-0000-4000-8000-000000000001';
    const answer: RawTransitionPlan = {
      ...docAnswer,
      transitions: [...docAnswer.transitions, { from_zone_id: DENIM, to_zone_id: ghost, value: 9 }, { from_zone_id: ghost, to_zone_id: ENTRANCE, value: 4, percentage: 100 }],
    };
    const read = readTransitions([zone(ENTRANCE, 'Entrance'), zone(DENIM, 'Denim')], answer);
    expect(read.zones.map((z) => [z.name, z.known])).toEqual([['Entrance', true], ['Denim', true], ['Unknown zone ffffffff', false]]);
    expect(read.notes[0]).toMatch(/a zone not on this floorplan: ffffffff-0000-4000-8000-000000000001.*not drawn/);
    const m = transitionMatrix(read.zones, read.flows);
    expect(m.total).toBe(378 + 13);
    expect(m.rowTotals[1]).toBe(61 + 9);
    expect(m.colTotals[0]).toBe(212 + 4);
    // no answer at all: a note, an empty matrix
    const none = readTransitions([zone(ENTRANCE, 'Entrance')], null);
    expect(none.notes[0]).toMatch(/no transitions/);
    expect(transitionMatrix(none.zones, none.flows).total).toBe(0);
  });

  it('a pair sent twice is added up with a note; a non-number is skipped', () => {
    const answer: RawTransitionPlan = { ...docAnswer, transitions: [...docAnswer.transitions, { from_zone_id: ENTRANCE, to_zone_id: DENIM, value: 3 }, { from_zone_id: DENIM, to_zone_id: DENIM, value: Number.NaN }] };
    const read = readTransitions([zone(ENTRANCE, 'Entrance'), zone(DENIM, 'Denim')], answer);
    expect(read.notes[0]).toMatch(/1 zone pair more than once/);
    expect(transitionMatrix(read.zones, read.flows).values[1]).toBe(150);
  });

  it('sorts by name or by the flows leaving or arriving; lists the top flows between different zones; CSV in the order shown', () => {
    const zones = ['Shoes', 'Accessories', 'Checkout', 'Zone 10', 'Zone 9'].map((n, i) => ({ id: `z${i}`, name: n, known: true }));
    const flows = [
      { from: 'z0', to: 'z2', value: 50, percentage: null },
      { from: 'z1', to: 'z2', value: 20, percentage: null },
      { from: 'z2', to: 'z0', value: 5, percentage: null },
      { from: 'z3', to: 'z3', value: 99, percentage: null },
      { from: 'z4', to: 'z1', value: 7, percentage: null },
    ];
    const m = transitionMatrix(zones, flows);
    expect(matrixOrder(m, 'name', false).map((i) => zones[i]!.name)).toEqual(['Accessories', 'Checkout', 'Shoes', 'Zone 9', 'Zone 10']);
    expect(matrixOrder(m, 'leaving', true).map((i) => zones[i]!.name)).toEqual(['Zone 10', 'Shoes', 'Accessories', 'Zone 9', 'Checkout']);
    expect(matrixOrder(m, 'arriving', true)[0]).toBe(3);
    const top = topFlows(m, 3);
    expect(top.map((t) => `${t.from.name}>${t.to.name}:${t.value}`)).toEqual(['Shoes>Checkout:50', 'Accessories>Checkout:20', 'Zone 9>Accessories:7']);
    expect(top[0]!.share).toBeCloseTo((50 / 181) * 100);
    const csv = matrixCsv(m, matrixOrder(m, 'name', false)).split('\r\n');
    expect(csv[0]).toBe('from \\ to,Accessories,Checkout,Shoes,Zone 9,Zone 10,total leaving');
    expect(csv[1]).toBe('Accessories,0,20,0,0,0,20');
    expect(csv[6]).toBe('total arriving,7,70,5,0,99,181');
  });

  it('a 100 x 100 answer: every cell placed, totals add up', () => {
    const zones = Array.from({ length: 100 }, (_, i) => ({ id: `z${i}`, name: `Zone ${i}`, known: true }));
    const flows = zones.flatMap((a, i) => zones.map((b, j) => ({ from: a.id, to: b.id, value: (i * 7 + j * 3) % 50, percentage: null })));
    const m = transitionMatrix(zones, flows);
    const sum = flows.reduce((s, f) => s + f.value, 0);
    expect(m.total).toBe(sum);
    expect([...m.rowTotals].reduce((a, b) => a + b, 0)).toBe(sum);
    expect([...m.colTotals].reduce((a, b) => a + b, 0)).toBe(sum);
    expect(topFlows(m, 10)).toHaveLength(10);
  });
});
