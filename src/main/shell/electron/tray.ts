import { app, Menu, nativeImage, Tray } from 'electron';
import path from 'node:path';
import type { ShellState } from '../../../shared/app/trayState';
import { trayMenuTemplate, trayTitle, trayTooltip, type TrayActions } from './menuTemplates';

/**
 * The tray icon's file: packaged beside the app (electron-builder extraResources), else resources/ of the
 * repo. macOS gets the template image (black and alpha; the @2x beside it is picked by Electron).
 */
function trayIconPath(): string {
  const file = process.platform === 'darwin' ? 'trayTemplate.png' : 'tray.png';
  return app.isPackaged ? path.join(process.resourcesPath, 'tray', file) : path.join(app.getAppPath(), 'resources', 'tray', file);
}

/** The tray (menu-bar) icon: sync state and open critical alerts in its tooltip, title and menu. */
export function startTray(actions: TrayActions): { show: (state: ShellState) => void; destroy: () => void } {
  const image = nativeImage.createFromPath(trayIconPath());
  // macOS tints a template image for light and dark menu bars ("Template" in the name says so too).
  if (process.platform === 'darwin') image.setTemplateImage(true);
  const tray = new Tray(image);
  tray.setToolTip('Retail Ops Console');
  tray.on('click', actions.open);
  return {
    show(state) {
      tray.setToolTip(trayTooltip(state.tray));
      if (process.platform === 'darwin') tray.setTitle(trayTitle(state.tray));
      tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(state.tray, actions)));
    },
    destroy: () => tray.destroy(),
  };
}
