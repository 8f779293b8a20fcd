import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { readArray, readString } from '../../../../shared/app/keptShape';
import { countsOf, type NodeCounts, type StoreTree } from '../../../../shared/estate/types';
import { indexTree, isOpen, matchingNodes, narrows, searchWords, visibleRows, type TreeIndex } from './treeRows';
import { rowOf, treeKeyAction } from './treeKeys';
import { useVirtualRows } from './virtual';
import { useKept } from '../../ui/keptState';
import { plural, pluralWord } from '../../../../shared/text/plural';

const readStringArray = readArray(readString);

const rowHeight = 30;

export function CountBadges({ counts }: { counts: NodeCounts }) {
  return (
    <span className="it-counts">
      {counts.devices > 0 && <span className="it-count" title="Devices">{counts.devices} dev</span>}
      {counts.openAlerts > 0 && <span className="it-count it-count-alert" title="Open alerts">{counts.openAlerts} {counts.openAlerts === 1 ? 'alert' : 'alerts'}</span>}
      {counts.findings > 0 && <span className="it-count it-count-finding" title="Audit findings">{counts.findings} {counts.findings === 1 ? 'finding' : 'findings'}</span>}
    </span>
  );
}

/** A RetailNext location of the tree (`l:<uuid>`): what a bulk change can pick. */
export const locationUuidOf = (id: string): string | null => (id.startsWith('l:') ? id.slice(2) : null);

export interface TreeChecks {
  checked: ReadonlySet<string>;
  /** Checks or unchecks nodes (by id); `shown` = every matching row the list shows now. */
  onCheck(ids: string[], on: boolean): void;
}

/**
 * The store tree, virtualised, with search as you type; with `checks`, RetailNext locations can be checked.
 * Keyboard: one tab stop (a roving tabindex on the rows) and the ARIA tree keys (treeKeys.ts); the row
 * with the focus is scrolled into view, and a node selected elsewhere (the command palette) is revealed.
 */
