import { describe, expect, it } from 'vitest';
import { utcToZoned, zonedToUtc } from '../../src/shared/exports/zonedTime';

// Export times are entered in the store's zone; these are the days its clocks change.
describe('export times in the store time zone', () => {
  it('converts ordinary times both ways, east and west of UTC', () => {
    expect(zonedToUtc('2026-04-19T10:00', 'America/New_York')).toBe('2026-04-19T14:00:00Z');
    expect(zonedToUtc('2026-01-19T10:00:30', 'Europe/Berlin')).toBe('2026-01-19T09:00:30Z');
    expect(utcToZoned('2026-04-19T14:00:00Z', 'America/New_York')).toBe('2026-04-19T10:00:00');
    expect(zonedToUtc('2026-04-19 10:00', 'America/New_York')).toBeNull();
  });

  it('spring forward (Los Angeles, 8 March 2026, 02:00 -> 03:00): either side of the jump, and a skipped time lands after it', () => {
    expect(zonedToUtc('2026-03-08T01:30', 'America/Los_Angeles')).toBe('2026-03-08T09:30:00Z');
    expect(zonedToUtc('2026-03-08T03:30', 'America/Los_Angeles')).toBe('2026-03-08T10:30:00Z');
    expect(zonedToUtc('2026-03-08T02:30', 'America/Los_Angeles')).toBe('2026-03-08T10:30:00Z');
    expect(utcToZoned('2026-03-08T10:30:00Z', 'America/Los_Angeles')).toBe('2026-03-08T03:30:00');
  });

  it('fall back (Los Angeles, 1 November 2026, 02:00 -> 01:00): a repeated time is its first occurrence; both read back', () => {
    expect(zonedToUtc('2026-11-01T01:30', 'America/Los_Angeles')).toBe('2026-11-01T08:30:00Z');
    expect(zonedToUtc('2026-11-01T02:30', 'America/Los_Angeles')).toBe('2026-11-01T10:30:00Z');
    expect(utcToZoned('2026-11-01T08:30:00Z', 'America/Los_Angeles')).toBe('2026-11-01T01:30:00');
    expect(utcToZoned('2026-11-01T09:30:00Z', 'America/Los_Angeles')).toBe('2026-11-01T01:30:00');
  });

  it('a zone east of UTC (Berlin, 29 March and 25 October 2026)', () => {
    expect(zonedToUtc('2026-03-29T02:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00Z');
    expect(zonedToUtc('2026-10-25T02:30', 'Europe/Berlin')).toBe('2026-10-25T00:30:00Z');
  });
});
