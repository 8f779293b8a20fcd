import { describe, expect, it } from 'vitest';
import { zoneOffsetMs } from '../../src/shared/time/zoneOffset';

const at = (iso: string) => Date.parse(iso);
const minutes = (tz: string, iso: string) => zoneOffsetMs(tz, at(iso)) / 60_000;

describe('zone offsets', () => {
  it('follow daylight saving to the minute it changes, in whole, half and quarter hour zones', () => {
    // New York springs forward at 07:00 UTC on 8 March 2026.
    expect(minutes('America/New_York', '2026-03-08T06:59:59Z')).toBe(-300);
    expect(minutes('America/New_York', '2026-03-08T07:00:00Z')).toBe(-240);
    // Berlin falls back at 01:00 UTC on 25 October 2026.
    expect(minutes('Europe/Berlin', '2026-10-25T00:59:00Z')).toBe(120);
    expect(minutes('Europe/Berlin', '2026-10-25T01:00:00Z')).toBe(60);
    expect(minutes('Asia/Kathmandu', '2026-06-01T12:00:00Z')).toBe(345);
    expect(minutes('Asia/Kolkata', '2026-06-01T12:00:00Z')).toBe(330);
    // Lord Howe Island moves by half an hour: +10:30 in winter, +11:00 in summer.
    expect(minutes('Australia/Lord_Howe', '2026-07-01T00:00:00Z')).toBe(630);
    expect(minutes('Australia/Lord_Howe', '2026-01-01T00:00:00Z')).toBe(660);
    expect(minutes('UTC', '2026-01-01T00:00:00Z')).toBe(0);
  });

  it('refuse an unknown zone in words, every time it is asked', () => {
    expect(() => zoneOffsetMs('Mars/Olympus_Mons', 0)).toThrow(RangeError);
    expect(() => zoneOffsetMs('Mars/Olympus_Mons', 0)).toThrow(/Unknown time zone "Mars\/Olympus_Mons"/);
  });
});
