import { useEffect, useMemo, useRef, useState } from 'react';
import type { ContractError } from '../../../../shared/contract/errors';
import { storesInScope } from '../../../../shared/estate/scope';
import { formatCell, inventoryColumns, inventoryKinds, inventoryLabels, type InventoryKind } from '../../../../shared/inventory/columns';
import { applyInventoryView, columnDefs, rowsContaining, type InventoryView as InventoryViewSpec } from '../../../../shared/inventory/query';
import { api } from '../../api/client';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { downloadText } from '../../ui/downloadText';
import { deviceKinds, type DeviceKind } from '../../../../shared/inventory/device';
import { deviceLink, useHashArgument } from '../../ui/links';
import { DataAgeNote } from '../stores/age';
import { DeviceDetailPanel } from './DeviceDetailPanel';
import { followCacheChanges, nodeById, useEstate } from '../stores/store';
import { EmptyCache } from '../stores/StoresView';
import { useVirtualRows } from '../stores/virtual';
import { listOfDevice, rowDevice, rowText, useInventory, type LoadedTable } from './store';
import { narrows } from '../stores/treeRows';
import { plural } from '../../../../shared/text/plural';

const rowHeight = 30;

/** `camera/<id>` from the address: the device whose detail is open. */
function parseDevice(arg: string | null): { kind: DeviceKind; id: string } | null {
  const m = arg ? /^([a-z]+)\/(.+)$/.exec(arg) : null;
  return m && (deviceKinds as readonly string[]).includes(m[1]!) ? { kind: m[1] as DeviceKind, id: m[2]! } : null;
}

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
  const open = parseDevice(useHashArgument('inventory'));
  // A device opened by address shows in its own list.
  const openList = open ? listOfDevice[open.kind] : null;
  useEffect(() => {
    if (openList && openList !== useInventory.getState().kind) setKind(openList);
  }, [openList, setKind]);
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
  const widths = defs.map((d) => (d.type === 'number' || d.type === 'bool' ? 80 : d.id === 'store' || d.id === 'device_name' || d.id === 'name' || d.id === 'camera' ? 170 : 130));
  const template = defs.map((d, k) => `minmax(${widths[k]}px, ${d.type === 'number' || d.type === 'bool' ? 0.6 : 1}fr)`).join(' ');
  // The columns keep their room; a table wider than the pane scrolls sideways inside itself.
  const minWidth = widths.reduce((a, w) => a + w + 8, 16);
  const idAt = loaded ? loaded.table.columns.indexOf(rowDevice[kind].column) : -1;
  // A device opened from elsewhere: its row is brought into view.
  const openAt = open && loaded && idAt >= 0 && open.kind === rowDevice[kind].kind ? shown.findIndex((i) => String(loaded.table.rows[i]![idAt]) === open.id) : -1;
  useEffect(() => {
    if (openAt >= 0) virtual.scrollToIndex(openAt, { align: 'center' });
  }, [openAt, virtual]);

  const exportCsv = async () => {
    setExportError(null);
    setExportNote(null);
    const result = await api.call('inventory.exportCsv', { kind, scope: selected, view });
    if (!result.ok) return setExportError(result.error);
    if (result.value.csv !== null) downloadText(result.value.fileName, result.value.csv);
    setExportNote(result.value.saved ? `Saved ${plural(result.value.rows, 'row')} to ${result.value.path}` : result.value.csv !== null ? `Downloaded ${plural(result.value.rows, 'row')} as ${result.value.fileName}` : 'Export cancelled.');
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
      {error && <ErrorMessage error={error} onBack={() => void load(kind, true)} />}
      {!loaded && loading && <p className="muted">Loading {inventoryLabels[kind].toLowerCase()}…</p>}
      {loaded && loaded.table.rows.length === 0 && <EmptyCache what={inventoryLabels[kind].toLowerCase()} />}
      {loaded && loaded.table.rows.length > 0 && (
        <div className={`it-inventory${open ? ' with-detail' : ''}`}>
          <div className="it-grid it-grid-wide" role="table" aria-label={inventoryLabels[kind]} aria-rowcount={shown.length + 1}>
            <div className="it-grid-head" role="rowgroup" style={{ minWidth }}>
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
            <div ref={scrollRef} className="it-scroll it-grid-body" role="rowgroup" style={{ minWidth }}>
              {shown.length === 0 && (
                <p className="it-no-match muted" data-testid="inventory-no-match">
                  No {inventoryLabels[kind].toLowerCase()} match {search ? `“${search}”` : 'these filters'}
                  {scopeNode ? ` in ${scopeNode.name}` : ''}. Clear the search or the column filters{scopeNode ? ', or choose All stores' : ''}.
                </p>
              )}
              <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
                {virtual.getVirtualItems().map((item) => {
                  const row = loaded.table.rows[shown[item.index]!]!;
                  const id = idAt >= 0 ? String(row[idAt] ?? '') : '';
                  const isOpen = open !== null && open.kind === rowDevice[kind].kind && open.id === id;
                  return (
                    <div
                      key={item.key}
                      role="row"
                      data-testid="inventory-row"
                      data-selected={isOpen || undefined}
                      tabIndex={0}
                      title="Open this device's detail"
                      className={`it-grid-row it-grid-link${isOpen ? ' selected' : ''}`}
                      style={{ gridTemplateColumns: template, position: 'absolute', top: 0, left: 0, right: 0, height: rowHeight, transform: `translateY(${item.start}px)` }}
                      onClick={() => id && (window.location.hash = deviceLink(rowDevice[kind].kind, id))}
                      onKeyDown={(e) => e.key === 'Enter' && id && (window.location.hash = deviceLink(rowDevice[kind].kind, id))}
                    >
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
          {open && (
            <DeviceDetailPanel
              kind={open.kind}
              id={open.id}
              version={loaded.table}
              onClose={() => (window.location.hash = '#inventory')}
              onStore={(uuid) => {
                select(`l:${uuid}`);
                window.location.hash = '#stores';
              }}
            />
          )}
        </div>
      )}
    </div>
  );
}
