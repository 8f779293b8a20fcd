import { describe, expect, it } from 'vitest';
import { checkFloorplan, checkZone, formatArea, polygonArea, selfIntersects } from '../../src/shared/storeLayout/geometry';

const square = [{ x: 0, y: 0 }, { x: 100, y: 0 }, { x: 100, y: 100 }, { x: 0, y: 100 }, { x: 0, y: 0 }];

describe('zone outlines', () => {
  it('a closed square: drawn, closing point dropped, area from the vendor or the outline', () => {
    const z = checkZone({ id: 'a', name: 'Table 1', type: 'fpa', area: null, points: square });
    expect(z.points).toHaveLength(4);
    expect(z.drawable).toBe(true);
    expect(z.notes).toEqual([]);
    expect(z.areaCm2).toBe(10_000);
    expect(checkZone({ id: 'a', name: 'T', area: 46907.55, points: square }).areaCm2).toBe(46907.55);
    expect(polygonArea(square)).toBe(10_000);
  });

  it('self-crossing (a bow tie) is drawn with a note; a plain L-shape is not flagged', () => {
    const bowTie = [{ x: 0, y: 0 }, { x: 100, y: 100 }, { x: 100, y: 0 }, { x: 0, y: 100 }];
    expect(selfIntersects(bowTie)).toBe(true);
    const l = [{ x: 0, y: 0 }, { x: 200, y: 0 }, { x: 200, y: 100 }, { x: 100, y: 100 }, { x: 100, y: 200 }, { x: 0, y: 200 }];
    expect(selfIntersects(l)).toBe(false);
    const z = checkZone({ id: 'b', name: 'Bow', points: bowTie });
    expect(z.drawable).toBe(true);
    expect(z.notes.join(' ')).toMatch(/crosses itself/);
  });

  it('fewer than three points, or coordinates beyond 10 km: listed, not drawn, with the reason', () => {
    expect(checkZone({ id: 'c', name: 'Door', points: [{ x: 0, y: 0 }, { x: 5, y: 5 }] }).notes[0]).toMatch(/Only 2 points/);
    expect(checkZone({ id: 'c', name: 'Door', points: [] }).notes[0]).toMatch(/no points/);
    const huge = checkZone({ id: 'd', name: 'Far', points: [{ x: 0, y: 0 }, { x: 5e9, y: 0 }, { x: 5e9, y: 10 }] });
    expect(huge.drawable).toBe(false);
    expect(huge.notes[0]).toMatch(/10 km/);
    expect(checkZone({ id: 'e', name: '  ', points: square }).name).toBe('(unnamed zone)');
  });

  it('a floorplan: bounds over drawable zones only; no zones and duplicate ids noted', () => {
    const plan = checkFloorplan({
      id: 'p',
      name: 'Ground',
      zones: [
        { id: 'a', name: 'A', points: square },
        { id: 'b', name: 'B', points: [{ x: -5e9, y: 0 }, { x: 0, y: 1 }, { x: 1, y: 1 }] },
        { id: 'a', name: 'A again', points: square.map((p) => ({ x: p.x + 200, y: p.y })) },
      ],
    });
    expect(plan.bounds).toEqual({ minX: 0, minY: 0, maxX: 300, maxY: 100 });
    expect(plan.notes.join(' ')).toMatch(/appears more than once/);
    expect(plan.notes.join(' ')).toMatch(/1 of 3 zones cannot be drawn/);
    const empty = checkFloorplan({ id: 'q', name: '', zones: [] });
    expect(empty.bounds).toBeNull();
    expect(empty.notes[0]).toMatch(/no zones yet/);
  });

  it('areas in square metres', () => {
    expect(formatArea(46907.55)).toBe('4.7 m²');
    expect(formatArea(2_500_000)).toBe('250 m²');
    expect(formatArea(null)).toBe('—');
  });
});
