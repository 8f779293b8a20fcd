import { app, dialog } from 'electron';
import { autoUpdater } from 'electron-updater';
import { nextCheckAt, restartDecision, shouldDownload, shouldOfferRestart, updatesOffReason, type UpdateFeed, type UpdatePhase, type UpdateStatus } from '../../../shared/updates/updatePolicy';

export type UpdateWiring = {
  feed: UpdateFeed | null;
  demoWorkspace: () => boolean;
  exportsRunning: () => number;
  /** Each move of the updater (and, at once, why it is off): the core is told, the windows show it. */
  onStatus: (status: UpdateStatus) => void;
  /** Opens a window's About dialog, which asks Restart now / Later; false when no window is open. */
  askInWindow: () => boolean;
  log: (message: string) => void;
};

/** While the Demo workspace is open no check is made; it looks again this often. */
const demoRecheckMs = 10 * 60_000;

/**
 * electron-updater carrying out src/shared/updates/updatePolicy.ts: checks shortly after start and
 * daily, downloads in the background, asks the user when to restart; never restarts by itself.
 * One asks: the window's About dialog (Restart now / Later); a native dialog only when no window is open.
 */
export function startUpdates(w: UpdateWiring): { restartNow: () => string | null; workspaceChanged: () => void; stop: () => void } {
  let phase: UpdatePhase = { phase: 'idle' };
  let lastCheckedAt: number | null = null;
  const offReason = () => updatesOffReason({ shell: 'desktop', packaged: app.isPackaged, demoWorkspace: w.demoWorkspace(), feed: w.feed });
  // Off for good in this installation (a development build, no feed): nothing to wire.
  const alwaysOff = updatesOffReason({ shell: 'desktop', packaged: app.isPackaged, demoWorkspace: false, feed: w.feed });
  if (alwaysOff || !w.feed) {
    w.onStatus({ offReason: offReason() ?? 'no update feed is configured for this installation.', phase, checkedAt: null });
    return { restartNow: () => `Updates are off: ${alwaysOff ?? 'no update feed'}`, workspaceChanged: () => undefined, stop: () => undefined };
  }
  // The Demo workspace turns updates off while it is open, and on again once it is left.
  let reportedOff = offReason();
  const report = () => {
    reportedOff = offReason();
    w.onStatus({ offReason: reportedOff, phase, checkedAt: lastCheckedAt });
  };
  const set = (next: UpdatePhase) => {
    phase = next;
    report();
  };
  report();
  autoUpdater.autoDownload = false;
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.setFeedURL(w.feed);
  autoUpdater.on('update-available', (info) => {
    if (!shouldDownload(phase, info.version)) return;
    set({ phase: 'downloading', version: info.version, percent: 0 });
    autoUpdater.downloadUpdate().catch((e: unknown) => set({ phase: 'failed', message: e instanceof Error ? e.message : String(e) }));
  });
  autoUpdater.on('update-not-available', () => set({ phase: 'idle' }));
  autoUpdater.on('download-progress', (p) => {
    // Each whole percent, not each chunk: every move reaches the core and each window.
    if (phase.phase === 'downloading' && Math.floor(p.percent) !== Math.floor(phase.percent)) set({ ...phase, percent: p.percent });
  });
  autoUpdater.on('update-downloaded', (info) => {
    set({ phase: 'ready', version: info.version });
    if (shouldOfferRestart(phase) && !w.askInWindow()) void offerRestart(info.version);
  });
  autoUpdater.on('error', (e) => {
    w.log(`update check failed: ${e.message}`);
    set({ phase: 'failed', message: e.message });
  });

  const restartNow = (): string | null => {
    const decision = restartDecision({ phase, exportsRunning: w.exportsRunning() });
    if (!decision.restart) return decision.reason;
    autoUpdater.quitAndInstall();
    return null;
  };
  const offerRestart = async (version: string) => {
    const { response } = await dialog.showMessageBox({
      type: 'info',
      buttons: ['Restart now', 'Later'],
      defaultId: 1,
      message: `Retail Ops Console ${version} is ready to install.`,
      detail: 'Restart the console when it suits you; it will not restart by itself.',
    });
    if (response !== 0) return;
    const reason = restartNow();
    if (reason) void dialog.showMessageBox({ type: 'info', message: 'Not restarting yet', detail: reason });
  };

  const startedAt = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const check = () => {
    if (offReason()) {
      // No check while the Demo workspace is open; look again later rather than at once.
      if (reportedOff === null) report();
      timer = setTimeout(check, demoRecheckMs);
      return;
    }
    lastCheckedAt = Date.now();
    set(phase.phase === 'downloading' || phase.phase === 'ready' ? phase : { phase: 'checking' });
    autoUpdater.checkForUpdates().catch(() => undefined); // reported through the 'error' event
    schedule();
  };
  const schedule = () => {
    timer = setTimeout(check, nextCheckAt(startedAt, lastCheckedAt, Date.now()) - Date.now());
  };
  schedule();
  const workspaceChanged = () => {
    if (offReason() !== reportedOff) report();
  };
  return { restartNow, workspaceChanged, stop: () => clearTimeout(timer) };
}
