import type { MenuItemConstructorOptions } from 'electron';
import type { TrayState } from '../../../shared/app/trayState';
import { commandShortcuts, shortcutText, viewShortcuts, type AppCommand } from '../../../shared/app/shortcuts';

/**
 * The native application menu and the tray's menu, built as plain templates so tests can read them
 * without an Electron binary (test/shell/menus.test.ts); app.ts only hands them to Menu.buildFromTemplate.
 */

export type MenuActions = {
  openView: (view: string) => void;
  /** The window's own command palette, shortcuts dialog or About dialog (the renderer shows it). */
  command: (command: AppCommand) => void;
  openLogsFolder: () => void;
};

const commandItem = (command: Exclude<AppCommand, 'about'>, label: string, actions: MenuActions): MenuItemConstructorOptions => ({
  label,
  accelerator: commandShortcuts.find((c) => c.command === command)!.accelerator,
  click: () => actions.command(command),
});

export function applicationMenuTemplate(actions: MenuActions, platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [{ role: 'appMenu' }]
    : [{ label: '&File', submenu: [{ role: 'quit', label: 'Quit Retail Ops Console' }] }];
  return [
    ...appMenu,
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        commandItem('palette', 'Command palette…', actions),
        { type: 'separator' },
        ...viewShortcuts.map((s): MenuItemConstructorOptions => ({ label: s.label, accelerator: s.accelerator, click: () => actions.openView(s.view) })),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        commandItem('shortcuts', 'Keyboard shortcuts', actions),
        { label: 'Open the logs folder', click: actions.openLogsFolder },
        { type: 'separator' },
        // The window's own About, with the updates line (macOS's app menu keeps its native panel too).
        { label: 'About Retail Ops Console', click: () => actions.command('about') },
      ],
    },
  ];
}

/** The shortcuts as lines for a native dialog (when no window can show its own), in this platform's notation. */
export function shortcutLines(platform: NodeJS.Platform): string[] {
  const mac = platform === 'darwin';
  return [
    ...viewShortcuts.map((s) => `${shortcutText(s.accelerator, mac)}  ${s.label}`),
    ...commandShortcuts.map((c) => `${shortcutText(c.accelerator, mac)}  ${c.label}`),
  ];
}

export type { TrayState } from '../../../shared/app/trayState';

export type TrayActions = { open: () => void; syncNow: () => void; setPaused: (paused: boolean) => void; quit: () => void };

const syncWords: Record<TrayState['sync'], string> = {
  idle: 'Sync: up to date',
  syncing: 'Sync: syncing now…',
  paused: 'Sync: paused',
  offline: 'Sync: waiting for the network',
  failed: 'Sync: the last run failed',
};

/** The tray's tooltip: sync state and the open critical alerts, in one line. */
export function trayTooltip(s: TrayState): string {
  const alerts = s.openCriticalAlerts === 0 ? 'no open critical alerts' : `${s.openCriticalAlerts} open critical alert${s.openCriticalAlerts === 1 ? '' : 's'}`;
  const ago = s.lastSyncAgo && s.sync === 'idle' ? ` (${s.lastSyncAgo})` : '';
  return `Retail Ops Console: ${syncWords[s.sync]}${ago}; ${alerts}`;
}

/** macOS shows this beside the menu-bar icon; elsewhere the tooltip carries it. */
export function trayTitle(s: TrayState): string {
  return s.openCriticalAlerts > 0 ? String(s.openCriticalAlerts) : '';
}

export function trayMenuTemplate(s: TrayState, actions: TrayActions): MenuItemConstructorOptions[] {
  const alerts = s.openCriticalAlerts === 0 ? 'No open critical alerts' : `${s.openCriticalAlerts} open critical alert${s.openCriticalAlerts === 1 ? '' : 's'}`;
  return [
    { label: syncWords[s.sync] + (s.lastSyncAgo && s.sync === 'idle' ? ` (${s.lastSyncAgo})` : ''), enabled: false },
    { label: alerts, enabled: false },
    { type: 'separator' },
    { label: 'Open Retail Ops Console', click: actions.open },
    { label: 'Sync now', enabled: s.sync !== 'syncing' && s.sync !== 'offline', click: actions.syncNow },
    { label: 'Pause syncing', type: 'checkbox', checked: s.sync === 'paused', click: () => actions.setPaused(s.sync !== 'paused') },
    { type: 'separator' },
    { label: 'Quit', click: actions.quit },
  ];
}
