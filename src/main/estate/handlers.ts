import type { z } from 'zod';
import { AppError } from '../../shared/contract/errors';
import type { estateCalls } from '../../shared/estate/contract';
import type { StoreTree } from '../../shared/estate/types';
import type { CoreContext } from '../core/context';
import type { HandlersFor } from '../core/handlers';
import { estateState } from '../audit/service';
import { storePanel } from './storePanel';
import type { SyncRunView } from '../../shared/sync/types';
import type { EventListener } from '../core/events';
import { inventoryTable } from '../inventory/table';
import { cacheVersion, estateModel } from './model';
import { buildTopTree, buildTree } from './tree';
import { readPrepared, writePrepared } from './prepared';

type LinkInput = z.output<(typeof estateCalls)['estate.link']['input']>;

const trees = new WeakMap<object, { key: string; tree: StoreTree }>();
const tops = new WeakMap<object, StoreTree>();

function topTree(ctx: CoreContext): StoreTree {
  const version = cacheVersion(ctx.db);
  const cached = tops.get(ctx.db);
  if (cached && cached.version === version) return cached;
  let top = readPrepared<StoreTree>(ctx.db, 'tree.top', version);
  if (!top || top.version !== version) {
    top = buildTopTree(ctx.db);
    writePrepared(ctx.db, ctx.log, 'tree.top', version, top);
  }
  tops.set(ctx.db, top);
  return top;
}

function fullTree(ctx: CoreContext): StoreTree {
  const state = estateState(ctx.db, ctx.now());
  const cached = trees.get(ctx.db);
  if (cached && cached.key === state.key) return cached.tree;
  const tree = { ...buildTree(state.model, state.links, state.findings), version: state.key };
  trees.set(ctx.db, { key: state.key, tree });
  return tree;
}

/** Datasets the IT views are made of: a finished sync of one of them changes the model. */
const estateDatasets = new Set(['locations', 'inventory', 'health_alerts', 'store_hours']);

/**
 * Wire with `...estateHandlers(ctx, (l) => hub.subscribe(l))`. The first screen of the Stores view
 * is read at start (see it_prepared). When a sync of the estate's data ends
 * (and no other follows within a second), the core rebuilds the model, the tree and the camera
 * list then, so that opening the IT views later reads memory instead of 40,000 rows.
 */
export function estateHandlers(ctx: CoreContext, subscribe?: (listener: EventListener) => () => void): HandlersFor<typeof estateCalls> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  // The Stores view's first screen is read into memory as the console starts (from the copy its last
  // run kept, or built), so that a window opening now does not wait for it.
  const warm = setImmediate(() => {
    try {
      if (ctx.db.open) topTree(ctx);
    } catch (e) {
      ctx.log.log('warn', 'estate: could not prepare the store tree at start', { error: String(e) });
    }
  });
  warm.unref?.();
  subscribe?.((name, payload) => {
    if (name !== 'sync.finished' || !estateDatasets.has((payload as SyncRunView).dataset)) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (!ctx.db.open) return;
      try {
        topTree(ctx);
        fullTree(ctx);
        inventoryTable(estateModel(ctx.db), 'cameras');
      } catch (e) {
        ctx.log.log('warn', 'estate: could not prepare the IT views after a sync', { error: String(e) });
      }
    }, 1000);
    timer.unref?.();
  });
  return {
    'estate.tree': async ({ part }) => (part === 'top' ? topTree(ctx) : fullTree(ctx)),
    'estate.links': async () => estateState(ctx.db, ctx.now()).links,
    'estate.store': async ({ storeUuid }) => {
      const now = ctx.now();
      const state = estateState(ctx.db, now);
      return storePanel(ctx.db, state.model, state.links, state.findings, storeUuid, now);
    },
    'estate.link': async (input: LinkInput) => {
      const state = estateState(ctx.db, ctx.now());
      const known = state.model.vendorLocations.some((v) => v.connectionId === input.connectionId && v.key === input.key);
      if (!known) throw new AppError('not_found', 'That Flow code or Exteros location is not in the cache.');
      if (input.auto) {
        ctx.db.prepare('DELETE FROM it_store_links WHERE connection_id = ? AND vendor_key = ?').run(input.connectionId, input.key);
      } else {
        if (input.storeUuid !== null && !state.model.locationsByUuid.has(input.storeUuid)) throw new AppError('not_found', 'That RetailNext store is not in the cache.');
        ctx.db
          .prepare('INSERT INTO it_store_links (connection_id, vendor_key, store_uuid, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (connection_id, vendor_key) DO UPDATE SET store_uuid = excluded.store_uuid, updated_at = excluded.updated_at')
          .run(input.connectionId, input.key, input.storeUuid, ctx.now().toISOString());
      }
      return { saved: true };
    },
  };
}
