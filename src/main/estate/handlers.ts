import type { z } from 'zod';
import { AppError } from '../../shared/contract/errors';
import type { estateCalls } from '../../shared/estate/contract';
import type { StoreTree } from '../../shared/estate/types';
import type { CoreContext } from '../core/context';
import type { HandlersFor } from '../core/handlers';
import { estateState } from '../audit/service';
import { storePanel } from './storePanel';
import { cacheVersion } from './model';
import { buildTopTree, buildTree } from './tree';

type LinkInput = z.output<(typeof estateCalls)['estate.link']['input']>;

const trees = new WeakMap<object, { key: string; tree: StoreTree }>();
const tops = new WeakMap<object, StoreTree>();

export function estateHandlers(ctx: CoreContext): HandlersFor<typeof estateCalls> {
  return {
    'estate.tree': async ({ part }) => {
      if (part === 'top') {
        const version = cacheVersion(ctx.db);
        const cachedTop = tops.get(ctx.db);
        if (cachedTop && cachedTop.version === version) return cachedTop;
        const top = buildTopTree(ctx.db);
        tops.set(ctx.db, top);
        return top;
      }
      const state = estateState(ctx.db, ctx.now());
      const cached = trees.get(ctx.db);
      if (cached && cached.key === state.key) return cached.tree;
      const tree = { ...buildTree(state.model, state.links, state.findings), version: state.key };
      trees.set(ctx.db, { key: state.key, tree });
      return tree;
    },
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
