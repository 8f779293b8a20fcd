import { useDeferredValue, useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import './keyboard.css';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useConnections } from '../connections/store';
import { useEstate } from '../stores/store';
import { useSync } from '../sync/store';
import { isMacPlatform } from './keys';
import { actionEntries, cameraEntries, storeEntries, viewEntries, type PaletteAction } from './paletteEntries';
import { PaletteIndex, rankPalette, type PaletteEntry, type PaletteTarget } from './rank';
import { useKeyboard } from './store';

/** Results per group: enough to scan, few enough that a large estate renders at typing speed (no virtual list needed). */
export const paletteGroupLimit = 20;

/** Runs a chosen entry: the palette is closed first, so what opens next gets the focus. */
function go(target: PaletteTarget): void {
  const keyboard = useKeyboard.getState();
  if ('hash' in target) {
    keyboard.close(false);
    window.location.hash = target.hash;
    return;
  }
  const action = target.action;
  if (action.startsWith('store:')) {
    keyboard.close(false);
    useEstate.getState().select(action.slice('store:'.length));
    window.location.hash = '#stores';
    return;
  }
  switch (action as PaletteAction) {
    case 'shortcuts':
      keyboard.show('shortcuts');
      return;
    case 'about':
      keyboard.show('about');
      return;
    case 'syncAll':
      keyboard.close(false);
      window.location.hash = '#sync';
      void useSync.getState().syncAll();
      return;
    case 'addConnection':
      keyboard.close(false);
      window.location.hash = '#connections/add';
      return;
    case 'startDemo':
      keyboard.close(false);
      window.location.hash = '#connections';
      void useConnections.getState().startDemo();
      return;
  }
}

/** Ctrl+K (Cmd+K): type to go to any view, store, camera or action; arrows and Enter; Esc closes. */
export function CommandPalette() {
  const mac = isMacPlatform(navigator.platform);
  const [query, setQuery] = useState('');
  const typed = useDeferredValue(query);
  const tree = useEstate((s) => s.tree);
  const { cameras, camerasError, loadCameras, close } = useKeyboard();
  const connections = useConnections((s) => s.connections);
  useEffect(() => {
    const estate = useEstate.getState();
    if (!estate.tree || estate.tree.partial) void estate.load();
    void loadCameras();
  }, [loadCameras]);

  const views = useMemo(() => new PaletteIndex('Views', viewEntries(mac)), [mac]);
  const stores = useMemo(() => new PaletteIndex('Stores', storeEntries(tree)), [tree]);
  const cams = useMemo(() => new PaletteIndex('Cameras', cameraEntries(cameras)), [cameras]);
  const demo = connections.some((c) => c.isDemo);
  const actions = useMemo(() => new PaletteIndex('Actions', actionEntries(mac, { connections: connections.length, demo })), [mac, connections.length, demo]);
  const groups = useMemo(() => rankPalette([views, stores, cams, actions], typed, paletteGroupLimit), [views, stores, cams, actions, typed]);
  const flat = useMemo(() => groups.flatMap((g) => g.items), [groups]);
  const [active, setActive] = useState(0);
  useEffect(() => {
    setActive(0);
  }, [groups]);
  // A block, not an arrow's value: Chromium's scrollIntoView now returns a promise, which React would take for a cleanup.
  useEffect(() => {
    void document.getElementById(`kb-option-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, groups]);

  const onKeyDown = (e: KeyboardEvent) => {
    const move = (to: number) => {
      e.preventDefault();
      if (flat.length > 0) setActive((to + flat.length) % flat.length);
    };
    if (e.key === 'ArrowDown') move(active + 1);
    else if (e.key === 'ArrowUp') move(active - 1);
    else if (e.key === 'PageDown') move(Math.min(active + 8, flat.length - 1));
    else if (e.key === 'PageUp') move(Math.max(active - 8, 0));
    else if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      // Typed faster than the deferred results caught up: Enter takes the best match of what the field holds now.
      const chosen = typed === query ? flat[active] : rankPalette([views, stores, cams, actions], query, paletteGroupLimit).flatMap((g) => g.items)[0];
      if (chosen) go(chosen.target);
    } else if (e.key === 'Tab') e.preventDefault(); // the palette is modal: focus stays in its field
  };

  let at = 0;
  const option = (item: PaletteEntry) => {
    const i = at++;
    return (
      <div
        key={item.key}
        id={`kb-option-${i}`}
        role="option"
        aria-selected={i === active}
        className={`kb-option${i === active ? ' active' : ''}`}
        onMouseMove={() => i !== active && setActive(i)}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => go(item.target)}
      >
        <span className="kb-option-label">{item.label}</span>
        {item.detail && <span className="kb-option-detail">{item.detail}</span>}
        {item.hint && <kbd className="kb-option-hint">{item.hint}</kbd>}
      </div>
    );
  };
  const loading = (!tree || !cameras) && !camerasError;

  return (
    <div className="kb-backdrop kb-beside-sidebar" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="kb-palette" role="dialog" aria-modal="true" aria-label="Command palette">
        <input
          className="kb-palette-input"
          role="combobox"
          aria-label="Go to a store, camera, view or action"
          aria-expanded="true"
          aria-controls="kb-palette-results"
          aria-autocomplete="list"
          aria-activedescendant={flat.length > 0 ? `kb-option-${active}` : undefined}
          placeholder="Go to a store, camera, view or action…"
          autoFocus
          spellCheck={false}
          autoComplete="off"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <div id="kb-palette-results" className="kb-results" role="listbox" aria-label="Results">
          {groups.map((g) => (
            <div key={g.group} role="group" aria-labelledby={`kb-group-${g.group}`}>
              <div className="kb-group-head" id={`kb-group-${g.group}`}>
                <span>{g.group}</span>
                {g.total > g.items.length && (
                  <span className="kb-group-more">
                    {g.items.length} of {g.total}
                    {g.capped ? '+' : ''}: type more to narrow
                  </span>
                )}
              </div>
              {g.items.map(option)}
            </div>
          ))}
          {flat.length === 0 && <p className="kb-empty muted">{typed ? `Nothing matches “${typed}”.` : 'Type to search.'}</p>}
        </div>
        {camerasError && <ErrorMessage error={camerasError} />}
        <div className="kb-palette-foot small muted">
          <span>↑↓ move · Enter go · Esc close</span>
          {loading && <span>Loading stores and cameras…</span>}
        </div>
      </div>
    </div>
  );
}
