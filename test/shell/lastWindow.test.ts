import { describe, expect, it } from 'vitest';
import { lastWindowClosed } from '../../src/shared/app/lastWindow';

describe('closing the last window', () => {
  it('keeps the console syncing in the tray, saying so the first time only', () => {
    for (const platform of ['linux', 'win32']) {
      expect(lastWindowClosed({ platform, trayShown: true, noticeShownBefore: false })).toEqual({
        quit: false,
        notice: 'Retail Ops Console keeps syncing in the tray; Quit from the tray menu.',
      });
      expect(lastWindowClosed({ platform, trayShown: true, noticeShownBefore: true })).toEqual({ quit: false, notice: null });
    }
    expect(lastWindowClosed({ platform: 'darwin', trayShown: true, noticeShownBefore: false })).toEqual({ quit: false, notice: expect.stringMatching(/keeps syncing in the menu bar; Quit from its menu/) });
  });

  it('quits on Linux and Windows when there is no tray icon to come back from', () => {
    expect(lastWindowClosed({ platform: 'linux', trayShown: false, noticeShownBefore: false })).toEqual({ quit: true });
    expect(lastWindowClosed({ platform: 'win32', trayShown: false, noticeShownBefore: true })).toEqual({ quit: true });
  });

  it('stays in the macOS Dock without a tray icon, silently', () => {
    expect(lastWindowClosed({ platform: 'darwin', trayShown: false, noticeShownBefore: false })).toEqual({ quit: false, notice: null });
  });
});
