import type { BrowserWindow as ElectronBrowserWindow, BrowserWindowConstructorOptions } from 'electron';

type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

/**
 * Opens the main window: an isolated, sandboxed renderer with no Node and web security on. The
 * constructor is passed in so tests can read these options without an Electron binary; the
 * literal stays here, where security scanners can see it.
 */
export function openMainWindow<W = ElectronBrowserWindow>(BrowserWindow: WindowConstructor<W>, preloadPath: string): W {
  return new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Retail Ops Console',
    backgroundColor: '#0f172a',
    webPreferences: {
      // Why PRELOAD_JS_CHECK (a "review the preload" reminder) is disabled: src/preload/index.ts exposes only window.roc,
      // one function per call of the contract and a subscription per contract event, through contextBridge in this
      // isolated, sandboxed renderer; never ipcRenderer or Node. test/shell/electronShell.test.ts checks exactly that.
      preload: preloadPath, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
}
