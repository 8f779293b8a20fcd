import { app, BrowserWindow, dialog, ipcMain, Notification, protocol, session, shell, type WebContents } from 'electron';
import type { ShellServices } from '../../core/shellServices';
import fs from 'node:fs';
import path from 'node:path';
import { callNames } from '../../../shared/contract/calls';
import { fail } from '../../../shared/contract/errors';
import { callChannel, eventChannel } from '../../../shared/contract/ipcChannels';
import { allowedPermissions, contentSecurityPolicy } from '../../../shared/security/csp';
import { createCore, type Core } from '../../core/createCore';
import { KeytarSecretStore } from '../../secrets/keytarStore';
import { isAllowedNavigation, isTrustedSender } from './trust';
import { mediaRouteFor } from '../../live/service';
import { openMainWindow } from './windowOptions';

/**
 * The desktop shell: a hardened window over the core, one ipcMain handler per call of the
 * contract. Everything else lives in the core, which is tested without Electron.
 */
export function runDesktop(): void {
  app.enableSandbox();
  const rendererUrl = process.env.ELECTRON_RENDERER_URL
    ? `${process.env.ELECTRON_RENDERER_URL}/index.html`
    : new URL(`file://${path.join(__dirname, '../renderer/index.html')}`).href;
  let core: Core | null = null;

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  app.on('web-contents-created', (_e, contents) => hardenContents(contents, rendererUrl));
  registerMediaScheme();

  app.whenReady().then(() => {
    hardenSession(rendererUrl);
    core = createCore({
      dataDir: app.getPath('userData'),
      secrets: new KeytarSecretStore(),
      shell: 'desktop',
      version: app.getVersion(),
      sqliteNativeBinding: electronSqliteBinding(),
      shellServices: desktopServices(),
    });
    const running = core;
    serveMedia(running);
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
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => void core?.close());
}

/**
 * Live video is served by the core on a console-only scheme (the page's CSP allows 'self' and
 * https: only, and the vendor's loopback or http URLs must not reach the player). Only the core's
 * media route answers on it: GET of /live/<session>/..., each session id unguessable and short-lived.
 */
const mediaScheme = 'roc-media';

function registerMediaScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: mediaScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true, bypassCSP: true } },
  ]);
}

function serveMedia(core: Core): void {
  const route = mediaRouteFor(core.context);
  if (!route) return;
  route.expose(`${mediaScheme}://media`);
  protocol.handle(mediaScheme, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'media') return new Response(null, { status: 404 });
    const answer = await route.handle({ path: url.pathname, method: request.method });
    const body = request.method === 'HEAD' ? null : (answer.body as BodyInit | null);
    // the page is a file:// document (origin "null"): the answers carry nothing but public media
    return new Response(body, { status: answer.status, headers: { ...answer.headers, 'Access-Control-Allow-Origin': '*' } });
  });
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
  ses.setPermissionRequestHandler((_wc, permission, callback) => callback(allowedPermissions.has(permission)));
  ses.setPermissionCheckHandler((_wc, permission) => allowedPermissions.has(permission));
  ses.webRequest.onHeadersReceived((details, callback) => {
    const own = details.url.startsWith(new URL(rendererUrl).origin) || details.url.startsWith('file://');
    callback({
      responseHeaders: own
        ? { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] }
        : details.responseHeaders,
    });
  });
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
