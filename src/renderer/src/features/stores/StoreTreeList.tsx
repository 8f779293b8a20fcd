import { useMemo, useRef, useState } from 'react';
import { countsOf, type NodeCounts, type StoreTree } from '../../../../shared/estate/types';
import { indexTree, isOpen, matchingNodes, narrows, searchWords, visibleRows, type TreeIndex } from './treeRows';
import { useVirtualRows } from './virtual';

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

/** The store tree, virtualised, with search as you type; with `checks`, RetailNext locations can be checked. */
export function StoreTreeList({ tree, selected, onSelect, checks }: { tree: StoreTree; selected: string | null; onSelect(id: string): void; checks?: TreeChecks }) {
  const [search, setSearch] = useState('');
  const [toggled, setToggled] = useState<Set<string>>(() => new Set());
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

  return (
    <div className="it-tree">
      <input type="search" className="it-search" placeholder="Find a store, code, location…" aria-label="Search stores" value={search} onChange={(e) => setSearch(e.target.value)} />
      <div className="small muted it-tree-count" aria-live="polite">
        {search ? `${rows.length} matching rows` : tree.partial ? `${tree.nodes.length} regions and stores` : `${tree.nodes.length} locations`}
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
      <div ref={scrollRef} className="it-scroll" role="tree" aria-label="Stores">
        {search !== '' && rows.length === 0 && <p className="it-no-match muted">No store, code or location matches “{search}”.</p>}
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((item) => {
            const i = rows[item.index]!;
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
                data-kind={n.kind}
                className={`it-tree-row${n.id === selected ? ' selected' : ''}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: rowHeight, transform: `translateY(${item.start}px)`, paddingLeft: 6 + index.depth[i]! * 16 }}
                onClick={() => onSelect(n.id)}
                title={parentName ? `${n.name} — in ${parentName}` : n.name}
              >
                <button
                  type="button"
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
