import { describe, expect, it } from 'vitest';
import { dueAt, jitterBoundMs, nextDailyAt, nextHourClose, hourSettleMs, retryAfterFailureMs, retryAfterRateLimitMs } from '../../src/main/sync/background/due';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

/** The zone's wall clock at an instant, "HH:MM". */
function wall(zone: string, ms: number): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
}

describe('when an hour closes in the stores’ time zones', () => {
  it('New York, spring forward: 01:xx EST is followed by 03:00 EDT (there is no 02:00)', () => {
    const t = nextHourClose(at('2026-03-08T06:30:00Z'), ['America/New_York']);
    expect(iso(t)).toBe('2026-03-08T07:00:00.000Z');
    expect(wall('America/New_York', t)).toBe('03:00');
    expect(iso(nextHourClose(t, ['America/New_York']))).toBe('2026-03-08T08:00:00.000Z');
  });

  it('New York, fall back: the repeated 01:00 closes an hour of its own', () => {
    const first = nextHourClose(at('2026-11-01T04:30:00Z'), ['America/New_York']);
    expect([iso(first), wall('America/New_York', first)]).toEqual(['2026-11-01T05:00:00.000Z', '01:00']);
    const second = nextHourClose(first, ['America/New_York']);
    expect([iso(second), wall('America/New_York', second)]).toEqual(['2026-11-01T06:00:00.000Z', '01:00']);
    expect(iso(nextHourClose(second, ['America/New_York']))).toBe('2026-11-01T07:00:00.000Z');
  });

  it('Lord Howe ends DST by half an hour: its hours move from :00 to :30 UTC', () => {
    // 02:00 LHDT (UTC+11) on 5 April 2026 becomes 01:30 LHST (UTC+10:30).
    const before = nextHourClose(at('2026-04-04T14:10:00Z'), ['Australia/Lord_Howe']);
    expect([iso(before), wall('Australia/Lord_Howe', before)]).toEqual(['2026-04-04T15:30:00.000Z', '02:00']);
    const next = nextHourClose(before, ['Australia/Lord_Howe']);
    expect([iso(next), wall('Australia/Lord_Howe', next)]).toEqual(['2026-04-04T16:30:00.000Z', '03:00']);
  });

  it('several zones: the first of them to close an hour (India closes at :30 UTC)', () => {
    expect(iso(nextHourClose(at('2026-07-01T10:05:00Z'), ['Europe/London', 'Asia/Kolkata']))).toBe('2026-07-01T10:30:00.000Z');
    expect(iso(nextHourClose(at('2026-07-01T10:35:00Z'), ['Europe/London', 'Asia/Kolkata']))).toBe('2026-07-01T11:00:00.000Z');
    // No store zone known yet: UTC hours; an unknown zone is ignored.
    expect(iso(nextHourClose(at('2026-07-01T10:05:00Z'), []))).toBe('2026-07-01T11:00:00.000Z');
    expect(iso(nextHourClose(at('2026-07-01T10:05:00Z'), ['Mars/Olympus']))).toBe('2026-07-01T11:00:00.000Z');
  });

  it('year boundary and 29 February close like any hour', () => {
    expect(iso(nextHourClose(at('2026-12-31T23:59:59Z'), ['UTC']))).toBe('2027-01-01T00:00:00.000Z');
    // Chatham is UTC+13:45 in its summer: its hours start at :15 UTC, here across the end of 29 February.
    expect(iso(nextHourClose(at('2028-02-29T23:20:00Z'), ['Pacific/Chatham']))).toBe('2028-03-01T00:15:00.000Z');
  });
});

describe('daily at a local time of this computer', () => {
  it('Berlin, spring forward: 04:00 comes 23 hours after the day before', () => {
    const first = nextDailyAt(at('2026-03-27T12:00:00Z'), '04:00', 'Europe/Berlin');
    expect(iso(first)).toBe('2026-03-28T03:00:00.000Z');
    const second = nextDailyAt(first, '04:00', 'Europe/Berlin');
    expect(iso(second)).toBe('2026-03-29T02:00:00.000Z');
    expect(second - first).toBe(23 * 3_600_000);
  });

  it('a time skipped by the clock change runs just after the gap; a time that happens twice runs the first time', () => {
    const skipped = nextDailyAt(at('2026-03-28T12:00:00Z'), '02:30', 'Europe/Berlin');
    expect([iso(skipped), wall('Europe/Berlin', skipped)]).toEqual(['2026-03-29T01:30:00.000Z', '03:30']);
    const twice = nextDailyAt(at('2026-10-24T12:00:00Z'), '02:30', 'Europe/Berlin');
    expect(iso(twice)).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(nextDailyAt(twice, '02:30', 'Europe/Berlin'))).toBe('2026-10-26T01:30:00.000Z');
  });
});

