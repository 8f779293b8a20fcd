import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { commandShortcuts, shortcutText, viewShortcuts } from '../../src/shared/app/shortcuts';
import { applicationMenuTemplate, shortcutLines, trayMenuTemplate, trayTitle, trayTooltip, type TrayState } from '../../src/main/shell/electron/menuTemplates';

// The menus' templates are plain data: read here without an Electron binary.
const calls: string[] = [];
const menuActions = {
  openView: (v: string) => calls.push(`view:${v}`),
  command: (c: string) => calls.push(c),
  openLogsFolder: () => calls.push('logs'),
};
const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.();
const submenu = (items: MenuItemConstructorOptions[], label: string) => items.find((i) => i.label === label || i.role === label)?.submenu as MenuItemConstructorOptions[];

describe('the application menu', () => {
  it('lists every view with its shortcut, and opens it', () => {
    const view = submenu(applicationMenuTemplate(menuActions, 'linux'), '&View');
    for (const s of viewShortcuts) {
      const item = view.find((i) => i.label === s.label);
      expect(item?.accelerator).toBe(s.accelerator);
      calls.length = 0;
      click(item);
      expect(calls).toEqual([`view:${s.view}`]);
    }
  });

  it('has Help with keyboard shortcuts, the logs folder and about', () => {
    const help = submenu(applicationMenuTemplate(menuActions, 'win32'), 'help');
    calls.length = 0;
    for (const label of ['Keyboard shortcuts', 'Open the logs folder', 'About Retail Ops Console']) click(help.find((i) => i.label === label));
    expect(calls).toEqual(['shortcuts', 'logs', 'about']);
    expect(help.find((i) => i.label === 'Keyboard shortcuts')?.accelerator).toBe(commandShortcuts.find((c) => c.command === 'shortcuts')?.accelerator);
  });

  it('opens the command palette from the View menu with the table\'s accelerator', () => {
    const view = submenu(applicationMenuTemplate(menuActions, 'linux'), '&View');
    const item = view.find((i) => i.label === 'Command palette…');
    expect(item?.accelerator).toBe('CmdOrCtrl+K');
    calls.length = 0;
    click(item);
    expect(calls).toEqual(['palette']);
  });

  it("uses macOS's app menu there and a File menu elsewhere", () => {
    expect(applicationMenuTemplate(menuActions, 'darwin')[0]).toEqual({ role: 'appMenu' });
    expect(applicationMenuTemplate(menuActions, 'linux')[0]?.label).toBe('&File');
  });

  it('gives each view its own shortcut', () => {
    const accelerators = [...viewShortcuts.map((s) => s.accelerator), ...commandShortcuts.map((c) => c.accelerator)];
    expect(new Set(accelerators).size).toBe(accelerators.length);
    expect(new Set(viewShortcuts.map((s) => s.keys)).size).toBe(viewShortcuts.length);
    expect(shortcutText('CmdOrCtrl+Shift+U', true)).toBe('⌘⇧U');
    expect(shortcutText('CmdOrCtrl+1', false)).toBe('Ctrl+1');
    expect(shortcutLines('linux')[0]).toBe('Ctrl+1  Connections');
  });
});

describe('the tray', () => {
  const actions = { open: () => calls.push('open'), syncNow: () => calls.push('sync'), setPaused: (p: boolean) => calls.push(`paused:${p}`), quit: () => calls.push('quit') };
  const idle: TrayState = { sync: 'idle', openCriticalAlerts: 3, lastSyncAgo: '4 min ago' };

  it('says the sync state and the open critical alerts', () => {
    expect(trayTooltip(idle)).toBe('Retail Ops Console: Sync: up to date (4 min ago); 3 open critical alerts');
    expect(trayTooltip({ sync: 'offline', openCriticalAlerts: 1, lastSyncAgo: null })).toBe('Retail Ops Console: Sync: waiting for the network; 1 open critical alert');
    expect(trayTitle(idle)).toBe('3');
    expect(trayTitle({ ...idle, openCriticalAlerts: 0 })).toBe('');
  });

  it('opens the console, syncs now and pauses or resumes syncing', () => {
    const menu = trayMenuTemplate(idle, actions);
    expect(menu.slice(0, 2).map((i) => i.label)).toEqual(['Sync: up to date (4 min ago)', '3 open critical alerts']);
    calls.length = 0;
    for (const label of ['Open Retail Ops Console', 'Sync now', 'Pause syncing']) click(menu.find((i) => i.label === label));
    expect(calls).toEqual(['open', 'sync', 'paused:true']);
    const paused = trayMenuTemplate({ ...idle, sync: 'paused' }, actions);
    expect(paused.find((i) => i.label === 'Pause syncing')?.checked).toBe(true);
    calls.length = 0;
    click(paused.find((i) => i.label === 'Pause syncing'));
    expect(calls).toEqual(['paused:false']);
  });

  it('does not offer Sync now while a sync runs or the network is down', () => {
    expect(trayMenuTemplate({ ...idle, sync: 'syncing' }, actions).find((i) => i.label === 'Sync now')?.enabled).toBe(false);
    expect(trayMenuTemplate({ ...idle, sync: 'offline' }, actions).find((i) => i.label === 'Sync now')?.enabled).toBe(false);
  });
});
