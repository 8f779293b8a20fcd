import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/shared/inventory/columns';
import { applyInventoryView, rowSearchText, rowsContaining, searchCorpus, type InventoryTable, type InventoryView } from '../../src/shared/inventory/query';
import type { TreeNode } from '../../src/shared/estate/types';
import { indexTree, matchingNodes, narrows, searchWords, visibleRows } from '../../src/renderer/src/features/stores/treeRows';

// Search as you type narrows the previous result when the query was extended: it must give exactly
// what a search from scratch gives.
const words = ['oak', 'plaza', 'aurora', 'entrance', 'north', '20:c3', 'dhcp', 'static', 'oakland'];
let seed = 7;
const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
const phrase = () => Array.from({ length: 1 + rand(3) }, () => words[rand(words.length)]).join(' ') + ` ${rand(300)}`;

describe('narrowing search', () => {
  it('inventory: each extended query over the previous result equals the full search, sorted order kept', () => {
    const rows: Cell[][] = Array.from({ length: 3000 }, (_, i) => [phrase(), phrase(), rand(50), i % 7 === 0 ? null : `store-${rand(40)}`]);
    const table: InventoryTable = { kind: 'cameras', columns: ['store', 'device_name', 'channel_count', 'store_uuid'], rows, fetchedAt: null };
    const query = 'oak plaza 1';
    const corpus = searchCorpus(rows.map(rowSearchText));
    expect(rowsContaining(corpus, 'a')).toEqual(rows.flatMap((r, i) => (rowSearchText(r).includes('a') ? [i] : [])));
    expect(rowsContaining(corpus, 'no such word')).toEqual([]);
    const sort = { column: 'device_name', desc: true };
    let prev: number[] | undefined;
    let prevSearch = '';
    for (let i = 1; i <= query.length; i++) {
      const view: InventoryView = { search: query.slice(0, i), filters: { channel_count: '>10' }, sort, columns: table.columns };
      const scratch = applyInventoryView(table, view, null);
      const narrowed = applyInventoryView(table, view, null, undefined, narrows(prevSearch, view.search) && prev ? { rows: prev, inViewOrder: true } : undefined);
      expect(narrowed).toEqual(scratch);
      // The corpus index gives the rows of a word, in row order; the view sorts them.
      const longest = searchWords(view.search).reduce((a, w) => (w.length > a.length ? w : a), '');
      if (longest) expect(applyInventoryView(table, view, null, undefined, { rows: rowsContaining(corpus, longest), inViewOrder: false })).toEqual(scratch);
      prev = narrowed;
      prevSearch = view.search;
    }
    expect(prev!.length).toBeGreaterThan(0);
    expect(prev!.length).toBeLessThan(rows.length);
  });

  it('tree: matching nodes narrowed from the previous matches equal a search of every node', () => {
    const nodes: TreeNode[] = Array.from({ length: 2000 }, (_, i) => ({ id: `n${i}`, parent: i === 0 ? -1 : rand(i), kind: 'store', name: phrase(), keys: '' }));
    const index = indexTree(nodes);
    let prev: number[] | undefined;
    for (const q of ['o', 'oa', 'oak', 'oak ', 'oak p', 'oak pla', 'oak plaza 1']) {
      const scratch = matchingNodes(index, searchWords(q));
      const narrowed = matchingNodes(index, searchWords(q), prev);
      expect(narrowed).toEqual(scratch);
      expect(visibleRows(nodes, index, new Set(), q, narrowed)).toEqual(visibleRows(nodes, index, new Set(), q));
      prev = narrowed;
    }
    expect(narrows('oak', 'oak p')).toBe(true);
    expect(narrows('oak p', 'oak')).toBe(false);
    expect(narrows('', 'o')).toBe(false);
  });
});
