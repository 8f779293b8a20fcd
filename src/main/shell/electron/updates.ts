import { app, dialog } from 'electron';
import { autoUpdater } from 'electron-updater';
import { nextCheckAt, restartDecision, shouldDownload, shouldOfferRestart, updatesOffReason, type UpdateFeed, type UpdatePhase } from '../../../shared/updates/updatePolicy';

export type UpdateWiring = {
  feed: UpdateFeed | null;
  demoWorkspace: () => boolean;
  exportsRunning: () => number;
  onPhase: (phase: UpdatePhase, offReason: string | null) => void;
  log: (message: string) => void;
};

/**
 * electron-updater carrying out src/shared/updates/updatePolicy.ts: checks shortly after start and
 * daily, downloads in the background, asks the user when to restart; never restarts by itself.
 */
export function startUpdates(w: UpdateWiring): { restartNow: () => string | null; stop: () => void } {
  let phase: UpdatePhase = { phase: 'idle' };
  const set = (next: UpdatePhase) => {
    phase = next;
    w.onPhase(phase, null);
  };
  const off = updatesOffReason({ shell: 'desktop', packaged: app.isPackaged, demoWorkspace: w.demoWorkspace(), feed: w.feed });
  if (off || !w.feed) {
    w.onPhase(phase, off);
    return { restartNow: () => off, stop: () => undefined };
  }
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
    if (phase.phase === 'downloading') set({ ...phase, percent: p.percent });
  });
  autoUpdater.on('update-downloaded', (info) => {
    set({ phase: 'ready', version: info.version });
    if (shouldOfferRestart(phase)) void offerRestart(info.version);
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
  let lastCheckedAt: number | null = null;
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    timer = setTimeout(() => {
      lastCheckedAt = Date.now();
      if (phase.phase !== 'downloading' && phase.phase !== 'ready') set({ phase: 'checking' });
      autoUpdater.checkForUpdates().catch(() => undefined); // reported through the 'error' event
      schedule();
    }, nextCheckAt(startedAt, lastCheckedAt, Date.now()) - Date.now());
  };
  schedule();
  return { restartNow, stop: () => clearTimeout(timer) };
}
