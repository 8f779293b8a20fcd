import { describe, expect, it } from 'vitest';
import { formatAgo, formatClock, formatDateTime } from '../../src/shared/time/format';

describe('the one time format (24-hour, yyyy-mm-dd)', () => {
  it('writes a store zone\'s wall clock in 24 hours, whatever the locale, across clock changes', () => {
    // 20:39:05 UTC is 12:39 in Los Angeles in December (UTC-8), 21:39 in Berlin (UTC+1).
    expect(formatClock('2026-12-05T20:39:05Z', { timeZone: 'America/Los_Angeles' })).toBe('12:39');
    expect(formatClock('2026-12-05T20:39:05Z', { timeZone: 'Europe/Berlin', seconds: true })).toBe('21:39:05');
    expect(formatClock('2026-12-05T08:05:00Z', { timeZone: 'UTC' })).toBe('08:05');
    // New York springs forward at 07:00 UTC on 8 March 2026: 01:59 then 03:00.
    expect(formatClock('2026-03-08T06:59:00Z', { timeZone: 'America/New_York' })).toBe('01:59');
    expect(formatClock('2026-03-08T07:00:00Z', { timeZone: 'America/New_York' })).toBe('03:00');
    // Berlin falls back at 01:00 UTC on 25 October 2026: 02:30 happens twice.
    expect(formatClock('2026-10-25T00:30:00Z', { timeZone: 'Europe/Berlin' })).toBe('02:30');
    expect(formatClock('2026-10-25T01:30:00Z', { timeZone: 'Europe/Berlin' })).toBe('02:30');
    // The year boundary and 29 February.
    expect(formatDateTime('2027-01-01T04:59:59Z', { timeZone: 'America/New_York', seconds: true })).toBe('2026-12-31 23:59:59');
    expect(formatDateTime('2028-02-29T23:30:00Z', { timeZone: 'Asia/Tokyo' })).toBe('2028-03-01 08:30');
  });

  it('writes the machine\'s own zone the same way (no AM/PM)', () => {
    const ms = new Date(2026, 11, 5, 20, 39, 5).getTime(); // local 20:39:05
    expect(formatClock(ms, { seconds: true })).toBe('20:39:05');
    expect(formatDateTime(ms)).toBe('2026-12-05 20:39');
    expect(formatClock(new Date(2026, 0, 1, 0, 5).getTime())).toBe('00:05');
  });

  it('says "—" for no time and gives back text it cannot read; an unknown zone does not throw', () => {
    expect(formatClock(null)).toBe('—');
    expect(formatDateTime(undefined)).toBe('—');
    expect(formatDateTime('not a time')).toBe('not a time');
    expect(formatClock(Number.NaN)).toBe('—');
    expect(formatClock('2026-12-05T20:39:05Z', { timeZone: 'Mars/Olympus' })).toBe('2026-12-05T20:39:05Z');
  });
});

describe('how long ago (the one helper every view uses)', () => {
  const now = Date.parse('2026-03-29T12:00:00Z');
  const before = (ms: number) => new Date(now - ms).toISOString();
  const S = 1000;
  const MIN = 60 * S;
  const H = 60 * MIN;

  it('says just now under a minute, then whole minutes, hours under two days, and days', () => {
    expect(formatAgo(before(0), now)).toBe('just now');
    expect(formatAgo(before(59 * S), now)).toBe('just now');
    expect(formatAgo(before(59 * S + 999), now)).toBe('just now');
    expect(formatAgo(before(60 * S), now)).toBe('1 min ago');
    expect(formatAgo(before(59 * MIN + 59 * S), now)).toBe('59 min ago');
    expect(formatAgo(before(H), now)).toBe('1 h ago');
    expect(formatAgo(before(47 * H + 59 * MIN), now)).toBe('47 h ago');
    expect(formatAgo(before(48 * H), now)).toBe('2 days ago');
    expect(formatAgo(before(400 * 24 * H), now)).toBe('400 days ago');
    expect(formatAgo(before(1889 * 24 * H + 20 * H), now)).toBe('1,889 days ago');
  });

  it('counts the instants between, whatever the calendar: a month end, 29 February, a clock change', () => {
    expect(formatAgo('2026-02-28T12:00:00Z', Date.parse('2026-03-02T12:00:00Z'))).toBe('2 days ago');
    expect(formatAgo('2024-02-29T23:30:00Z', Date.parse('2024-03-01T00:10:00Z'))).toBe('40 min ago');
    // Europe's clocks went forward at 01:00 UTC on 29 March 2026: two hours of wall clock, one hour passed.
    expect(formatAgo('2026-03-29T00:30:00Z', Date.parse('2026-03-29T01:30:00Z'))).toBe('1 h ago');
    expect(formatAgo(new Date(now - 5 * MIN), new Date(now))).toBe('5 min ago');
    expect(formatAgo(now - 3 * H, now)).toBe('3 h ago');
  });

  it('reads another clock up to a minute ahead as just now, and says so when a time is further in the future', () => {
    expect(formatAgo(before(-30 * S), now)).toBe('just now');
    expect(formatAgo(before(-60 * S), now)).toBe('just now');
    expect(formatAgo(before(-61 * S), now)).toBe('1 min from now');
    expect(formatAgo(before(-5 * MIN), now)).toBe('5 min from now');
    expect(formatAgo(before(-3 * H), now)).toBe('3 h from now');
    expect(formatAgo(before(-3 * 24 * H), now)).toBe('3 days from now');
  });

  it('says "—" for no time or one it cannot read, never "NaN"', () => {
    expect(formatAgo(null, now)).toBe('—');
    expect(formatAgo(undefined, now)).toBe('—');
    expect(formatAgo('not a time', now)).toBe('—');
    expect(formatAgo(Number.NaN, now)).toBe('—');
  });
});
