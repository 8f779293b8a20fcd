import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { readFields, readNullable, readString } from '../../../../shared/app/keptShape';
import type { ContractError } from '../../../../shared/contract/errors';
import type { StorePanel, StoreTree, TreeNode } from '../../../../shared/estate/types';
import { api, latestCall, type LatestCall } from '../../api/client';
import { kept } from '../../ui/keptState';

interface EstateState {
  tree: StoreTree | null;
  loading: boolean;
  error: ContractError | null;
  /** The node the IT views are scoped to (null = everything). */
  selected: string | null;
  panel: StorePanel | null;
  panelError: ContractError | null;
  /** The tree being read now: a second load waits for it and asks nothing. */
  reading: Promise<void> | null;
  /** The store panel shown: choosing another store (or none) gives up the one still being read. */
  panelCalls: LatestCall;
  load(force?: boolean): Promise<void>;
  select(nodeId: string | null): void;
  loadPanel(storeUuid: string): Promise<void>;
  link(connectionId: string, key: string, storeUuid: string | null, auto?: boolean): Promise<ContractError | null>;
}

export const useEstate = create<EstateState>()(persist((set, get) => ({
  tree: null,
  loading: false,
  error: null,
  selected: null,
  panel: null,
  panelError: null,
  reading: null,
  panelCalls: latestCall(),

  async load(force = false) {
    const { reading, tree: shown } = get();
    if (reading) return reading;
    if (shown && !shown.partial && !force) return;
    const read = (async () => {
      // Nothing on screen yet: regions and stores first (what the first screen shows), then the full tree.
      if (!shown) {
        performance.mark('roc:tree-top-asked');
        const top = await api.call('estate.tree', { part: 'top' });
        performance.mark('roc:tree-top-received');
        if (!top.ok) return void set({ error: top.error, loading: false, reading: null });
        set({ tree: top.value, error: null });
      }
      const result = await api.call('estate.tree', { part: 'full' });
      if (!result.ok) return void set({ error: result.error, loading: false, reading: null });
      // A selection kept from before (see keptState.ts) whose node is gone (another workspace) is let go.
      const kept = get().selected;
      const gone = kept !== null && !result.value.partial && !result.value.nodes.some((n) => n.id === kept);
      set({ tree: result.value, error: null, loading: false, reading: null, ...(gone ? { selected: null, panel: null } : {}) });
    })();
    set({ loading: true, reading: read });
    try {
      await read;
    } finally {
      // Ended by a throw: the read's own last `set` did not let it go.
      if (get().reading === read) set({ reading: null });
    }
  },

  select(nodeId) {
    set({ selected: nodeId });
    const node = nodeId ? get().tree?.nodes.find((n) => n.id === nodeId) : undefined;
    if (node?.storeUuid) void get().loadPanel(node.storeUuid);
    else {
      get().panelCalls.stop();
      set({ panel: null, panelError: null });
    }
  },

  async loadPanel(storeUuid) {
    const signal = get().panelCalls.next();
    const result = await api.call('estate.store', { storeUuid }, { signal });
    if (signal.aborted) return;
    if (result.ok) set({ panel: result.value, panelError: null });
    else set({ panel: null, panelError: result.error });
  },

  async link(connectionId, key, storeUuid, auto = false) {
    const result = await api.call('estate.link', { connectionId, key, storeUuid, auto });
    if (!result.ok) return result.error;
    await get().load(true);
    return null;
  },
}), kept<EstateState, Pick<EstateState, 'selected'>>({
  // The node the Stores and IT views are scoped to; its panel is asked again when shown.
  name: 'estate',
  version: 1,
  pick: (s) => ({ selected: s.selected }),
  read: (stored) => readFields<Pick<EstateState, 'selected'>>(stored, { selected: readNullable(readString) }),
})));

export function nodeById(tree: StoreTree | null, id: string | null): TreeNode | undefined {
  return id && tree ? tree.nodes.find((n) => n.id === id) : undefined;
}

/** The newest fetch time among the tree's datasets. */
export function newestAge(tree: StoreTree | null): string | null {
  let best: string | null = null;
  for (const a of tree?.ages ?? []) if (a.fetchedAt && (!best || a.fetchedAt > best)) best = a.fetchedAt;
  return best;
}

/** Reloads the IT views' data when the cache changed (a sync ended, a write was answered). */
export function followCacheChanges(onChange: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const changed = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(onChange, 300);
  };
  // A sync, or a write whose answer RetailNext gave (admin), changes the cache.
  const offs = [api.subscribe('sync.finished', changed), api.subscribe('admin.cacheEdited', changed)];
  return () => {
    offs.forEach((off) => off());
    if (timer) clearTimeout(timer);
  };
}

/** Starts a sync of every connection (what an empty view offers). */
export async function syncEverything(): Promise<ContractError | null> {
  const list = await api.call('connections.list', {});
  if (!list.ok) return list.error;
  if (list.value.length === 0) return { code: 'not_found', message: 'Add a connection (or try the Demo workspace) first.' };
  for (const c of list.value) {
    const r = await api.call('sync.start', { connectionId: c.id });
    if (!r.ok && r.error.code !== 'conflict') return r.error;
  }
  return null;
}
