import { describe, expect, it } from 'vitest';
import { auditRuleIds, auditRules, type Finding } from '../../src/shared/audit/rules';
import { findingSince } from '../../src/shared/audit/since';
import { plural, pluralWord } from '../../src/shared/text/plural';

const finding = (over: Partial<Finding>): Finding => ({
  id: 'x', rule: 'quiet', severity: 'critical', storeUuid: 's', storeName: 'Store', subject: 'camera', subjectId: 'AA:BB', subjectName: 'Cam', reason: 'r', at: null, ...over,
});

describe('plural', () => {
  it('says "1 finding", "0 findings", "2 findings", and irregular plurals as given', () => {
    expect(plural(1, 'finding')).toBe('1 finding');
    expect(plural(0, 'finding')).toBe('0 findings');
    expect(plural(2, 'store')).toBe('2 stores');
    expect(plural(1200, 'alert')).toBe('1,200 alerts');
    expect(plural(1, 'person', 'people')).toBe('1 person');
    expect(plural(3, 'person', 'people')).toBe('3 people');
    expect(pluralWord(1, 'match', 'matches')).toBe('match');
  });
});

describe('a finding in detail', () => {
  it('every rule says what to do, in a sentence', () => {
    for (const id of auditRuleIds) expect(auditRules.find((r) => r.id === id)?.advice).toMatch(/^[A-Z].{30,}\.$/);
  });

  it('since when: the last-heard time, the day counted, or "not known" with when the data was fetched', () => {
    expect(findingSince(finding({ at: '2026-11-01T10:00:00Z' }), null)).toEqual({ kind: 'time', label: 'Not heard from since', at: '2026-11-01T10:00:00Z' });
    expect(findingSince(finding({ rule: 'in_out_imbalance', subject: 'store', at: '2026-02-29' }), null)).toEqual({ kind: 'day', label: 'On', day: '2026-02-29' });
    expect(findingSince(finding({ rule: 'traffic_validity', subject: 'store', at: '2026-12-31' }), null)).toMatchObject({ kind: 'day', day: '2026-12-31' });
    const setting = findingSince(finding({ rule: 'retention_zero', subject: 'channel' }), '2026-12-05T08:00:00Z');
    expect(setting).toEqual({ kind: 'unknown', note: 'Not known: RetailNext does not say when this changed.', seenAt: '2026-12-05T08:00:00Z' });
    expect(findingSince(finding({ at: null }), null)).toMatchObject({ kind: 'unknown', note: expect.stringMatching(/last heard/) });
    expect(findingSince(finding({ rule: 'exteros_stale', subject: 'exteros_location', at: null }), null)).toMatchObject({ kind: 'unknown', note: expect.stringMatching(/^Not known: Exteros/) });
  });
});
