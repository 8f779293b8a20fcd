// The one table of the console's keyboard shortcuts: the native application menu (desktop), the
// renderer's keyboard handling (desktop and browser mode) and its shortcuts dialog all read it.
// Accelerators are in Electron's notation; CmdOrCtrl is Cmd on macOS and Ctrl elsewhere. `keys` is
// a two-key sequence ("g s": press g, then s) that works where a browser keeps Ctrl+digit for its tabs.

export type ViewShortcut = { view: string; label: string; accelerator: string; keys: string };

export const viewShortcuts: readonly ViewShortcut[] = [
  { view: 'connections', label: 'Connections', accelerator: 'CmdOrCtrl+1', keys: 'g c' },
  { view: 'stores', label: 'Stores', accelerator: 'CmdOrCtrl+2', keys: 'g s' },
  { view: 'inventory', label: 'Inventory', accelerator: 'CmdOrCtrl+3', keys: 'g i' },
  { view: 'audit', label: 'Audit', accelerator: 'CmdOrCtrl+4', keys: 'g u' },
  { view: 'alerts', label: 'Alerts', accelerator: 'CmdOrCtrl+5', keys: 'g a' },
  { view: 'live', label: 'Live', accelerator: 'CmdOrCtrl+6', keys: 'g v' },
  { view: 'exports', label: 'Exports', accelerator: 'CmdOrCtrl+7', keys: 'g e' },
  { view: 'reports', label: 'Reports', accelerator: 'CmdOrCtrl+8', keys: 'g r' },
  { view: 'sync', label: 'Sync', accelerator: 'CmdOrCtrl+9', keys: 'g y' },
  { view: 'board', label: 'Occupancy board', accelerator: 'CmdOrCtrl+Shift+O', keys: 'g o' },
  { view: 'users', label: 'Users', accelerator: 'CmdOrCtrl+Shift+U', keys: 'g n' },
  { view: 'bulk', label: 'Bulk changes', accelerator: 'CmdOrCtrl+Shift+B', keys: 'g b' },
  { view: 'changes', label: 'Change log', accelerator: 'CmdOrCtrl+Shift+L', keys: 'g l' },
];

/** What the console does from anywhere, besides opening a view (About: from the Help menu and the palette). */
export type AppCommand = 'palette' | 'shortcuts' | 'about';

/** `key`: a single key that also does it, outside text fields (the accelerator works everywhere). */
export type CommandShortcut = { command: Exclude<AppCommand, 'about'>; label: string; accelerator: string; key?: string };

export const commandShortcuts: readonly CommandShortcut[] = [
  { command: 'palette', label: 'Command palette: go to a store, camera, view or action', accelerator: 'CmdOrCtrl+K' },
  { command: 'shortcuts', label: 'Keyboard shortcuts (this list)', accelerator: 'CmdOrCtrl+/', key: '?' },
];

/** Keys that work inside one part of the console (listed in the shortcuts dialog). */
export type PlaceKeys = { place: string; keys: readonly { keys: string; label: string }[] };

export const placeKeys: readonly PlaceKeys[] = [
  {
    place: 'Store tree',
    keys: [
      { keys: '↑ ↓', label: 'Previous or next row' },
      { keys: '→', label: 'Expand, or go to the first child' },
      { keys: '←', label: 'Collapse, or go to the parent' },
      { keys: 'Home End', label: 'First or last row' },
      { keys: 'Enter', label: 'Open the store panel' },
    ],
  },
  {
    place: 'Command palette',
    keys: [
      { keys: '↑ ↓', label: 'Previous or next result' },
      { keys: 'Enter', label: 'Go to the result' },
      { keys: 'Esc', label: 'Close, back to where you were' },
    ],
  },
];

/** An accelerator as a person reads it on this platform: "⌘1" on macOS, "Ctrl+1" elsewhere. */
export function shortcutText(accelerator: string, mac: boolean): string {
  if (!mac) return accelerator.replace('CmdOrCtrl', 'Ctrl');
  return accelerator.replace('CmdOrCtrl+', '⌘').replace('Shift+', '⇧');
}
