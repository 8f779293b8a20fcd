import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { commandShortcuts, viewShortcuts } from '../../src/shared/app/shortcuts';
import type { StoreTree, TreeNode } from '../../src/shared/estate/types';
import { CommandPalette } from '../../src/renderer/src/features/keyboard/CommandPalette';
import { ShortcutReader, isTypingTarget, matchesAccelerator, sequenceWindowMs, type KeyPress } from '../../src/renderer/src/features/keyboard/keys';
import { actionEntries, cameraEntries, storeEntries, viewEntries } from '../../src/renderer/src/features/keyboard/paletteEntries';
import { fullFuzzyLimit, PaletteIndex, paletteEntry, queryWords, rankPalette } from '../../src/renderer/src/features/keyboard/rank';
import { ShortcutsDialog } from '../../src/renderer/src/features/keyboard/ShortcutsDialog';
import { useKeyboard } from '../../src/renderer/src/features/keyboard/store';
import { useGlobalShortcuts } from '../../src/renderer/src/features/keyboard/useGlobalShortcuts';
import { StoreTreeList } from '../../src/renderer/src/features/stores/StoreTreeList';
import { useEstate } from '../../src/renderer/src/features/stores/store';

afterEach(() => {
  cleanup();
  useKeyboard.setState({ open: null, returnTo: null, cameras: null, camerasStale: true, camerasError: null });
  useEstate.setState({ tree: null, selected: null, panel: null, error: null });
  window.location.hash = '';
});

/** A tree of `regions` regions with `stores` stores each and two sublocations under every store. */
function makeTree(regions: number, stores: number): StoreTree {
  const nodes: TreeNode[] = [];
  const places = ['Harbor', 'Maple', 'Union', 'Caspar', 'Madison', 'River', 'Oak', 'Pine'];
  for (let r = 0; r < regions; r++) {
    const region = nodes.push({ id: `l:r${r}`, parent: -1, kind: 'region', name: `Region ${r + 1}`, keys: '' }) - 1;
    for (let s = 0; s < stores; s++) {
      const n = r * stores + s;
      const name = `${places[n % places.length]} Plaza #${1000 + n}`;
      const store = nodes.push({ id: `l:s${n}`, parent: region, kind: 'store', name, storeUuid: `s${n}`, keys: `S${1000 + n}` }) - 1;
      nodes.push({ id: `l:s${n}e`, parent: store, kind: 'entrance', name: `${name} Entrance`, keys: '' });
      nodes.push({ id: `l:s${n}f`, parent: store, kind: 'fitting_room', name: `${name} Fitting rooms`, keys: '' });
    }
  }
  return { nodes, links: [], ages: [], version: 't' };
}

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, code: /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : /^\d$/.test(key) ? `Digit${key}` : key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

describe('the one shortcut table, read by the renderer', () => {
  it('matches accelerators with Ctrl elsewhere and Cmd on macOS, whatever Shift prints', () => {
    expect(matchesAccelerator(press('2', { ctrlKey: true }), 'CmdOrCtrl+2', false)).toBe(true);
    expect(matchesAccelerator(press('2', { metaKey: true }), 'CmdOrCtrl+2', false)).toBe(false);
    expect(matchesAccelerator(press('2', { metaKey: true }), 'CmdOrCtrl+2', true)).toBe(true);
    expect(matchesAccelerator(press('U', { ctrlKey: true, shiftKey: true }), 'CmdOrCtrl+Shift+U', false)).toBe(true);
    expect(matchesAccelerator(press('u', { ctrlKey: true }), 'CmdOrCtrl+Shift+U', false)).toBe(false);
    expect(matchesAccelerator(press('k', { ctrlKey: true, altKey: true }), 'CmdOrCtrl+K', false)).toBe(false);
  });

  it('reads every view of the table by accelerator and by "g then a letter", and not while typing', () => {
    for (const s of viewShortcuts) {
      const [mods, key] = [s.accelerator.split('+').slice(0, -1), s.accelerator.split('+').pop()!];
      expect(new ShortcutReader(false).read(press(key, { ctrlKey: true, shiftKey: mods.includes('Shift') }), false, 0)).toEqual({ view: s.view });
      const reader = new ShortcutReader(false);
      const [first, second] = s.keys.split(' ') as [string, string];
      expect(reader.read(press(first), false, 1000)).toBeNull();
      expect(reader.read(press(second), false, 1200)).toEqual({ view: s.view });
      // Typed in a field: nothing.
      const typing = new ShortcutReader(false);
      expect(typing.read(press(first), true, 1000)).toBeNull();
      expect(typing.read(press(second), true, 1100)).toBeNull();
    }
    const slow = new ShortcutReader(false);
    slow.read(press('g'), false, 0);
    expect(slow.read(press('s'), false, sequenceWindowMs + 1)).toBeNull();
    expect(new ShortcutReader(false).read(press('?', { shiftKey: true }), false, 0)).toEqual({ command: 'shortcuts' });
    expect(new ShortcutReader(false).read(press('?', { shiftKey: true }), true, 0)).toBeNull();
    // Ctrl+K opens the palette even from a text field.
    expect(new ShortcutReader(true).read(press('k', { metaKey: true }), true, 0)).toEqual({ command: 'palette' });
  });

  it('knows what is a text field', () => {
    const input = document.createElement('input');
    const box = document.createElement('input');
    box.type = 'checkbox';
    expect(isTypingTarget(input)).toBe(true);
    expect(isTypingTarget(document.createElement('textarea'))).toBe(true);
    expect(isTypingTarget(box)).toBe(false);
    expect(isTypingTarget(document.createElement('button'))).toBe(false);
  });
});

