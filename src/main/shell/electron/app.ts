import { app, BrowserWindow, dialog, ipcMain, Menu, MessageChannelMain, Notification, protocol, screen, session, shell, utilityProcess, type WebContents } from 'electron';
import type { ShellServices } from '../../core/shellServices';
import fs from 'node:fs';
import path from 'node:path';
import type { CoreStatus } from '../../../shared/app/contract';
import { corePortChannel, eventChannel } from '../../../shared/contract/ipcChannels';
import type { EventPayload } from '../../../shared/contract/events';
import { coreProcessFlags } from '../../host/coreFlags';
import { CoreHost, type CoreProcess } from '../../host/coreHost';
import { followShellState } from '../../host/shellState';
import type { ShellState } from '../../../shared/app/trayState';
import { lastWindowClosed } from '../../../shared/app/lastWindow';
import { parseUpdateFeed, updateStatusLine, type UpdateFeed } from '../../../shared/updates/updatePolicy';
import { formatClock } from '../../../shared/time/format';
import type { Logger } from '../../log/logger';
import { shellServiceNames, type CoreStart, type CoreToShell } from '../../host/protocol';
import { mediaBasePath } from '../../live/httpMedia';
import { createFileLogger } from '../../log/fileLogger';
import { keepServingOnFailure } from '../../log/processGuard';
import { answerAppRequest, appEntryUrl, appScheme, appSchemePrivileges, type MediaAnswer } from './appScheme';
import { applicationMenuTemplate, shortcutLines } from './menuTemplates';
import { isAllowedNavigation, isPermissionAllowed, isTrustedSender } from './trust';
import { startTray } from './tray';
import { startUpdates } from './updates';
import { openMainWindow } from './windowOptions';
import { keepWindowPlace, windowOpening } from './windowPlace';

/**
 * The desktop shell: hardened windows over the core, which runs in its own utility process. Each
 * window gets a MessagePort straight to the core (calls and events never pass through this
 * process); this process only creates windows, serves the app scheme and the shell services the
 * core asks for (dialogs, notifications, printToPDF, opening files), and starts the core again if
 * it dies. Everything else lives in the core, which is tested without Electron.
 */
