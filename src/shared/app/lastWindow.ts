// What closing the console's last window does, as a product decision: the console is left running
// with background sync, so with a tray icon it stays there; pure, tested in test/shell/lastWindow.test.ts.

export type LastWindowClosed = { quit: true } | { quit: false; notice: string | null };

export interface LastWindowSituation {
  platform: string;
  /** The tray (menu-bar) icon was created; it is the way back to a window and to Quit. */
  trayShown: boolean;
  /** The "keeps syncing in the tray" notice was shown once already (on this machine, ever). */
  noticeShownBefore: boolean;
}

/** The notice of the first time the console keeps running without a window. */
export function trayNotice(platform: string): string {
  return platform === 'darwin'
    ? 'Retail Ops Console keeps syncing in the menu bar; Quit from its menu or with ⌘Q.'
    : 'Retail Ops Console keeps syncing in the tray; Quit from the tray menu.';
}

/**
 * With a tray icon, closing the last window keeps the console running there (the first time, a
 * notice says so and how to quit); Quit from the tray or the menu quits. Without a tray nothing would
 * bring a window back on Linux and Windows, so closing quits; macOS keeps an app in the Dock, whose
 * icon opens a window again.
 */
export function lastWindowClosed(s: LastWindowSituation): LastWindowClosed {
  if (s.trayShown) return { quit: false, notice: s.noticeShownBefore ? null : trayNotice(s.platform) };
  if (s.platform === 'darwin') return { quit: false, notice: null };
  return { quit: true };
}
