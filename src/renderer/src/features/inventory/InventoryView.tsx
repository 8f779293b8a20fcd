import { useEffect, useMemo, useRef, useState } from 'react';
import type { ContractError } from '../../../../shared/contract/errors';
import { storesInScope } from '../../../../shared/estate/scope';
import { formatCell, inventoryColumns, inventoryKinds, inventoryLabels, type InventoryKind } from '../../../../shared/inventory/columns';
import { applyInventoryView, columnDefs, rowsContaining, type InventoryView as InventoryViewSpec } from '../../../../shared/inventory/query';
import { api } from '../../api/client';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { downloadText } from '../../ui/downloadText';
import { DataAgeNote } from '../stores/age';
import { followCacheChanges, nodeById, useEstate } from '../stores/store';
import { EmptyCache } from '../stores/StoresView';
import { useVirtualRows } from '../stores/virtual';
import { rowText, useInventory, type LoadedTable } from './store';
import { narrows } from '../stores/treeRows';

const rowHeight = 30;

function ColumnChooser({ kind }: { kind: InventoryKind }) {
  const shown = useInventory((s) => s.columns[kind]);
  const setColumns = useInventory((s) => s.setColumns);
  return (
    <details className="it-columns">
      <summary>Columns</summary>
      <div className="it-columns-menu" role="group" aria-label="Columns to show">
        {inventoryColumns[kind].map((c) => (
          <label key={c.id}>
            <input
              type="checkbox"
              checked={shown.includes(c.id)}
              onChange={(e) => {
                const next = e.target.checked ? inventoryColumns[kind].map((d) => d.id).filter((id) => id === c.id || shown.includes(id)) : shown.filter((id) => id !== c.id);
                if (next.length > 0) setColumns(kind, next);
              }}
            />{' '}
            {c.label}
          </label>
        ))}
      </div>
    </details>
  );
}

