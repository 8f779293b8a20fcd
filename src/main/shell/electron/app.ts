import { app, BrowserWindow, dialog, ipcMain, Notification, protocol, session, shell, type WebContents } from 'electron';
import type { ShellServices } from '../../core/shellServices';
import fs from 'node:fs';
import path from 'node:path';
import { callNames } from '../../../shared/contract/calls';
import { fail } from '../../../shared/contract/errors';
import { callChannel, eventChannel } from '../../../shared/contract/ipcChannels';
import { createCore, type Core } from '../../compose';
import { mediaBasePath } from '../../live/httpMedia';
import { createFileLogger } from '../../log/fileLogger';
import { keepServingOnFailure } from '../../log/processGuard';
import { KeytarSecretStore } from '../../secrets/keytarStore';
import { answerAppRequest, appEntryUrl, appScheme, appSchemePrivileges, type MediaAnswer } from './appScheme';
import { isAllowedNavigation, isPermissionAllowed, isTrustedSender } from './trust';
import { openMainWindow } from './windowOptions';

/**
 * The desktop shell: a hardened window over the core, one ipcMain handler per call of the
 * contract. Everything else lives in the core, which is tested without Electron.
 */
export function runDesktop(): void {
  app.enableSandbox();
  // The window's one trusted origin is the app scheme's, in every build. Only a development build
  // (electron-vite dev; never a built or packaged app) takes its files from the dev server.
  const devServer = import.meta.env.DEV && !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
  const rendererUrl = appEntryUrl;
  let core: Core | null = null;

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  app.on('web-contents-created', (_e, contents) => hardenContents(contents, rendererUrl));
  protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: appSchemePrivileges }]);

  app.whenReady().then(() => {
    hardenSession(rendererUrl);
    const dataDir = app.getPath('userData');
    const log = createFileLogger(dataDir);
    // The core runs in this process for now: nothing it misses may end the console.
    keepServingOnFailure(log);
    core = createCore({
      dataDir,
      secrets: new KeytarSecretStore(),
      shell: 'desktop',
      version: app.getVersion(),
      log,
      sqliteNativeBinding: electronSqliteBinding(),
      shellServices: desktopServices(),
    });
    const running = core;
    serveAppScheme(running, devServer);
    for (const name of callNames) {
      ipcMain.handle(callChannel(name), (event, input: unknown) =>
        isTrustedSender(event.senderFrame, rendererUrl)
          ? running.invoke(name, input)
          : fail('invalid_input', 'This request did not come from the console window.'),
      );
    }
    running.subscribe((name, payload) => {
      for (const win of BrowserWindow.getAllWindows()) win.webContents.send(eventChannel(name), payload);
    });
    createWindow(rendererUrl);
    app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && createWindow(rendererUrl));
  }).catch((e: unknown) => {
    // The console cannot start (a full disk, a cache from a newer version...): say it in words.
    dialog.showErrorBox('Retail Ops Console cannot start', e instanceof Error ? e.message : String(e));
    app.quit();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => void core?.close());
}

/** The app scheme: the renderer's files, and the core's media route under /media (see appScheme.ts). */
function serveAppScheme(core: Core, devServer: string | undefined): void {
  const route = core.media;
  route.expose(mediaBasePath);
  protocol.handle(appScheme, (request) =>
    answerAppRequest(request, {
      rendererDir: path.join(__dirname, '../renderer'),
      media: (p, method) => route.handle({ path: p, method }) as Promise<MediaAnswer>,
      devServer,
    }),
  );
}

function desktopServices(): ShellServices {
  return {
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

function createWindow(rendererUrl: string): void {
  const win = openMainWindow(BrowserWindow, path.join(__dirname, '../preload/index.js'));
  win.once('ready-to-show', () => win.show());
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
