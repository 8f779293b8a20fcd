import type { TreeNode } from '../../../../shared/estate/types';

export interface TreeIndex {
  /** Node id -> index in the node array. */
  byId: Map<string, number>;
  depth: Uint16Array;
  hasChildren: Uint8Array;
  text: string[];
}

export function indexTree(nodes: readonly TreeNode[]): TreeIndex {
  const depth = new Uint16Array(nodes.length);
  const hasChildren = new Uint8Array(nodes.length);
  const text = new Array<string>(nodes.length);
  const byId = new Map<string, number>();
  nodes.forEach((n, i) => {
    byId.set(n.id, i);
    if (n.parent >= 0) {
      depth[i] = depth[n.parent]! + 1;
      hasChildren[n.parent] = 1;
    }
    if (n.more) hasChildren[i] = 1;
    text[i] = `${n.name} ${n.keys}`.toLowerCase();
  });
  return { byId, depth, hasChildren, text };
}

/**
 * The rows to show: without a search, the nodes whose ancestors are all expanded; with one, every
 * node whose name, store id, Flow code or Exteros name has all the words, and their ancestors.
 */
/** Top-level nodes start open, the rest closed; `toggled` holds the ones the user flipped. */
export function isOpen(node: TreeNode, toggled: ReadonlySet<string>): boolean {
  return (node.parent === -1) !== toggled.has(node.id);
}

/** Search words of a query: lower case, split on spaces. */
export const searchWords = (search: string): string[] => search.toLowerCase().split(/\s+/).filter(Boolean);

/**
 * True when every row matching `next` also matches `previous` (the user typed more at the end): the
 * previous matches can then be narrowed instead of searching every row again.
 */
export const narrows = (previous: string, next: string): boolean => previous !== '' && next.toLowerCase().startsWith(previous.toLowerCase());

/** Indexes of the nodes whose text has every word, among `candidates` (ascending) or all nodes. */
export function matchingNodes(index: TreeIndex, words: readonly string[], candidates?: readonly number[]): number[] {
  const out: number[] = [];
  const n = candidates ? candidates.length : index.text.length;
  for (let k = 0; k < n; k++) {
    const i = candidates ? candidates[k]! : k;
    const t = index.text[i]!;
    let ok = true;
    for (const w of words) {
      if (!t.includes(w)) {
        ok = false;
        break;
      }
    }
    if (ok) out.push(i);
  }
  return out;
}

export function visibleRows(nodes: readonly TreeNode[], index: TreeIndex, toggled: ReadonlySet<string>, search: string, matched?: readonly number[]): number[] {
  const words = searchWords(search);
  const out: number[] = [];
  if (words.length === 0) {
    const open = new Uint8Array(nodes.length);
    for (let i = 0; i < nodes.length; i++) {
      const p = nodes[i]!.parent;
      if (p !== -1 && !open[p]) continue;
      out.push(i);
      if (isOpen(nodes[i]!, toggled)) open[i] = 1;
    }
    return out;
  }
  const keep = new Uint8Array(nodes.length);
  for (const i of matched ?? matchingNodes(index, words)) {
    for (let j = i; j !== -1 && !keep[j]; j = nodes[j]!.parent) keep[j] = 1;
  }
  for (let i = 0; i < nodes.length; i++) if (keep[i]) out.push(i);
  return out;
}