describe('command palette ranking', () => {
  const tree = makeTree(3, 8);
  const cameras = { stores: ['Madison Plaza #1004', 'Harbor Plaza #1000'], cameras: [['AC:CC:8E:00:00:01', 'Register Camera', 0], ['AC:CC:8E:00:00:02', 'Register Camera', 1], ['AC:CC:8E:00:00:03', 'Stockroom Camera', 0]] as [string, string, number][] };
  const indexes = () => [
    new PaletteIndex('Views', viewEntries(false)),
    new PaletteIndex('Stores', storeEntries(tree)),
    new PaletteIndex('Cameras', cameraEntries(cameras)),
    new PaletteIndex('Actions', actionEntries(false, { connections: 3, demo: true })),
  ];

  it('shows views and actions before anything is typed', () => {
    const groups = rankPalette(indexes(), '  ', 50);
    expect(groups.map((g) => g.group)).toEqual(['Views', 'Actions']);
    expect(groups[0]!.items.map((i) => i.label)).toEqual(viewShortcuts.map((s) => s.label));
    // In the Demo workspace already: no "Try the Demo workspace".
    expect(groups[1]!.items.map((i) => i.label)).toEqual(['Sync all', 'Add connection', 'Keyboard shortcuts', 'About Retail Ops Console']);
  });

  it('forgives typos and puts the group of the best match first', () => {
    const typo = rankPalette(indexes(), 'invntory', 20);
    expect(typo[0]!.group).toBe('Views');
    expect(typo[0]!.items[0]!.label).toBe('Inventory');
    const sync = rankPalette(indexes(), 'sync', 20);
    expect(sync[0]!.items[0]!.label).toBe('Sync');
    expect(sync.find((g) => g.group === 'Actions')!.items[0]!.label).toBe('Sync all');
    const store = rankPalette(indexes(), 'madison', 20);
    expect(store[0]!.group).toBe('Stores');
    expect(store[0]!.items.every((i) => i.label.startsWith('Madison'))).toBe(true);
  });

  it('matches words across a camera and its store, and a store by its id', () => {
    const both = rankPalette(indexes(), 'register madison', 20);
    expect(both.map((g) => g.group)).toEqual(['Cameras']);
    expect(both[0]!.items.map((i) => i.target)).toEqual([{ hash: '#inventory/camera/AC%3ACC%3A8E%3A00%3A00%3A01' }]);
    const byId = rankPalette(indexes(), 's1012', 20);
    expect(byId[0]!.items[0]!.label).toBe('Madison Plaza #1012');
    expect(byId[0]!.items[0]!.target).toEqual({ action: 'store:l:s12' });
  });

  it("takes Fuse's operators as plain words", () => {
    expect(queryWords(" ^Madison | 'plaza$ !x ")).toEqual(['madison', 'plaza', 'x']);
  });

  it('stays within the cap on a large estate, whole words first, and still finds one store among thousands', () => {
    const large = makeTree(50, 100); // 5,000 stores
    const stores = new PaletteIndex('Stores', storeEntries(large));
    const many = Array.from({ length: 40_000 }, (_, i) => paletteEntry({ key: `c${i}`, group: 'Cameras', label: `${['Aisle', 'Register', 'Stockroom'][i % 3]} Camera`, detail: `${large.nodes[1 + 3 * (i >> 3)]?.name ?? ''} · MAC${i}`, target: { hash: `#c${i}` } }));
    expect(storeEntries(large).length).toBeGreaterThan(fullFuzzyLimit);
    const groups = rankPalette([stores, new PaletteIndex('Cameras', many)], 'plaza', 20);
    for (const g of groups) {
      expect(g.items.length).toBe(20);
      expect(g.capped).toBe(true);
    }
    const one = rankPalette([stores], 'madison #4012', 20);
    expect(one[0]!.items[0]!.label).toBe('Madison Plaza #4012');
    // A typo still reaches a large group when the word's letters are in order ("madisn").
    expect(rankPalette([stores], 'madisn 4012', 5)[0]!.items[0]!.label).toBe('Madison Plaza #4012');
  });
});

