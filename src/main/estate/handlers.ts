import type { z } from 'zod';
import { AppError } from '../../shared/contract/errors';
import type { estateCalls } from '../../shared/estate/contract';
import type { CoreContext } from '../core/context';
import type { HandlersFor } from '../core/handlers';
import type { EstateService } from './service';
import { storePanel } from './storePanel';

type LinkInput = z.output<(typeof estateCalls)['estate.link']['input']>;

export function estateHandlers(ctx: CoreContext, estate: EstateService): HandlersFor<typeof estateCalls> {
  return {
    'estate.tree': async ({ part }) => (part === 'top' ? estate.topTree() : estate.fullTree()),
    'estate.links': async () => estate.state().links,
    'estate.store': async ({ storeUuid }) => {
      const now = ctx.now();
      const state = estate.state(now);
      return storePanel(ctx.db, state.model, state.links, state.findings, storeUuid, now);
    },
    'estate.link': async (input: LinkInput) => {
      checkLink(estate, input);
      return saveLink(ctx, input);
    },
  };
}

/** Refuses a placement naming a vendor location or a store the cache does not hold. */
export function checkLink(estate: EstateService, input: LinkInput): { known: true } {
  const state = estate.state();
  const known = state.model.vendorLocations.some((v) => v.connectionId === input.connectionId && v.key === input.key);
  if (!known) throw new AppError('not_found', 'That Flow code or Exteros location is not in the cache.');
  if (!input.auto && input.storeUuid !== null && !state.model.locationsByUuid.has(input.storeUuid)) throw new AppError('not_found', 'That RetailNext store is not in the cache.');
  return { known: true };
}

/** Saves a placement checked by checkLink (or returns it to automatic matching). */
export function saveLink(ctx: CoreContext, input: LinkInput): { saved: true } {
  if (input.auto) {
    ctx.db.prepare('DELETE FROM it_store_links WHERE connection_id = ? AND vendor_key = ?').run(input.connectionId, input.key);
  } else {
    ctx.db
      .prepare('INSERT INTO it_store_links (connection_id, vendor_key, store_uuid, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (connection_id, vendor_key) DO UPDATE SET store_uuid = excluded.store_uuid, updated_at = excluded.updated_at')
      .run(input.connectionId, input.key, input.storeUuid, ctx.now().toISOString());
  }
  return { saved: true };
}

export type { LinkInput };