export function runDesktop(): void {
  app.enableSandbox();
  // The window's one trusted origin is the app scheme's, in every build. Only a development build
  // (electron-vite dev; never a built or packaged app) takes its files from the dev server.
  const devServer = import.meta.env.DEV && !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
  const rendererUrl = appEntryUrl;
  let host: CoreHost | null = null;
  let log: Logger | null = null;
  let trayShown = false;

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  app.on('web-contents-created', (_e, contents) => hardenContents(contents, rendererUrl));
  protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: appSchemePrivileges }]);

  app.whenReady().then(() => {
    hardenSession(rendererUrl);
    const dataDir = app.getPath('userData');
    const shellLog = createFileLogger(dataDir, { process: 'shell' });
    log = shellLog;
    // Nothing missed here may end the console silently: logged, and the console keeps serving.
    keepServingOnFailure(shellLog);
    const start: CoreStart = {
      dataDir,
      shell: 'desktop',
      version: app.getVersion(),
      sqliteNativeBinding: electronSqliteBinding(),
      shellServices: [...shellServiceNames],
      mediaBasePath,
      backgroundSync: !process.argv.includes('--no-background-sync'),
    };
    // "Restart now" in a window reaches the updater through the core; it starts with the tray's first state.
    const updater: { restartNow: (() => string | null) | null } = { restartNow: null };
    const running = new CoreHost({ start, log: shellLog, spawn: forkUtilityCore, shellServices: desktopServices(() => updater.restartNow?.() ?? 'The updater has not started yet; try again in a moment.') });
    host = running;
    serveAppScheme(running, devServer);
    // A window asks for its port once its page loaded; only the console's own top frame gets one.
    ipcMain.on(corePortChannel, (event) => {
      if (isTrustedSender(event.senderFrame, rendererUrl)) handPort(running, event.sender);
    });
    // After a restart every window gets a new port to the new core.
    running.onReady(() => {
      for (const win of BrowserWindow.getAllWindows()) if (isTrustedSender(win.webContents.mainFrame, rendererUrl)) handPort(running, win.webContents);
    });
    running.onStatus((status) => {
      for (const win of BrowserWindow.getAllWindows()) win.webContents.send(eventChannel('app.coreStatus'), status satisfies CoreStatus);
    });
    running.ready().catch((e: unknown) => {
      // The core cannot start (a full disk, a cache from a newer version...): say it in words.
      dialog.showErrorBox('Retail Ops Console cannot start', e instanceof Error ? e.message : String(e));
      app.quit();
    });
    setApplicationMenu(rendererUrl, path.join(dataDir, 'logs'), shellLog);
    createWindow(rendererUrl, shellLog);
    // The console runs on in the tray: starting it again opens (or shows) its window.
    app.on('second-instance', () => showWindow(rendererUrl, shellLog));
    trayShown = startTrayAndUpdates(running, rendererUrl, shellLog, updater);
    app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && createWindow(rendererUrl, shellLog));
  }).catch((e: unknown) => {
    // The console cannot start (a full disk, a cache from a newer version...): say it in words.
    dialog.showErrorBox('Retail Ops Console cannot start', e instanceof Error ? e.message : String(e));
    app.quit();
  });

  // Quit (tray, menu, ⌘Q) closes the windows without this event; closing the last one by hand comes here.
  app.on('window-all-closed', () => {
    const noticeFile = path.join(app.getPath('userData'), 'tray-notice-shown');
    const decision = lastWindowClosed({ platform: process.platform, trayShown, noticeShownBefore: fs.existsSync(noticeFile) });
    if (decision.quit) return app.quit();
    if (!decision.notice) return;
    if (Notification.isSupported()) new Notification({ title: 'Retail Ops Console', body: decision.notice }).show();
    log?.log('info', decision.notice);
    try {
      fs.writeFileSync(noticeFile, new Date().toISOString());
    } catch (e) {
      log?.log('warn', `tray notice: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  app.on('will-quit', () => void host?.close());
}

/** The core in an Electron utility process: keytar and better-sqlite3 (Electron's ABI) load there. */
function forkUtilityCore(start: CoreStart): CoreProcess {
  const child = utilityProcess.fork(path.join(__dirname, 'coreProcess.js'), [], {
    serviceName: 'Retail Ops Console core',
    execArgv: [...coreProcessFlags],
    env: { ...process.env, ROC_CORE_START: JSON.stringify(start) },
  });
  return {
    post: (m) => child.postMessage(m),
    postPort: (port) => child.postMessage({ t: 'window' }, [port as Electron.MessagePortMain]),
    onMessage: (listener) => child.on('message', (m: CoreToShell) => listener(m)),
    onExit: (listener) => child.once('exit', (code) => listener(code)),
    kill: () => void child.kill(),
  };
}

/** A new MessagePort pair: one end to the core's process, the other to the window's preload. */
function handPort(host: CoreHost, contents: WebContents): void {
  const proc = host.process;
  if (!proc?.postPort) return;
  const { port1, port2 } = new MessageChannelMain();
  proc.postPort(port1);
  contents.postMessage(corePortChannel, null, [port2]);
}

/** The app scheme: the renderer's files, and a clip preview under /media (the file read here; see appScheme.ts). */
function serveAppScheme(route: CoreHost, devServer: string | undefined): void {
  protocol.handle(appScheme, (request) =>
    answerAppRequest(request, {
      rendererDir: path.join(__dirname, '../renderer'),
      media: (p, method, range) => route.handle({ path: p, method, range }) as Promise<MediaAnswer>,
      devServer,
    }),
  );
}

function desktopServices(restartToUpdate: () => string | null): ShellServices {
  return {
    restartToUpdate: async () => restartToUpdate(),
    async chooseFolder({ title, defaultPath }) {
      const parent = BrowserWindow.getFocusedWindow();
      const options = { title, defaultPath, properties: ['openDirectory' as const, 'createDirectory' as const] };
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async openPath(filePath) {
      const problem = await shell.openPath(filePath);
      if (problem) throw new Error(problem);
    },
    showItemInFolder: (filePath) => shell.showItemInFolder(filePath),
    notify(title, body) {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
    async printToPdf() {
      const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
      if (!win) throw new Error('no console window to print');
      return win.webContents.printToPDF({ printBackground: true, landscape: true, pageSize: 'A4' });
    },
  };
}

/** The native menu: the views with their shortcuts (src/shared/app/shortcuts.ts) and Help. */
function setApplicationMenu(rendererUrl: string, logsDir: string, log: Logger): void {
  const menu = applicationMenuTemplate(
    {
      openView(view) {
        const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
        if (!win) return createWindow(`${rendererUrl}#${view}`, log);
        // The same page with another fragment: the renderer follows hashchange, nothing reloads.
        void win.webContents.loadURL(`${rendererUrl}#${view}`);
        win.show();
      },
      command(command) {
        const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
        // The window shows its own palette and dialog; with none open, the list goes in a native dialog.
        if (win) {
          win.webContents.send(eventChannel('app.command'), { command } satisfies EventPayload<'app.command'>);
          win.show();
        } else if (command === 'shortcuts') {
          void dialog.showMessageBox({ type: 'info', message: 'Keyboard shortcuts', detail: shortcutLines(process.platform).join('\n') });
        } else if (command === 'about') app.showAboutPanel();
        else createWindow(rendererUrl, log);
      },
      openLogsFolder: () => void shell.openPath(logsDir),
    },
    process.platform,
  );
  app.setAboutPanelOptions({ applicationName: 'Retail Ops Console', applicationVersion: app.getVersion() });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menu));
}

/**
 * The tray (sync state, open critical alerts, Sync now, Pause syncing) and the updater, fed by a small
 * subscription over the core host's own call and event channel (host/shellState.ts). The updater starts
 * once the first state is known: it stays off in the Demo workspace and never restarts over an export.
 */
