import { describe, expect, it } from 'vitest';
import { heardSince } from '../../src/renderer/src/features/alerts/heardSince';

describe("an alert's device: heard since the alert?", () => {
  const now = Date.parse('2026-12-06T07:00:00Z');
  const raised = '2026-10-27T05:51:00Z';

  it('is back only when heard after the alert and within the last hour', () => {
    expect(heardSince('2026-12-06T06:30:00Z', raised, now)).toBe('back');
    expect(heardSince('2026-12-06T06:00:00Z', raised, now)).toBe('back');
  });

  it('heard after the alert but 40 days ago is quiet again, not good news', () => {
    expect(heardSince('2026-10-27T06:10:00Z', raised, now)).toBe('quiet-again');
    expect(heardSince('2026-12-06T05:59:59Z', raised, now)).toBe('quiet-again');
  });

  it('heard before the alert (or at it) has been quiet since; a missing time says nothing', () => {
    expect(heardSince('2026-10-27T05:00:00Z', raised, now)).toBe('quiet');
    expect(heardSince(raised, raised, now)).toBe('quiet');
    expect(heardSince(null, raised, now)).toBeNull();
    expect(heardSince('2026-10-27T05:00:00Z', null, now)).toBeNull();
  });
});
