import { describe, expect, it } from 'vitest';
import {
  checkEveryMs,
  firstCheckDelayMs,
  nextCheckAt,
  parseUpdateFeed,
  restartDecision,
  shouldDownload,
  shouldOfferRestart,
  browserUpdateStatus,
  updatesOffReason,
  updateStatusLine,
  type UpdateStatus,
  type UpdateSituation,
} from '../../src/shared/updates/updatePolicy';

const installed: UpdateSituation = { shell: 'desktop', packaged: true, demoWorkspace: false, feed: { provider: 'github', owner: 'acme', repo: 'roc' } };

describe('the update feed setting', () => {
  it('reads GitHub releases and generic https feeds', () => {
    expect(parseUpdateFeed('github:acme/retail-ops-console')).toEqual({ provider: 'github', owner: 'acme', repo: 'retail-ops-console' });
    expect(parseUpdateFeed(' https://updates.example.com/roc/ ')).toEqual({ provider: 'generic', url: 'https://updates.example.com/roc/' });
  });

  it('refuses anything else in words', () => {
    expect(() => parseUpdateFeed('http://updates.example.com/')).toThrow(/must use https/);
    expect(() => parseUpdateFeed('github:acme')).toThrow(/neither an https:\/\/ address nor github:owner\/repo/);
    expect(() => parseUpdateFeed('')).toThrow(/neither/);
    expect(() => parseUpdateFeed('file:///etc/passwd')).toThrow(/https/);
  });
});

describe('when updates are off', () => {
  it('are on only in an installed desktop app with a feed, outside the Demo workspace', () => {
    expect(updatesOffReason(installed)).toBeNull();
    expect(updatesOffReason({ ...installed, shell: 'browser' })).toMatch(/^this is browser mode;/);
    expect(updatesOffReason({ ...installed, demoWorkspace: true })).toMatch(/^the Demo workspace is on/);
    expect(updatesOffReason({ ...installed, packaged: false })).toMatch(/development build/);
    expect(updatesOffReason({ ...installed, feed: null })).toMatch(/no update feed/);
  });
});

describe('when to check', () => {
  const start = Date.UTC(2026, 11, 31, 23, 59, 50); // across a year boundary
  it('checks shortly after start, then a day after each check', () => {
    expect(nextCheckAt(start, null, start)).toBe(start + firstCheckDelayMs);
    expect(nextCheckAt(start, start + 5_000, start + 6_000)).toBe(start + 5_000 + checkEveryMs);
  });
  it('checks at once when a day was missed (the machine slept)', () => {
    const now = start + 3 * checkEveryMs;
    expect(nextCheckAt(start, start, now)).toBe(now);
  });
});

describe('download and restart', () => {
  it('downloads in the background once, not twice', () => {
    expect(shouldDownload({ phase: 'idle' }, '1.2.0')).toBe(true);
    expect(shouldDownload({ phase: 'downloading', version: '1.2.0', percent: 40 }, '1.2.0')).toBe(false);
    expect(shouldDownload({ phase: 'ready', version: '1.2.0' }, '1.2.0')).toBe(false);
    expect(shouldDownload({ phase: 'ready', version: '1.2.0' }, '1.3.0')).toBe(true);
    expect(shouldDownload({ phase: 'failed', message: 'offline' }, '1.2.0')).toBe(true);
  });

  it('offers a restart only once the download is complete', () => {
    expect(shouldOfferRestart({ phase: 'downloading', version: '1.2.0', percent: 99 })).toBe(false);
    expect(shouldOfferRestart({ phase: 'ready', version: '1.2.0' })).toBe(true);
    expect(shouldOfferRestart({ phase: 'idle' })).toBe(false);
  });

  it('never restarts during a download or an export', () => {
    const ready = { phase: 'ready', version: '1.2.0' } as const;
    expect(restartDecision({ phase: ready, exportsRunning: 0 })).toEqual({ restart: true });
    expect(restartDecision({ phase: ready, exportsRunning: 1 })).toEqual({ restart: false, reason: '1 export is still running; restart once it finishes.' });
    expect(restartDecision({ phase: ready, exportsRunning: 2 })).toEqual({ restart: false, reason: '2 exports are still running; restart once they finish.' });
    expect(restartDecision({ phase: { phase: 'downloading', version: '1.2.0', percent: 10 }, exportsRunning: 0 })).toMatchObject({ restart: false, reason: expect.stringMatching(/still downloading/) });
    expect(restartDecision({ phase: { phase: 'idle' }, exportsRunning: 0 })).toMatchObject({ restart: false });
  });

  it('says where things stand in one line, for each state', () => {
    // A fixed clock writer: the line's words are under test, not the machine's time zone.
    const clock = (at: number) => new Date(at).toISOString().slice(11, 16);
    const on = (phase: UpdateStatus['phase'], checkedAt: number | null = Date.UTC(2026, 11, 6, 14, 2)): UpdateStatus => ({ offReason: null, phase, checkedAt });
    expect(updateStatusLine(on({ phase: 'idle' }), clock)).toBe('Updates: on — checked at 14:02, up to date');
    expect(updateStatusLine(on({ phase: 'idle' }, null), clock)).toBe('Updates: on — not checked yet (the first check is shortly after start)');
    expect(updateStatusLine(on({ phase: 'checking' }), clock)).toBe('Updates: on — checking now…');
    expect(updateStatusLine(on({ phase: 'downloading', version: '3.2.1', percent: 40.9 }), clock)).toBe('Updates: on — downloading 3.2.1 (40%)');
    expect(updateStatusLine(on({ phase: 'ready', version: '3.2.1' }), clock)).toBe('Updates: on — 3.2.1 is ready');
    expect(updateStatusLine(on({ phase: 'failed', message: 'the feed could not be reached' }), clock)).toBe(
      'Updates: on — the check at 14:02 failed: the feed could not be reached; the console tries again tomorrow',
    );
    expect(updateStatusLine({ offReason: updatesOffReason({ ...installed, demoWorkspace: true }), phase: { phase: 'idle' }, checkedAt: null }, clock)).toBe(
      'Updates are off: the Demo workspace is on, so a demonstration never changes version part-way.',
    );
    expect(updateStatusLine({ ...on({ phase: 'idle' }), offReason: updatesOffReason({ ...installed, packaged: false }) }, clock)).toMatch(/^Updates are off: this is a development build;/);
    expect(updateStatusLine({ ...on({ phase: 'idle' }), offReason: updatesOffReason({ ...installed, feed: null }) }, clock)).toBe(
      'Updates are off: no update feed is configured for this installation.',
    );
    expect(updateStatusLine(browserUpdateStatus, clock)).toBe('Updates are off: this is browser mode; update the console where it is installed, then restart npm run serve.');
  });
});
