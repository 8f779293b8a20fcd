import { formatCell, inventoryColumns, type Cell, type ColumnDef, type InventoryKind } from './columns';

/** One inventory list as sent to the renderer: compact rows (arrays in `columns` order), sent once. */
export interface InventoryTable {
  kind: InventoryKind;
  columns: string[];
  rows: Cell[][];
  fetchedAt: string | null;
  /** Only the first rows (asked with `first`): `total` rows in all, the full table follows. */
  partial?: boolean;
  total?: number;
}

export interface InventorySort {
  column: string;
  desc: boolean;
}

/** What the user sees: the same description filters the screen and the CSV export. */
export interface InventoryView {
  search: string;
  /** column id -> text the cell must contain (numbers also accept >n, <n, =n). */
  filters: Record<string, string>;
  sort: InventorySort | null;
  columns: string[];
}

export function columnDefs(kind: InventoryKind, ids: readonly string[]): ColumnDef[] {
  const all = inventoryColumns[kind];
  return ids.map((id) => all.find((c) => c.id === id)).filter((c): c is ColumnDef => c !== undefined);
}

/** Lower-case text of every cell of a row, for search. Built once per row and kept. */
export function rowSearchText(row: readonly Cell[]): string {
  let s = '';
  for (const v of row) if (v !== null) s += `${String(v).toLowerCase()}\u0001`;
  return s;
}

type Test = (v: Cell) => boolean;

function cellTest(def: ColumnDef, raw: string): Test | null {
  const want = raw.trim().toLowerCase();
  if (!want) return null;
  const m = def.type === 'number' ? /^([<>]=?|=)\s*(-?\d+(?:\.\d+)?)$/.exec(want) : null;
  if (m) {
    const n = Number(m[2]);
    const op = m[1];
    return (v) => typeof v === 'number' && (op === '>' ? v > n : op === '>=' ? v >= n : op === '<' ? v < n : op === '<=' ? v <= n : v === n);
  }
  if (want === '(empty)') return (v) => v === null || v === '';
  return (v) => formatCell(v, def.type).toLowerCase().includes(want);
}

function compare(a: Cell, b: Cell): number {
  // Empty cells sort last whatever the direction is handled by the caller.
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const x = String(a).toLowerCase();
  const y = String(b).toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Indexes of the rows to show, in order: in scope (store uuid), matching the search (every word
 * somewhere in the row) and the column filters, sorted. Runs in the renderer on every keystroke
 * (40,000 rows in a few ms) and in the core for the CSV export, so both always agree.
 */
export function applyInventoryView(
  table: InventoryTable,
  view: InventoryView,
  scope: ReadonlySet<string> | null,
  searchText: (i: number) => string = (i) => rowSearchText(table.rows[i]!),
  /**
   * Only these rows can match: the previous result when the search was extended (already in the
   * view's order, kept), or rows found by a faster index (ascending, sorted here).
   */
  from?: { rows: readonly number[]; inViewOrder: boolean },
): number[] {
  const candidates = from?.rows;
  const storeCol = table.columns.indexOf('store_uuid');
  const words = view.search.toLowerCase().split(/\s+/).filter(Boolean);
  const tests: Array<[number, Test]> = [];
  for (const [id, text] of Object.entries(view.filters)) {
    const at = table.columns.indexOf(id);
    const def = columnDefs(table.kind, [id])[0];
    const t = def && at !== -1 ? cellTest(def, text) : null;
    if (t) tests.push([at, t]);
  }
  const out: number[] = [];
  const rows = table.rows;
  const n = candidates ? candidates.length : rows.length;
  outer: for (let k = 0; k < n; k++) {
    const i = candidates ? candidates[k]! : k;
    const row = rows[i]!;
    if (scope && !scope.has(String(row[storeCol] ?? ''))) continue;
    for (const [at, t] of tests) if (!t(row[at] ?? null)) continue outer;
    if (words.length > 0) {
      const text = searchText(i);
      for (const w of words) if (!text.includes(w)) continue outer;
    }
    out.push(i);
  }
  const sort = view.sort;
  if (sort && !from?.inViewOrder) {
    const at = table.columns.indexOf(sort.column);
    if (at !== -1) {
      const dir = sort.desc ? -1 : 1;
      out.sort((i, j) => {
        const a = rows[i]![at] ?? null;
        const b = rows[j]![at] ?? null;
        if (a === null || a === '') return b === null || b === '' ? i - j : 1;
        if (b === null || b === '') return -1;
        return compare(a, b) * dir || i - j;
      });
    }
  }
  return out;
}

/** Header and rows of what is shown, formatted as on screen, for CSV. */
export function inventoryCsvRows(table: InventoryTable, view: InventoryView, indexes: readonly number[]): { header: string[]; rows: string[][] } {
  const defs = columnDefs(table.kind, view.columns);
  const at = defs.map((d) => table.columns.indexOf(d.id));
  return {
    header: defs.map((d) => d.label),
    rows: indexes.map((i) => defs.map((d, k) => formatCell(at[k] === -1 ? null : (table.rows[i]![at[k]!] ?? null), d.type))),
  };
}

/** Every row's search text in one string (rows separated by \u0002) and where each row starts. */
export interface SearchCorpus {
  text: string;
  starts: Int32Array;
}

export function searchCorpus(texts: readonly string[]): SearchCorpus {
  const starts = new Int32Array(texts.length);
  let at = 0;
  texts.forEach((t, i) => {
    starts[i] = at;
    at += t.length + 1;
  });
  return { text: texts.join('\u0002'), starts };
}

/**
 * Rows (ascending) whose text contains a word: one indexOf over the whole corpus that jumps to the
 * next row after each hit, instead of a test per row (a one-letter word over 40,000 rows).
 */
export function rowsContaining(corpus: SearchCorpus, word: string): number[] {
  const { text, starts } = corpus;
  const out: number[] = [];
  let from = 0;
  for (;;) {
    const p = text.indexOf(word, from);
    if (p < 0) break;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= p) lo = mid;
      else hi = mid - 1;
    }
    out.push(lo);
    from = lo + 1 < starts.length ? starts[lo + 1]! : text.length;
  }
  return out;
}
