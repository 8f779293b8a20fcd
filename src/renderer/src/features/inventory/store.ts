import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { readBoolean, readFields, readNullable, readObject, readOneOf, readRecordOf, readString } from '../../../../shared/app/keptShape';
import type { ContractError } from '../../../../shared/contract/errors';
import { inventoryColumns, inventoryKinds, type InventoryKind } from '../../../../shared/inventory/columns';
import { rowSearchText, searchCorpus, type InventorySort, type InventoryTable, type SearchCorpus } from '../../../../shared/inventory/query';
import type { DeviceKind } from '../../../../shared/inventory/device';
import { api } from '../../api/client';
import { kept } from '../../ui/keptState';
import { deviceLink } from '../../ui/links';

const columnsKey = 'roc.inventory.columns';

function savedColumns(): Record<InventoryKind, string[]> {
  const defaults = {
    cameras: inventoryColumns.cameras.filter((c) => c.shown).map((c) => c.id),
    appliances: inventoryColumns.appliances.filter((c) => c.shown).map((c) => c.id),
    channels: inventoryColumns.channels.filter((c) => c.shown).map((c) => c.id),
  };
  try {
    const saved = JSON.parse(localStorage.getItem(columnsKey) ?? '{}') as Partial<Record<InventoryKind, string[]>>;
    for (const k of Object.keys(defaults) as InventoryKind[]) {
      const ids = saved[k]?.filter((id) => inventoryColumns[k].some((c) => c.id === id));
      if (ids && ids.length > 0) defaults[k] = ids;
    }
  } catch {
    // unreadable: defaults
  }
  return defaults;
}

export interface LoadedTable {
  table: InventoryTable;
  /** Lower-case text per row for search, built the first time a search reaches the row. */
  text: Array<string | undefined>;
  /** All of it in one string, once every row's text is built (see prepareSearchText). */
  corpus?: SearchCorpus;
}

/** Rows sent first, before the whole list: a few screens' worth. */
export const firstRowCount = 100;

const loadedTable = (table: InventoryTable): LoadedTable => ({ table, text: new Array<string | undefined>(table.rows.length) });

/**
 * Builds the rows' search text a slice at a time while the user looks at the list, so that the
 * first keystroke does not pay for 40,000 rows (a search before it is done builds what it needs).
 */
function prepareSearchText(loaded: LoadedTable, from = 0): void {
  const end = Math.min(loaded.table.rows.length, from + 2000);
  for (let i = from; i < end; i++) rowText(loaded, i);
  if (end < loaded.table.rows.length) setTimeout(() => prepareSearchText(loaded, end), 0);
  else setTimeout(() => (loaded.corpus = searchCorpus(loaded.text as string[])), 0);
}

/** A row's search text (cached on first use). */
export function rowText(loaded: LoadedTable, i: number): string {
  return (loaded.text[i] ??= rowSearchText(loaded.table.rows[i]!));
}

interface InventoryState {
  kind: InventoryKind;
  tables: Partial<Record<InventoryKind, LoadedTable>>;
  loading: boolean;
  /** The lists being fetched now: a second load of one waits for nothing and asks nothing. */
  fetching: InventoryKind[];
  error: ContractError | null;
  search: string;
  filters: Record<string, string>;
  sort: InventorySort | null;
  columns: Record<InventoryKind, string[]>;
  setKind(kind: InventoryKind): void;
  load(kind: InventoryKind, force?: boolean): Promise<void>;
  setSearch(search: string): void;
  setFilter(column: string, text: string): void;
  toggleSort(column: string): void;
  setColumns(kind: InventoryKind, ids: string[]): void;
  invalidate(): void;
}

type KeptInventory = Pick<InventoryState, 'kind' | 'search' | 'filters' | 'sort'>;

/** The list shown, its search, filters and sort (columns the list no longer has are left out). */
function readKeptInventory(stored: unknown): Partial<KeptInventory> | null {
  const r = readFields<KeptInventory>(stored, {
    kind: readOneOf(inventoryKinds),
    search: readString,
    filters: readRecordOf(readString),
    sort: readNullable(readObject<InventorySort>({ column: readString, desc: readBoolean }, ['column', 'desc'])),
  });
  if (!r) return null;
  const known = new Set(inventoryColumns[r.kind ?? 'cameras'].map((c) => c.id));
  if (r.filters) r.filters = Object.fromEntries(Object.entries(r.filters).filter(([id]) => known.has(id)));
  if (r.sort && !known.has(r.sort.column)) r.sort = null;
  return r;
}

export const useInventory = create<InventoryState>()(persist((set, get) => ({
  kind: 'cameras',
  tables: {},
  loading: false,
  fetching: [],
  error: null,
  search: '',
  filters: {},
  sort: null,
  columns: savedColumns(),

  setKind(kind) {
    set({ kind, filters: {}, sort: null });
    void get().load(kind);
  },

  async load(kind, force = false) {
    const shown = get().tables[kind];
    if (shown && !shown.table.partial && !force) return;
    if (get().fetching.includes(kind)) return;
    set((s) => ({ loading: true, fetching: [...s.fetching, kind] }));
    try {
      // Nothing on screen yet: the first rows first, then the whole list (sorting and search need it).
      if (!shown) {
        const first = await api.call('inventory.table', { kind, first: firstRowCount });
        if (!first.ok) return void set({ loading: false, error: first.error });
        set((s) => ({ error: null, tables: { ...s.tables, [kind]: loadedTable(first.value) } }));
        if (!first.value.partial) return void set({ loading: false });
      }
      const result = await api.call('inventory.table', { kind });
      if (!result.ok) return void set({ loading: false, error: result.error });
      const loaded = loadedTable(result.value);
      set((s) => ({ loading: false, error: null, tables: { ...s.tables, [kind]: loaded } }));
      prepareSearchText(loaded);
    } finally {
      set((s) => ({ fetching: s.fetching.filter((k) => k !== kind) }));
    }
  },

  setSearch: (search) => set({ search }),
  setFilter: (column, text) => set((s) => ({ filters: { ...s.filters, [column]: text } })),
  toggleSort: (column) =>
    set((s) => ({ sort: s.sort?.column !== column ? { column, desc: false } : s.sort.desc ? null : { column, desc: true } })),
  setColumns(kind, ids) {
    const columns = { ...get().columns, [kind]: ids };
    set({ columns });
    try {
      localStorage.setItem(columnsKey, JSON.stringify(columns));
    } catch {
      // storage full or disabled: the choice lasts for this session
    }
  },
  invalidate: () => set({ tables: {} }),
}), kept<InventoryState, KeptInventory>({
  name: 'inventory',
  version: 1,
  pick: (s) => ({ kind: s.kind, search: s.search, filters: s.filters, sort: s.sort }),
  read: readKeptInventory,
})));

/** Which device a row of each list is, and the column holding its id. */
export const rowDevice: Record<InventoryKind, { kind: DeviceKind; column: string }> = {
  cameras: { kind: 'camera', column: 'device_id' },
  appliances: { kind: 'appliance', column: 'appliance_id' },
  channels: { kind: 'channel', column: 'channel_uuid' },
};

/** The list a device is shown in. */
export const listOfDevice: Record<DeviceKind, InventoryKind> = { camera: 'cameras', appliance: 'appliances', channel: 'channels' };

/** Opens the inventory on one device's detail (from a store panel, an alert, a finding). */
export function openDeviceRecord(kind: InventoryKind, id: string): void {
  window.location.hash = deviceLink(rowDevice[kind].kind, id);
}
