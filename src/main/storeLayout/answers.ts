import { AppError } from '../../shared/contract/errors';
import type { CoreContext } from '../core/context';

export type AnswerKind = 'transitions' | 'zone_metrics';

export interface CachedAnswer {
  body: string;
  fetchedAt: string;
  refreshError: { code: string; message: string } | null;
}

/**
 * A vendor answer for one query, from the cache (store_layout_answers); fetched when not cached or on
 * refresh. A failed refresh keeps the cached answer and says why; never cached and failed: the error.
 * A cancelled call (`signal`) is not a failed refresh: it answers "cancelled".
 */
export async function cachedAnswer(
  ctx: CoreContext,
  key: { connectionId: string; storeUuid: string; kind: AnswerKind; query: Record<string, unknown> },
  refresh: boolean,
  fetch: () => Promise<unknown>,
  signal?: AbortSignal,
): Promise<CachedAnswer> {
  const queryKey = JSON.stringify(key.query);
  const read = () =>
    ctx.db
      .prepare('SELECT body, fetched_at FROM store_layout_answers WHERE connection_id = ? AND store_uuid = ? AND kind = ? AND query_key = ?')
      .get(key.connectionId, key.storeUuid, key.kind, queryKey) as { body: string; fetched_at: string } | undefined;
  let cached = read();
  let refreshError: CachedAnswer['refreshError'] = null;
  if (!cached || refresh) {
    try {
      const body = JSON.stringify(await fetch());
      ctx.db
        .prepare(
          `INSERT INTO store_layout_answers (connection_id, store_uuid, kind, query_key, query, body, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (connection_id, store_uuid, kind, query_key) DO UPDATE SET body = excluded.body, fetched_at = excluded.fetched_at`,
        )
        .run(key.connectionId, key.storeUuid, key.kind, queryKey, queryKey, body, ctx.now().toISOString());
      cached = read();
    } catch (e) {
      if (signal?.aborted) throw e;
      const err = e instanceof AppError ? e : new AppError('internal', 'RetailNext could not be asked.');
      if (!cached) throw err;
      refreshError = { code: err.code, message: err.message };
    }
  }
  if (!cached) throw new AppError('internal', 'The answer could not be kept in the cache.');
  return { body: cached.body, fetchedAt: cached.fetched_at, refreshError };
}
