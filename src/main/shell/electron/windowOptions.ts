import type { BrowserWindow as ElectronBrowserWindow, BrowserWindowConstructorOptions } from 'electron';

type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

/** The default size and the smallest the layout allows (placeWindow clamps a saved size with them). */
export const mainWindowSizes = { width: 1360, height: 860, minWidth: 900, minHeight: 600 };

/**
 * Opens the main window (at `bounds`: see shared/app/windowBounds.ts): an isolated, sandboxed renderer with no Node and web security on. The
 * constructor is passed in so tests can read these options without an Electron binary; the
 * literal stays here, where security scanners can see it.
 */
export function openMainWindow<W = ElectronBrowserWindow>(BrowserWindow: WindowConstructor<W>, preloadPath: string, bounds: { width: number; height: number; x?: number; y?: number } = mainWindowSizes): W {
  return new BrowserWindow({
    width: bounds.width,
    height: bounds.height,
    ...(bounds.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: mainWindowSizes.minWidth,
    minHeight: mainWindowSizes.minHeight,
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