function startTrayAndUpdates(host: CoreHost, rendererUrl: string, log: Logger, updater: { restartNow: (() => string | null) | null }): boolean {
  let state: ShellState | null = null;
  let updates: ReturnType<typeof startUpdates> | null = null;
  const ask = (name: string, input: unknown) => host.invoke(name, input).then((json) => JSON.parse(json) as { ok: boolean; value?: unknown; error?: { message: string } });
  const tray = startTrayOrNot(log, {
    open: () => showWindow(rendererUrl, log),
    syncNow: () => void ask('sync.all', {}),
    async setPaused(paused) {
      const schedule = await ask('sync.schedule', {});
      if (!schedule.ok) return log.log('warn', `pause syncing: ${schedule.error?.message ?? 'no schedule'}`);
      const { settings } = schedule.value as { settings: { enabled: boolean } };
      await ask('sync.setSchedule', { settings: { ...settings, enabled: !paused } });
    },
    quit: () => app.quit(),
  });
  const stop = followShellState(
    host,
    (next) => {
      state = next;
      tray?.show(next);
      if (updates) return updates.workspaceChanged();
      updates = startUpdates({
        feed: updateFeed(log),
        demoWorkspace: () => state?.demoWorkspace ?? false,
        exportsRunning: () => state?.exportsRunning ?? 0,
        onStatus: (status) => {
          host.tellUpdates(status);
          log.log('info', updateStatusLine(status, (at) => formatClock(at)));
        },
        askInWindow() {
          const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
          if (!win) return false;
          win.webContents.send(eventChannel('app.command'), { command: 'about' } satisfies EventPayload<'app.command'>);
          return true;
        },
        log: (message) => log.log('warn', message),
      });
      updater.restartNow = updates.restartNow;
      const started = updates;
      app.on('will-quit', () => started.stop());
    },
    (message) => log.log('warn', `tray state: ${message}`),
  );
  app.on('will-quit', () => {
    stop();
    tray?.destroy();
  });
  return tray !== null;
}

/** The tray icon, or null where it cannot be made (no tray on this desktop): closing the window then quits. */
function startTrayOrNot(log: Logger, actions: Parameters<typeof startTray>[0]): ReturnType<typeof startTray> | null {
  try {
    return startTray(actions);
  } catch (e) {
    log.log('warn', `tray: ${e instanceof Error ? e.message : String(e)}; closing the last window quits the console`);
    return null;
  }
}

/** The console's window in front (made again when none is open: it lives on in the tray). */
function showWindow(rendererUrl: string, log: Logger): void {
  const win = BrowserWindow.getAllWindows()[0];
  if (!win) return createWindow(rendererUrl, log);
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

/**
 * The update feed: ROC_UPDATE_FEED (https://… or github:owner/repo) when set, else the one electron-builder
 * wrote into the installed app (publish in electron-builder.json → resources/app-update.yml); null: none.
 */
function updateFeed(log: Logger): UpdateFeed | null {
  try {
    if (process.env.ROC_UPDATE_FEED) return parseUpdateFeed(process.env.ROC_UPDATE_FEED);
    const yml = path.join(process.resourcesPath, 'app-update.yml');
    if (!app.isPackaged || !fs.existsSync(yml)) return null;
    const url = /^url:\s*['"]?([^'"\s]+)/m.exec(fs.readFileSync(yml, 'utf8'))?.[1];
    return url ? parseUpdateFeed(url) : null;
  } catch (e) {
    log.log('warn', `update feed: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
}

function createWindow(rendererUrl: string, log: Logger): void {
  // Where it was last closed, on a display still there (the primary's work area first).
  const dataDir = app.getPath('userData');
  const primary = screen.getPrimaryDisplay();
  const areas = [primary.workArea, ...screen.getAllDisplays().filter((d) => d.id !== primary.id).map((d) => d.workArea)];
  const opening = windowOpening(dataDir, areas);
  const win = openMainWindow(BrowserWindow, path.join(__dirname, '../preload/index.js'), opening.bounds);
  win.once('ready-to-show', () => {
    if (opening.maximized) win.maximize();
    win.show();
  });
  keepWindowPlace(win, dataDir, (message) => log.log('warn', message));
  void win.loadURL(rendererUrl);
}

function hardenSession(rendererUrl: string): void {
  const ses = session.defaultSession;
  // Only the console's own page gets the few permissions it uses; the app scheme sends its CSP itself.
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => callback(isPermissionAllowed(permission, details.requestingUrl, rendererUrl)));
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin, rendererUrl));
}

function hardenContents(contents: WebContents, rendererUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, rendererUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url, rendererUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * better-sqlite3 built for Electron's ABI lives beside the Node build used by tests
 * (see docs/native-modules.md); without it, the default (Node) build is tried.
 */
function electronSqliteBinding(): string | undefined {
  const candidate = path.join(app.getAppPath(), 'native', 'electron', 'better_sqlite3.node');
  return fs.existsSync(candidate) ? candidate : undefined;
}