export function StoreTreeList({ tree, selected, onSelect, checks }: { tree: StoreTree; selected: string | null; onSelect(id: string): void; checks?: TreeChecks }) {
  // The search and the opened or closed rows stay across view switches and reloads (keptState.ts).
  const keptAs = checks ? 'bulk.tree' : 'stores.tree';
  const [search, setSearch] = useKept(`${keptAs}.search`, '', readString);
  const [toggledIds, setToggledIds] = useKept<string[]>(`${keptAs}.toggled`, [], readStringArray);
  const toggled = useMemo(() => new Set(toggledIds), [toggledIds]);
  const setToggled = (change: (s: Set<string>) => Set<string>) => setToggledIds((ids) => [...change(new Set(ids))]);
  const index = useMemo(() => indexTree(tree.nodes), [tree]);
  // Each keystroke that extends the query narrows the previous matches instead of searching every node.
  const last = useRef<{ index: TreeIndex; search: string; matched: number[] } | null>(null);
  const matched = useMemo(() => {
    const words = searchWords(search);
    if (words.length === 0) return undefined;
    const prev = last.current;
    const result = matchingNodes(index, words, prev && prev.index === index && narrows(prev.search, search) ? prev.matched : undefined);
    last.current = { index, search, matched: result };
    return result;
  }, [index, search]);
  const rows = useMemo(() => visibleRows(tree.nodes, index, toggled, search, matched), [tree, index, toggled, search, matched]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = useVirtualRows(rows.length, scrollRef, rowHeight);
  const toggle = (id: string) =>
    setToggled((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  // The row that holds the tab stop: the one last focused, else the selected one, else the first.
  const [focusId, setFocusId] = useState<string | null>(null);
  const positionOf = (id: string | null): number => {
    const node = id ? index.byId.get(id) : undefined;
    return node === undefined ? -1 : rowOf(rows, node);
  };
  const focusPos = positionOf(focusId);
  const activePos = focusPos >= 0 ? focusPos : Math.max(positionOf(selected), 0);
  /** Set when the DOM focus must follow (a key moved it): the row may be rendered only after the scroll. */
  const focusPending = useRef(false);
  const moveFocus = (pos: number) => {
    const node = rows[pos];
    if (node === undefined) return;
    setFocusId(tree.nodes[node]!.id);
    focusPending.current = true;
    virtual.scrollToIndex(pos, { align: 'auto' });
  };
  const activeId = rows[activePos] !== undefined ? tree.nodes[rows[activePos]!]!.id : null;
  useEffect(() => {
    if (!focusPending.current || !activeId) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-node-id="${CSS.escape(activeId)}"]`);
    if (row) {
      focusPending.current = false;
      row.focus({ preventScroll: true });
    }
  });

  // A node selected from elsewhere (the command palette): open its ancestors and scroll to it, once.
  const revealed = useRef<string | null>(null);
  useEffect(() => {
    if (!selected || revealed.current === selected) return;
    const node = index.byId.get(selected);
    if (node === undefined) return; // not in this tree (yet): tried again when the full tree comes
    revealed.current = selected;
    setFocusId(selected);
    const closed: string[] = [];
    for (let p = tree.nodes[node]!.parent; p !== -1; p = tree.nodes[p]!.parent) if (!isOpen(tree.nodes[p]!, toggled)) closed.push(tree.nodes[p]!.id);
    if (closed.length > 0) setToggled((s) => new Set([...s].filter((id) => !closed.includes(id)).concat(closed.filter((id) => !s.has(id)))));
  }, [selected, index, tree, toggled]);
  const revealPos = selected && revealed.current === selected ? positionOf(selected) : -1;
  const scrolledTo = useRef<string | null>(null);
  useEffect(() => {
    if (revealPos < 0 || scrolledTo.current === selected) return;
    scrolledTo.current = selected;
    virtual.scrollToIndex(revealPos, { align: 'center' });
  }, [revealPos, selected, virtual]);

  const onTreeKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target instanceof HTMLInputElement || e.altKey || e.ctrlKey || e.metaKey) return;
    const action = treeKeyAction(e.key, activePos, { rows, nodes: tree.nodes, hasChildren: index.hasChildren, isOpen: (i) => search !== '' || isOpen(tree.nodes[i]!, toggled), canToggle: search === '' });
    if (!action) return;
    e.preventDefault();
    if ('focus' in action) moveFocus(action.focus);
    else if ('toggle' in action) {
      toggle(tree.nodes[action.toggle]!.id);
      focusPending.current = true;
    } else {
      const n = tree.nodes[action.open]!;
      if (e.key === ' ' && checks && locationUuidOf(n.id)) checks.onCheck([n.id], !checks.checked.has(n.id));
      else onSelect(n.id);
    }
  };
  const activeRendered = virtual.getVirtualItems().some((item) => item.index === activePos);

  return (
    <div className="it-tree">
      <input type="search" className="it-search" placeholder="Find a store, code, location…" aria-label="Search stores" value={search} onChange={(e) => setSearch(e.target.value)} />
      <div className="small muted it-tree-count" aria-live="polite">
        {search ? plural(rows.length, 'matching row') : tree.partial ? `${tree.nodes.length.toLocaleString('en-US')} ${pluralWord(tree.nodes.length, 'region or store', 'regions and stores')}` : plural(tree.nodes.length, 'location')}
        {tree.partial && ' · loading sublocations, vendor codes and audit findings…'}
        {checks && (
          <>
            {' · '}
            <button type="button" className="link" onClick={() => checks.onCheck(rows.map((i) => tree.nodes[i]!.id).filter((id) => locationUuidOf(id)), true)}>
              Check the {rows.length} shown
            </button>{' '}
            <button type="button" className="link" disabled={checks.checked.size === 0} onClick={() => checks.onCheck([...checks.checked], false)}>
              Uncheck all
            </button>
          </>
        )}
      </div>
      <div
        ref={scrollRef}
        className="it-scroll"
        role="tree"
        aria-label="Stores"
        // With the tab-stop row scrolled out of the rendered rows, the list itself takes the tab and hands it on.
        tabIndex={activeRendered || rows.length === 0 ? -1 : 0}
        onFocus={(e) => {
          if (e.target === e.currentTarget && rows.length > 0) moveFocus(activePos);
        }}
        onKeyDown={onTreeKey}
      >
        {search !== '' && rows.length === 0 && <p className="it-no-match muted">No store, code or location matches “{search}”.</p>}
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((item) => {
            const i = rows[item.index]!;
            const active = item.index === activePos;
            const n = tree.nodes[i]!;
            const open = search !== '' || isOpen(n, toggled);
            const parentName = n.parent >= 0 ? tree.nodes[n.parent]!.name : '';
            return (
              <div
                key={n.id}
                role="treeitem"
                aria-level={index.depth[i]! + 1}
                aria-expanded={index.hasChildren[i] ? open : undefined}
                aria-selected={n.id === selected}
                tabIndex={active ? 0 : -1}
                data-node-id={n.id}
                data-kind={n.kind}
                className={`it-tree-row${n.id === selected ? ' selected' : ''}`}
                onFocus={() => n.id !== focusId && setFocusId(n.id)}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: rowHeight, transform: `translateY(${item.start}px)`, paddingLeft: 6 + index.depth[i]! * 16 }}
                onClick={() => onSelect(n.id)}
                title={parentName ? `${n.name} — in ${parentName}` : n.name}
              >
                <button
                  type="button"
                  tabIndex={-1}
                  className="it-toggle"
                  aria-label={open ? `Collapse ${n.name}` : `Expand ${n.name}`}
                  disabled={!index.hasChildren[i] || search !== ''}
                  onClick={(e) => {
                    e.stopPropagation();
                    toggle(n.id);
                  }}
                >
                  {index.hasChildren[i] ? (open ? '▾' : '▸') : ''}
                </button>
                {checks && locationUuidOf(n.id) && (
                  <input
                    type="checkbox"
                    tabIndex={-1}
                    aria-label={`Choose ${n.name}`}
                    checked={checks.checked.has(n.id)}
                    onClick={(e) => e.stopPropagation()}
                    onChange={(e) => checks.onCheck([n.id], e.target.checked)}
                  />
                )}
                <span className={`it-node-name it-kind-${n.kind}`}>{n.name}</span>
                {n.kind !== 'vendor_location' && <CountBadges counts={countsOf(n)} />}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