describe('due times and their jitter', () => {
  const base = { firstSeenMs: at('2026-06-10T09:00:00Z'), storeZones: ['Europe/Paris'], localZone: 'Europe/Paris' };
  const ok = (startedAt: string) => ({ startedAtMs: at(startedAt), finishedAtMs: at(startedAt) + 20_000, status: 'ok' as const, errorCode: null });

  it('every 15 minutes: from the last start, plus at most 10% (2 minutes at most), spread over connections', () => {
    const rule = { kind: 'every', minutes: 15 } as const;
    const offsets = Array.from({ length: 200 }, (_, i) => dueAt({ ...base, rule, last: ok('2026-06-10T08:50:00Z'), key: `conn-${i}|inventory` }) - at('2026-06-10T09:05:00Z'));
    expect(Math.min(...offsets)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...offsets)).toBeLessThan(jitterBoundMs(rule, false));
    expect(jitterBoundMs(rule, false)).toBe(90_000);
    expect(Math.max(...offsets) - Math.min(...offsets)).toBeGreaterThan(60_000);
    // The same slot keeps its jitter each time it is planned.
    const once = dueAt({ ...base, rule, last: ok('2026-06-10T08:50:00Z'), key: 'a|inventory' });
    expect(dueAt({ ...base, firstSeenMs: base.firstSeenMs + 60_000, rule, last: ok('2026-06-10T08:50:00Z'), key: 'a|inventory' })).toBe(once);
  });

  it('hourly KPIs: 5 minutes after the next hour closes, plus at most 5 minutes', () => {
    const rule = { kind: 'hourClose' } as const;
    for (let i = 0; i < 100; i++) {
      const due = dueAt({ ...base, rule, last: ok('2026-06-10T08:07:00Z'), key: `c${i}|kpis` });
      expect(due).toBeGreaterThanOrEqual(at('2026-06-10T09:00:00Z') + hourSettleMs);
      expect(due).toBeLessThan(at('2026-06-10T09:00:00Z') + hourSettleMs + 5 * 60_000);
    }
    // A run just after an hour closed but before it settled: that hour is asked again once settled.
    const early = dueAt({ ...base, rule, last: ok('2026-06-10T08:02:00Z'), key: 'x|kpis' });
    expect(early).toBeGreaterThanOrEqual(at('2026-06-10T08:05:00Z'));
    expect(early).toBeLessThan(at('2026-06-10T08:10:00Z'));
  });

  it('never run: due within 10 seconds; daily: the next local time plus at most 30 minutes', () => {
    const never = dueAt({ ...base, rule: { kind: 'daily', at: '04:00' }, last: null, key: 'n|users' });
    expect(never - base.firstSeenMs).toBeGreaterThanOrEqual(0);
    expect(never - base.firstSeenMs).toBeLessThan(10_000);
    const daily = dueAt({ ...base, rule: { kind: 'daily', at: '04:00' }, last: ok('2026-06-10T02:00:00Z'), key: 'n|users' });
    expect(daily).toBeGreaterThanOrEqual(at('2026-06-11T02:00:00Z'));
    expect(daily).toBeLessThan(at('2026-06-11T02:30:00Z'));
  });

  it('after a failure: tried again in 10 minutes (sooner than the next day); after "too many requests", not before 30; offline: as soon as the network is back', () => {
    const failed = (code: string) => ({ startedAtMs: at('2026-06-10T08:00:00Z'), finishedAtMs: at('2026-06-10T08:01:00Z'), status: 'failed' as const, errorCode: code });
    expect(dueAt({ ...base, rule: { kind: 'daily', at: '04:00' }, last: failed('vendor_error'), key: 'f|users' })).toBe(at('2026-06-10T08:01:00Z') + retryAfterFailureMs);
    const limited = dueAt({ ...base, rule: { kind: 'every', minutes: 15 }, last: failed('rate_limited'), key: 'f|inventory' });
    expect(limited).toBe(at('2026-06-10T08:01:00Z') + retryAfterRateLimitMs);
    expect(dueAt({ ...base, rule: { kind: 'every', minutes: 15 }, last: failed('offline'), key: 'f|inventory' })).toBe(at('2026-06-10T08:01:00Z'));
  });
});