export function InventoryView() {
  const { kind, tables, loading, error, search, filters, sort, columns, setKind, load, setSearch, setFilter, toggleSort, invalidate } = useInventory();
  const { tree, selected, select, load: loadTree } = useEstate();
  const [exportError, setExportError] = useState<ContractError | null>(null);
  const [exportNote, setExportNote] = useState<string | null>(null);
  useEffect(() => {
    void load(kind);
    void loadTree();
    return followCacheChanges(() => {
      invalidate();
      void load(useInventory.getState().kind, true);
      void loadTree(true);
    });
  }, [kind, load, loadTree, invalidate]);

  const loaded = tables[kind];
  const scopeNode = nodeById(tree, selected);
  const scope = useMemo(() => (tree && selected ? storesInScope(tree.nodes, selected) : null), [tree, selected]);
  const view = useMemo(() => ({ search, filters, sort, columns: columns[kind] }), [search, filters, sort, columns, kind]);
  // A keystroke that extends the search (same table, scope, filters, sort) narrows the previous result.
  const last = useRef<{ loaded: LoadedTable; scope: Set<string> | null; view: InventoryViewSpec; shown: number[] } | null>(null);
  const shown = useMemo(() => {
    if (!loaded) return [];
    const prev = last.current;
    const narrowing = prev && prev.loaded === loaded && prev.scope === scope && prev.view.filters === view.filters && prev.view.sort === view.sort && narrows(prev.view.search, view.search);
    const words = view.search.toLowerCase().split(/\s+/).filter(Boolean);
    const longest = words.reduce((a, w) => (w.length > a.length ? w : a), '');
    const from = narrowing ? { rows: prev.shown, inViewOrder: true } : longest && loaded.corpus ? { rows: rowsContaining(loaded.corpus, longest), inViewOrder: false } : undefined;
    const result = applyInventoryView(loaded.table, view, scope, (i) => rowText(loaded, i), from);
    last.current = { loaded, scope, view, shown: result };
    return result;
  }, [loaded, view, scope]);
  const defs = useMemo(() => columnDefs(kind, columns[kind]), [kind, columns]);
  const at = useMemo(() => defs.map((d) => loaded?.table.columns.indexOf(d.id) ?? -1), [defs, loaded]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = useVirtualRows(shown.length, scrollRef, rowHeight);
  const template = defs.map((d) => (d.type === 'number' || d.type === 'bool' ? 'minmax(70px, 0.6fr)' : 'minmax(120px, 1fr)')).join(' ');

  const exportCsv = async () => {
    setExportError(null);
    setExportNote(null);
    const result = await api.call('inventory.exportCsv', { kind, scope: selected, view });
    if (!result.ok) return setExportError(result.error);
    if (result.value.csv !== null) downloadText(result.value.fileName, result.value.csv);
    setExportNote(result.value.saved ? `Saved ${result.value.rows} rows to ${result.value.path}` : result.value.csv !== null ? `Downloaded ${result.value.rows} rows as ${result.value.fileName}` : 'Export cancelled.');
  };

  return (
    <div className="it-view">
      <div className="view-header">
        <h1>Inventory</h1>
        <DataAgeNote fetchedAt={loaded?.table.fetchedAt} />
      </div>
      <div className="actions it-toolbar">
        <div role="tablist" aria-label="Inventory lists">
          {inventoryKinds.map((k) => (
            <button key={k} type="button" role="tab" aria-selected={k === kind} className={k === kind ? 'primary' : undefined} onClick={() => setKind(k)}>
              {inventoryLabels[k]}
            </button>
          ))}
        </div>
        <input type="search" className="it-search" placeholder="Search every column…" aria-label="Search inventory" value={search} onChange={(e) => setSearch(e.target.value)} />
        <span className="small">
          Scope: <strong>{scopeNode ? scopeNode.name : 'All stores'}</strong>{' '}
          {scopeNode && (
            <button type="button" onClick={() => select(null)}>
              All stores
            </button>
          )}
        </span>
        <ColumnChooser kind={kind} />
        <button type="button" onClick={() => void exportCsv()} disabled={!loaded}>
          Export CSV
        </button>
        <span className="small muted" role="status" data-testid="inventory-count">
          {loaded ? (loaded.table.partial ? `first ${loaded.table.rows.length} of ${loaded.table.total ?? '…'} ${inventoryLabels[kind].toLowerCase()}, loading the rest…` : `${shown.length} of ${loaded.table.rows.length} ${inventoryLabels[kind].toLowerCase()}`) : ''}
        </span>
      </div>
      {exportNote && <p className="small success">{exportNote}</p>}
      {exportError && <ErrorMessage error={exportError} />}
      {error && <ErrorMessage error={error} />}
      {!loaded && loading && <p className="muted">Loading {inventoryLabels[kind].toLowerCase()}…</p>}
      {loaded && loaded.table.rows.length === 0 && <EmptyCache what={inventoryLabels[kind].toLowerCase()} />}
      {loaded && loaded.table.rows.length > 0 && (
        <div className="it-grid" role="table" aria-label={inventoryLabels[kind]} aria-rowcount={shown.length + 1}>
          <div className="it-grid-head" role="rowgroup">
            <div role="row" className="it-grid-row" style={{ gridTemplateColumns: template }}>
              {defs.map((d) => (
                <div key={d.id} role="columnheader" aria-sort={sort?.column === d.id ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
                  <button type="button" className="it-sort" onClick={() => toggleSort(d.id)}>
                    {d.label} {sort?.column === d.id ? (sort.desc ? '↓' : '↑') : ''}
                  </button>
                  <input className="it-filter" aria-label={`Filter ${d.label}`} placeholder="filter" value={filters[d.id] ?? ''} onChange={(e) => setFilter(d.id, e.target.value)} />
                </div>
              ))}
            </div>
          </div>
          <div ref={scrollRef} className="it-scroll it-grid-body" role="rowgroup">
            <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
              {virtual.getVirtualItems().map((item) => {
                const row = loaded.table.rows[shown[item.index]!]!;
                return (
                  <div key={item.key} role="row" data-testid="inventory-row" className="it-grid-row" style={{ gridTemplateColumns: template, position: 'absolute', top: 0, left: 0, right: 0, height: rowHeight, transform: `translateY(${item.start}px)` }}>
                    {defs.map((d, k) => {
                      const v = at[k]! === -1 ? null : (row[at[k]!] ?? null);
                      const text = formatCell(v, d.type);
                      return (
                        <div key={d.id} role="cell" className={v === null || v === '' ? 'muted' : undefined} title={text}>
                          {text || '—'}
                        </div>
                      );
                    })}
                  </div>
                );
              })}
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
