import { afterEach, describe, expect, it } from 'vitest';
import { defaultRange } from '../../src/shared/sync/defaultRange';

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

const at = (iso: string) => new Date(iso);

describe("the default range: every store's last 7 days by its own calendar", () => {
  it('a computer west of its stores: at 22:00 in Los Angeles the New York stores are on tomorrow, and that day is in', () => {
    process.env.TZ = 'America/Los_Angeles';
    const now = at('2027-05-12T05:00:00Z'); // 22:00 on 11 May in Los Angeles, 01:00 on 12 May in New York
    expect(defaultRange(now, ['America/New_York'])).toEqual({ from: '2027-05-06', to: '2027-05-12' });
    // stores on both coasts: each store's own 7 days (8 days, as their dates differ)
    expect(defaultRange(now, ['America/Los_Angeles', 'America/New_York', 'America/New_York'])).toEqual({ from: '2027-05-05', to: '2027-05-12' });
    // no store cached yet (a first sync, before its locations): from the earliest date on Earth to the latest
    expect(defaultRange(now, [])).toEqual({ from: '2027-05-05', to: '2027-05-12' });
  });

  it('a computer east of its stores: at 09:00 in Tokyo the stores in New York are still on yesterday, and tomorrow is not in', () => {
    process.env.TZ = 'Asia/Tokyo';
    const now = at('2027-05-12T00:00:00Z'); // 09:00 on 12 May in Tokyo, 20:00 on 11 May in New York
    expect(defaultRange(now, ['America/New_York'])).toEqual({ from: '2027-05-05', to: '2027-05-11' });
    expect(defaultRange(now, [])).toEqual({ from: '2027-05-05', to: '2027-05-12' });
  });

  it('turns at each store\'s own midnight, on the days the clocks change too', () => {
    process.env.TZ = 'UTC';
    const ny = ['America/New_York'];
    // spring: 14 March 2027 begins at 05:00Z (still EST), autumn: 7 November 2027 begins at 04:00Z (still EDT)
    expect(defaultRange(at('2027-03-14T04:59:59Z'), ny)).toEqual({ from: '2027-03-07', to: '2027-03-13' });
    expect(defaultRange(at('2027-03-14T05:00:00Z'), ny)).toEqual({ from: '2027-03-08', to: '2027-03-14' });
    expect(defaultRange(at('2027-03-15T03:59:59Z'), ny)).toEqual({ from: '2027-03-08', to: '2027-03-14' }); // 23:59 EDT
    expect(defaultRange(at('2027-11-07T03:59:59Z'), ny)).toEqual({ from: '2027-10-31', to: '2027-11-06' });
    expect(defaultRange(at('2027-11-07T04:00:00Z'), ny)).toEqual({ from: '2027-11-01', to: '2027-11-07' });
    expect(defaultRange(at('2027-11-08T04:59:59Z'), ny)).toEqual({ from: '2027-11-01', to: '2027-11-07' }); // 23:59 EST
  });

  it('across a leap day and a year end', () => {
    process.env.TZ = 'UTC';
    const ny = ['America/New_York'];
    expect(defaultRange(at('2028-03-01T04:59:59Z'), ny)).toEqual({ from: '2028-02-23', to: '2028-02-29' });
    expect(defaultRange(at('2028-03-06T12:00:00Z'), ny)).toEqual({ from: '2028-02-29', to: '2028-03-06' });
    expect(defaultRange(at('2027-03-06T12:00:00Z'), ny)).toEqual({ from: '2027-02-28', to: '2027-03-06' });
    expect(defaultRange(at('2027-01-01T03:00:00Z'), ['America/Los_Angeles'])).toEqual({ from: '2026-12-25', to: '2026-12-31' });
    expect(defaultRange(at('2027-01-01T03:00:00Z'), ['America/Los_Angeles', 'Europe/London'])).toEqual({ from: '2026-12-25', to: '2027-01-01' });
  });

  it('stores on both sides of the date line: three dates at once, each store\'s week whole; a zone no calendar knows is left out', () => {
    process.env.TZ = 'UTC';
    const now = at('2027-05-11T11:30:00Z'); // 23:30 on 10 May at UTC-12, 01:30 on 12 May in Kiritimati (UTC+14)
    expect(defaultRange(now, ['Pacific/Kiritimati', 'Etc/GMT+12'])).toEqual({ from: '2027-05-04', to: '2027-05-12' });
    expect(defaultRange(now, ['Not/A_Zone', 'Etc/GMT+12'])).toEqual({ from: '2027-05-04', to: '2027-05-10' });
    expect(defaultRange(now, ['Not/A_Zone'])).toEqual({ from: '2027-05-04', to: '2027-05-12' });
  });
});
