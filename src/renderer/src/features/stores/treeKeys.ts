import type { TreeNode } from '../../../../shared/estate/types';

/** What a key does in the store tree: move the focus to a row (by position), expand or collapse a node, open it. */
export type TreeKeyAction = { focus: number } | { toggle: number } | { open: number } | null;

export interface TreeKeyContext {
  /** The rows shown: node indexes, ascending. */
  rows: readonly number[];
  nodes: readonly TreeNode[];
  hasChildren: Uint8Array;
  isOpen(node: number): boolean;
  /** False while a search is shown: every row is open then, nothing collapses. */
  canToggle: boolean;
}

/**
 * The WAI-ARIA tree keys at row position `pos`: ↑ ↓ move, → expands a closed node or enters an open
 * one, ← collapses an open node or goes to its parent, Home and End, Enter (and Space) open. Null:
 * not a tree key (it is left to the browser).
 */
export function treeKeyAction(key: string, pos: number, t: TreeKeyContext): TreeKeyAction {
  const last = t.rows.length - 1;
  if (last < 0) return null;
  const node = t.rows[Math.min(Math.max(pos, 0), last)]!;
  switch (key) {
    case 'ArrowDown':
      return { focus: Math.min(pos + 1, last) };
    case 'ArrowUp':
      return { focus: Math.max(pos - 1, 0) };
    case 'Home':
      return { focus: 0 };
    case 'End':
      return { focus: last };
    case 'ArrowRight': {
      if (!t.hasChildren[node]) return { focus: pos };
      if (!t.isOpen(node)) return t.canToggle ? { toggle: node } : { focus: pos };
      const next = t.rows[pos + 1];
      return { focus: next !== undefined && t.nodes[next]!.parent === node ? pos + 1 : pos };
    }
    case 'ArrowLeft': {
      if (t.hasChildren[node] && t.isOpen(node) && t.canToggle) return { toggle: node };
      const parent = t.nodes[node]!.parent;
      const at = parent >= 0 ? rowOf(t.rows, parent) : -1;
      return { focus: at >= 0 ? at : pos };
    }
    case 'Enter':
    case ' ':
      return { open: node };
    default:
      return null;
  }
}

/** Position of a node among the rows (ascending node indexes): a binary search, for 40,000 rows. */
export function rowOf(rows: readonly number[], node: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = rows[mid]!;
    if (v === node) return mid;
    if (v < node) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
