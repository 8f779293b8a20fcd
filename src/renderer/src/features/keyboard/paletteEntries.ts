import { commandShortcuts, shortcutText, viewShortcuts } from '../../../../shared/app/shortcuts';
import type { StoreTree } from '../../../../shared/estate/types';
import type { CameraNames } from '../../../../shared/inventory/contract';
import { deviceLink } from '../../ui/links';
import { paletteEntry, type PaletteEntry } from './rank';

/** The palette's actions; what each does is in CommandPalette (it needs the features' stores). */
export type PaletteAction = 'syncAll' | 'addConnection' | 'startDemo' | 'shortcuts' | 'about';

/** A store of the tree is chosen by its node: the Stores view selects it and shows its panel. */
export const storeTarget = (nodeId: string) => ({ action: `store:${nodeId}` });

export function viewEntries(mac: boolean): PaletteEntry[] {
  return viewShortcuts.map((s) =>
    paletteEntry({ key: `view:${s.view}`, group: 'Views', label: s.label, detail: '', hint: `${shortcutText(s.accelerator, mac)} · ${s.keys}`, target: { hash: `#${s.view}` } }),
  );
}

export function actionEntries(mac: boolean, workspace: { connections: number; demo: boolean }): PaletteEntry[] {
  const shortcuts = commandShortcuts.find((c) => c.command === 'shortcuts')!;
  const out: PaletteEntry[] = [];
  const add = (action: PaletteAction, label: string, detail: string, hint?: string) =>
    out.push(paletteEntry({ key: `action:${action}`, group: 'Actions', label, detail, ...(hint ? { hint } : {}), target: { action } }));
  if (workspace.connections > 0) add('syncAll', 'Sync all', 'every dataset of every connection, now');
  add('addConnection', 'Add connection', 'a vendor account: RetailNext, Flow or Exteros');
  if (!workspace.demo) add('startDemo', 'Try the Demo workspace', 'the built-in simulator of the three vendors');
  add('shortcuts', 'Keyboard shortcuts', 'the list of keys', `${shortcutText(shortcuts.accelerator, mac)} · ${shortcuts.key ?? ''}`.replace(/ · $/, ''));
  add('about', 'About Retail Ops Console', 'version, data folder, updates');
  return out;
}

/** Stores (and stores only alerts name) of the tree, with their region and ids as detail. */
export function storeEntries(tree: StoreTree | null): PaletteEntry[] {
  if (!tree) return [];
  const out: PaletteEntry[] = [];
  for (const n of tree.nodes) {
    if (n.kind !== 'store' && n.kind !== 'unknown_store') continue;
    const region = n.parent >= 0 ? tree.nodes[n.parent]!.name : '';
    const keys = n.keys && n.keys !== n.storeUuid ? n.keys : '';
    out.push(paletteEntry({ key: `store:${n.id}`, group: 'Stores', label: n.name, detail: [region, keys].filter(Boolean).join(' · '), target: storeTarget(n.id) }));
  }
  return out;
}

export function cameraEntries(names: CameraNames | null): PaletteEntry[] {
  if (!names) return [];
  return names.cameras.map(([id, name, store]) =>
    paletteEntry({ key: `camera:${id}`, group: 'Cameras', label: name, detail: `${store >= 0 ? names.stores[store] : 'No store'} · ${id}`, target: { hash: deviceLink('camera', id) } }),
  );
}
