// Zone measures' words and the plan's first range: built from a given "today", checked on the days a
// calendar can trip on (year start, Feb 29, month ends, DST changes are plain dates here).
import { describe, expect, it } from 'vitest';
import { formatDayRange, formatDwell, formatMeasure, lastWholeDays, measureValue } from '../../src/shared/storeLayout/measures';

describe('zone measures', () => {
  it('the last seven whole days before today, on every kind of day', () => {
    expect(lastWholeDays('2026-03-10', 7)).toEqual({ from: '2026-03-03', to: '2026-03-09' });
    expect(lastWholeDays('2026-01-01', 7)).toEqual({ from: '2025-12-25', to: '2025-12-31' });
    expect(lastWholeDays('2028-03-01', 7)).toEqual({ from: '2028-02-23', to: '2028-02-29' });
    expect(lastWholeDays('2027-03-01', 7)).toEqual({ from: '2027-02-22', to: '2027-02-28' });
    expect(lastWholeDays('2026-03-09', 7)).toEqual({ from: '2026-03-02', to: '2026-03-08' }); // US DST starts 8 Mar
    expect(lastWholeDays('2026-10-26', 7)).toEqual({ from: '2026-10-19', to: '2026-10-25' }); // EU DST ends 25 Oct
    // every day of a leap year: seven days, the day before today last
    for (let t = Date.parse('2028-01-01'); t < Date.parse('2029-01-01'); t += 86_400_000) {
      const today = new Date(t).toISOString().slice(0, 10);
      const r = lastWholeDays(today, 7);
      expect((Date.parse(today) - Date.parse(r.to)) / 86_400_000).toBe(1);
      expect((Date.parse(r.to) - Date.parse(r.from)) / 86_400_000).toBe(6);
    }
  });

  it('says ranges and dwells in plain words', () => {
    expect(formatDayRange('2026-03-01', '2026-03-07')).toBe('1 Mar – 7 Mar 2026');
    expect(formatDayRange('2025-12-28', '2026-01-03')).toBe('28 Dec 2025 – 3 Jan 2026');
    expect(formatDayRange('2026-03-04', '2026-03-04')).toBe('4 Mar 2026');
    expect(formatDwell(45)).toBe('45 s');
    expect(formatDwell(125)).toBe('2 min 05 s');
    expect(formatDwell(3720)).toBe('1 h 02 min');
    expect(formatMeasure(12345, 'traffic_in')).toBe('12,345');
    expect(formatMeasure(null, 'dwells')).toBe('—');
    const v = { zoneId: 'z', locationId: 'l', trafficIn: 10, dwells: 4, averageDwellSeconds: 90 };
    expect([measureValue(v, 'traffic_in'), measureValue(v, 'dwells'), measureValue(v, 'average_dwell_time'), measureValue(undefined, 'dwells')]).toEqual([10, 4, 90, null]);
  });
});
