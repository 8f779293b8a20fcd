// The one table of the console's view shortcuts: the native application menu (desktop), the
// renderer's keyboard handling and its shortcuts dialog all read it. Accelerators are in Electron's
// notation; CmdOrCtrl is Cmd on macOS and Ctrl elsewhere.

export type ViewShortcut = { view: string; label: string; accelerator: string };

export const viewShortcuts: readonly ViewShortcut[] = [
  { view: 'connections', label: 'Connections', accelerator: 'CmdOrCtrl+1' },
  { view: 'stores', label: 'Stores', accelerator: 'CmdOrCtrl+2' },
  { view: 'inventory', label: 'Inventory', accelerator: 'CmdOrCtrl+3' },
  { view: 'audit', label: 'Audit', accelerator: 'CmdOrCtrl+4' },
  { view: 'alerts', label: 'Alerts', accelerator: 'CmdOrCtrl+5' },
  { view: 'live', label: 'Live', accelerator: 'CmdOrCtrl+6' },
  { view: 'exports', label: 'Exports', accelerator: 'CmdOrCtrl+7' },
  { view: 'reports', label: 'Reports', accelerator: 'CmdOrCtrl+8' },
  { view: 'sync', label: 'Sync', accelerator: 'CmdOrCtrl+9' },
  { view: 'users', label: 'Users', accelerator: 'CmdOrCtrl+Shift+U' },
  { view: 'bulk', label: 'Bulk changes', accelerator: 'CmdOrCtrl+Shift+B' },
  { view: 'changes', label: 'Change log', accelerator: 'CmdOrCtrl+Shift+L' },
];

/** An accelerator as a person reads it on this platform: "⌘1" on macOS, "Ctrl+1" elsewhere. */
export function shortcutText(accelerator: string, mac: boolean): string {
  if (!mac) return accelerator.replace('CmdOrCtrl', 'Ctrl');
  return accelerator.replace('CmdOrCtrl+', '⌘').replace('Shift+', '⇧');
}
