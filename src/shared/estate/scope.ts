import type { TreeNode } from './types';

/**
 * The RetailNext store uuids a tree node stands for: a store itself, every store below a region,
 * every unknown store below Unplaced. null = no node chosen (everything).
 */
export function storesInScope(nodes: readonly TreeNode[], nodeId: string | null): Set<string> | null {
  if (nodeId === null) return null;
  const at = nodes.findIndex((n) => n.id === nodeId);
  const out = new Set<string>();
  if (at === -1) return out;
  const inside = new Uint8Array(nodes.length);
  inside[at] = 1;
  for (let i = at; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (i !== at && (n.parent === -1 || !inside[n.parent])) continue;
    inside[i] = 1;
    if (n.storeUuid) out.add(n.storeUuid);
  }
  return out;
}
