import { app, Menu, nativeImage, Tray } from 'electron';
import path from 'node:path';
import type { ShellState } from '../../../shared/app/trayState';
import { trayMenuTemplate, trayTitle, trayTooltip, type TrayActions } from './menuTemplates';

/** The tray icon's file: packaged beside the app (electron-builder extraResources), else resources/ of the repo. */
function trayIconPath(): string {
  return app.isPackaged ? path.join(process.resourcesPath, 'tray', 'tray.png') : path.join(app.getAppPath(), 'resources', 'tray', 'tray.png');
}

/** The tray (menu-bar) icon: sync state and open critical alerts in its tooltip, title and menu. */
export function startTray(actions: TrayActions): { show: (state: ShellState) => void; destroy: () => void } {
  const tray = new Tray(nativeImage.createFromPath(trayIconPath()));
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
