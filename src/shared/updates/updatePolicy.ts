// When the desktop app looks for, downloads and installs an update: pure decisions, tested without
// Electron (test/updates/updatePolicy.test.ts). src/main/shell/electron/updates.ts only carries them out.

/** Where updates come from: a plain HTTPS folder (electron-builder's generic provider) or GitHub releases. */
export type UpdateFeed = { provider: 'generic'; url: string } | { provider: 'github'; owner: string; repo: string };

/** The first check waits for the console to settle; then once a day. */
export const firstCheckDelayMs = 30_000;
export const checkEveryMs = 24 * 60 * 60 * 1000;

/**
 * Reads the feed setting: `github:owner/repo` or an https:// address of a generic feed.
 * Anything else is an error in words (a typo must not silently turn updates off).
 */
export function parseUpdateFeed(setting: string): UpdateFeed {
  const text = setting.trim();
  const github = /^github:([A-Za-z0-9][\w.-]*)\/([\w.-]+)$/.exec(text);
  if (github) return { provider: 'github', owner: github[1]!, repo: github[2]! };
  const neither = new Error(`The update feed "${text}" is neither an https:// address nor github:owner/repo.`);
  if (text.startsWith('github:')) throw neither;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw neither;
  }
  if (url.protocol !== 'https:') throw new Error(`The update feed must use https:// (got ${url.protocol}//): updates are code the console will run.`);
  return { provider: 'generic', url: url.toString() };
}

export type UpdateSituation = {
  shell: 'desktop' | 'browser';
  /** An installed app (electron-builder's app.isPackaged); a development build has nothing to update. */
  packaged: boolean;
  demoWorkspace: boolean;
  feed: UpdateFeed | null;
};

/** Why updates are off here, the end of "Updates are off: …" in the About dialog; null when they are on. */
export function updatesOffReason(s: UpdateSituation): string | null {
  if (s.shell === 'browser') return 'this is browser mode; update the console where it is installed, then restart npm run serve.';
  if (s.demoWorkspace) return 'the Demo workspace is on, so a demonstration never changes version part-way.';
  if (!s.packaged) return 'this is a development build; only an installed console updates itself.';
  if (!s.feed) return 'no update feed is configured for this installation.';
  return null;
}

/** When to look next: shortly after start, then a day after the last check (a missed day checks at once). */
export function nextCheckAt(startedAt: number, lastCheckedAt: number | null, now: number): number {
  if (lastCheckedAt === null) return Math.max(now, startedAt + firstCheckDelayMs);
  return Math.max(now, lastCheckedAt + checkEveryMs);
}

export type UpdatePhase =
  | { phase: 'idle' }
  | { phase: 'checking' }
  | { phase: 'downloading'; version: string; percent: number }
  | { phase: 'ready'; version: string }
  | { phase: 'failed'; message: string };

/** Whether a found update is downloaded now: in the background, one at a time, never a second copy. */
export function shouldDownload(current: UpdatePhase, offered: string): boolean {
  if (current.phase === 'downloading') return false;
  if (current.phase === 'ready' && current.version === offered) return false;
  return true;
}

/** The user is told once a download is complete; the restart is theirs to choose (never automatic). */
export function shouldOfferRestart(current: UpdatePhase): boolean {
  return current.phase === 'ready';
}

/**
 * Whether a restart the user asked for may happen now. Never during a download (the installer would
 * be half there) or an export (a half-written file); the reason is shown and the restart waits.
 */
export function restartDecision(s: { phase: UpdatePhase; exportsRunning: number }): { restart: true } | { restart: false; reason: string } {
  if (s.phase.phase === 'downloading') return { restart: false, reason: 'The update is still downloading; restart when it is ready.' };
  if (s.phase.phase !== 'ready') return { restart: false, reason: 'No update is ready to install.' };
  if (s.exportsRunning > 0) {
    const n = s.exportsRunning;
    return { restart: false, reason: `${n} export${n === 1 ? ' is' : 's are'} still running; restart once ${n === 1 ? 'it finishes' : 'they finish'}.` };
  }
  return { restart: true };
}

/** What the window shows of updates: why they are off, or the updater's phase and when it last looked. */
export interface UpdateStatus {
  offReason: string | null;
  phase: UpdatePhase;
  /** The last check (epoch ms); null before the first. */
  checkedAt: number | null;
}

/** Browser mode's status: nothing in it can update the console. */
export const browserUpdateStatus: UpdateStatus = {
  offReason: updatesOffReason({ shell: 'browser', packaged: false, demoWorkspace: false, feed: null }),
  phase: { phase: 'idle' },
  checkedAt: null,
};

/**
 * The updates line of the About dialog and the shell log: "Updates: on — checked at 14:02, up to date",
 * "Updates: on — downloading 3.2.1 (40%)", "Updates: on — 3.2.1 is ready", "Updates are off: <reason>".
 * `clock` writes a time of day (src/shared/time/format.ts's formatClock in the console's zone).
 */
export function updateStatusLine(s: UpdateStatus, clock: (at: number) => string): string {
  if (s.offReason) return `Updates are off: ${s.offReason}`;
  const checked = s.checkedAt === null ? null : `checked at ${clock(s.checkedAt)}`;
  switch (s.phase.phase) {
    case 'idle':
      return `Updates: on — ${checked ? `${checked}, up to date` : 'not checked yet (the first check is shortly after start)'}`;
    case 'checking':
      return 'Updates: on — checking now…';
    case 'downloading':
      return `Updates: on — downloading ${s.phase.version} (${Math.floor(s.phase.percent)}%)`;
    case 'ready':
      return `Updates: on — ${s.phase.version} is ready`;
    case 'failed':
      return `Updates: on — ${s.checkedAt === null ? 'the last check' : `the check at ${clock(s.checkedAt)}`} failed: ${s.phase.message}; the console tries again tomorrow`;
  }
}