function Overlays() {
  useGlobalShortcuts();
  const open = useKeyboard((s) => s.open);
  return (
    <>
      <button type="button">Where I was</button>
      <input aria-label="A field" />
      {open === 'palette' && <CommandPalette />}
      {open === 'shortcuts' && <ShortcutsDialog />}
    </>
  );
}

describe('command palette and shortcuts dialog', () => {
  it('opens on Ctrl+K, moves with the arrows, goes to the store on Enter; Esc returns the focus', async () => {
    useEstate.setState({ tree: makeTree(2, 6) });
    useKeyboard.setState({ cameras: { stores: [], cameras: [] }, camerasStale: false });
    render(<Overlays />);
    const before = screen.getByRole('button', { name: 'Where I was' });
    before.focus();
    fireEvent.keyDown(before, { key: 'k', code: 'KeyK', ctrlKey: true });
    const input = await screen.findByRole('combobox', { name: /Go to a store/ });
    expect(document.activeElement).toBe(input);
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    await act(() => new Promise((r) => setTimeout(r, 5)));
    expect(document.activeElement).toBe(before);

    fireEvent.keyDown(before, { key: 'k', code: 'KeyK', ctrlKey: true });
    const again = await screen.findByRole('combobox');
    await act(async () => fireEvent.change(again, { target: { value: 'harbor' } }));
    const options = await screen.findAllByRole('option');
    expect(within(screen.getByRole('listbox')).getByText('Stores')).toBeTruthy();
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');
    expect(options.map((o) => o.textContent)).toEqual(['Harbor Plaza #1000Region 1 · S1000', 'Harbor Plaza #1008Region 2 · S1008']);
    fireEvent.keyDown(again, { key: 'ArrowDown' });
    const second = screen.getAllByRole('option')[1]!;
    expect(second.getAttribute('aria-selected')).toBe('true');
    expect(again.getAttribute('aria-activedescendant')).toBe(second.id);
    fireEvent.keyDown(again, { key: 'Enter' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(window.location.hash).toBe('#stores');
    expect(useEstate.getState().selected).toBe('l:s8');
  });

  it('lists the table in the shortcuts dialog, opened by ? but not while typing, and from the palette', async () => {
    render(<Overlays />);
    fireEvent.keyDown(screen.getByLabelText('A field'), { key: '?', shiftKey: true });
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.keyDown(document.body, { key: '?', shiftKey: true });
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    for (const s of viewShortcuts) expect(within(dialog).getByText(s.label)).toBeTruthy();
    for (const c of commandShortcuts) expect(within(dialog).getByText(c.label)).toBeTruthy();
    expect(within(dialog).getByText('Open the store panel')).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Close' }));
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();

    fireEvent.keyDown(document.body, { key: 'k', code: 'KeyK', ctrlKey: true });
    const input = await screen.findByRole('combobox');
    await act(async () => fireEvent.change(input, { target: { value: 'keyboard' } }));
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })).toBeTruthy();
  });

  it('goes to a view with g then a letter, not from a field', () => {
    render(<Overlays />);
    fireEvent.keyDown(screen.getByLabelText('A field'), { key: 'g' });
    fireEvent.keyDown(screen.getByLabelText('A field'), { key: 'a' });
    expect(window.location.hash).toBe('');
    fireEvent.keyDown(document.body, { key: 'g' });
    fireEvent.keyDown(document.body, { key: 'a' });
    expect(window.location.hash).toBe('#alerts');
    fireEvent.keyDown(document.body, { key: '4', code: 'Digit4', ctrlKey: true });
    expect(window.location.hash).toBe('#audit');
  });
});

