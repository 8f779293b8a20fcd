import { describe, expect, it } from 'vitest';
import {
  checkEveryMs,
  firstCheckDelayMs,
  nextCheckAt,
  parseUpdateFeed,
  restartDecision,
  shouldDownload,
  shouldOfferRestart,
  updateLine,
  updatesOffReason,
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
    expect(updatesOffReason({ ...installed, shell: 'browser' })).toMatch(/off in browser mode/);
    expect(updatesOffReason({ ...installed, demoWorkspace: true })).toMatch(/off in the Demo workspace/);
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

  it('says where things stand in one line', () => {
    expect(updateLine({ phase: 'idle' }, '1.1.0')).toBe('Version 1.1.0: up to date.');
    expect(updateLine({ phase: 'downloading', version: '1.2.0', percent: 41.7 }, '1.1.0')).toBe('Downloading version 1.2.0 in the background (41%).');
    expect(updateLine({ phase: 'ready', version: '1.2.0' }, '1.1.0')).toMatch(/^Version 1\.2\.0 is ready: restart/);
    expect(updateLine({ phase: 'failed', message: 'the feed could not be reached' }, '1.1.0')).toMatch(/failed \(the feed could not be reached\)/);
  });
});