describe('store tree keys', () => {
  const row = (id: string) => document.querySelector<HTMLElement>(`[role="treeitem"][data-node-id="${id}"]`);
  const focused = () => document.activeElement as HTMLElement;

  it('is one tab stop with ARIA tree semantics, moved by the arrows, Home and End; Enter opens', () => {
    const tree = makeTree(2, 3);
    const chosen: string[] = [];
    render(<StoreTreeList tree={tree} selected={null} onSelect={(id) => chosen.push(id)} />);
    const items = screen.getAllByRole('treeitem');
    // Regions open, stores closed: 2 regions + 6 stores.
    expect(items.length).toBe(8);
    expect(items.filter((i) => i.tabIndex === 0)).toEqual([items[0]]);
    expect(items[0]!.getAttribute('aria-level')).toBe('1');
    expect(items[0]!.getAttribute('aria-expanded')).toBe('true');
    expect(items[1]!.getAttribute('aria-level')).toBe('2');
    expect(items[1]!.getAttribute('aria-expanded')).toBe('false');
    act(() => items[0]!.focus());
    fireEvent.keyDown(focused(), { key: 'ArrowDown' });
    expect(focused().dataset.nodeId).toBe('l:s0');
    expect(focused().tabIndex).toBe(0);
    expect(items[0]!.tabIndex).toBe(-1);
    // → expands a closed store, → again enters its first sublocation, ← goes back to the store, ← collapses it.
    fireEvent.keyDown(focused(), { key: 'ArrowRight' });
    expect(row('l:s0')!.getAttribute('aria-expanded')).toBe('true');
    fireEvent.keyDown(focused(), { key: 'ArrowRight' });
    expect(focused().dataset.nodeId).toBe('l:s0e');
    expect(focused().getAttribute('aria-level')).toBe('3');
    fireEvent.keyDown(focused(), { key: 'ArrowLeft' });
    expect(focused().dataset.nodeId).toBe('l:s0');
    fireEvent.keyDown(focused(), { key: 'ArrowLeft' });
    expect(focused().getAttribute('aria-expanded')).toBe('false');
    fireEvent.keyDown(focused(), { key: 'ArrowLeft' });
    expect(focused().dataset.nodeId).toBe('l:r0');
    fireEvent.keyDown(focused(), { key: 'End' });
    expect(focused().dataset.nodeId).toBe('l:s5');
    fireEvent.keyDown(focused(), { key: 'Home' });
    expect(focused().dataset.nodeId).toBe('l:r0');
    fireEvent.keyDown(focused(), { key: 'ArrowDown' });
    fireEvent.keyDown(focused(), { key: 'ArrowDown' });
    fireEvent.keyDown(focused(), { key: 'Enter' });
    expect(chosen).toEqual(['l:s1']);
  });

  it('keeps the focused row rendered in a virtualised tree of thousands of rows', () => {
    const tree = makeTree(40, 100);
    render(<StoreTreeList tree={tree} selected={null} onSelect={() => undefined} />);
    const first = screen.getAllByRole('treeitem')[0]!;
    expect(screen.getAllByRole('treeitem').length).toBeLessThan(100);
    act(() => first.focus());
    fireEvent.keyDown(first, { key: 'End' });
    // The list scrolled to the end (no layout here: the scroll event is sent by hand); the last row has the focus.
    fireEvent.scroll(screen.getByRole('tree'));
    expect(focused().dataset.nodeId).toBe('l:s3999');
    expect(focused().getAttribute('role')).toBe('treeitem');
  });

  it('reveals a store chosen elsewhere: its collapsed region opens and the row takes the tab stop', () => {
    const tree = makeTree(3, 4);
    const { rerender } = render(<StoreTreeList tree={tree} selected={null} onSelect={() => undefined} />);
    const region = row('l:r2')!;
    act(() => region.focus());
    fireEvent.keyDown(region, { key: 'ArrowLeft' });
    expect(row('l:s10')).toBeNull();
    rerender(<StoreTreeList tree={tree} selected="l:s10" onSelect={() => undefined} />);
    expect(row('l:r2')!.getAttribute('aria-expanded')).toBe('true');
    expect(row('l:s10')!.tabIndex).toBe(0);
    expect(row('l:s10')!.getAttribute('aria-selected')).toBe('true');
  });
});
