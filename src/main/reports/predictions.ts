import { AppError } from '../../shared/contract/errors';
import { addDays, localDay } from '../../shared/reports/time';
import type { PredictionFetchResult } from '../../shared/reports/types';
import type { Db } from '../db/open';
import { runPool } from '../vendors/http/pool';
import { vendorLimits } from '../vendors/limits';
import { RetailNextClient } from '../vendors/retailnext/client';
import type { VendorTarget } from '../vendors/target';
import type { ReportStore, StoreDirectory } from './directory';

/** A RetailNext connection with the stores of a node it covers, in the directory's order. */
export interface PredictionSource {
  connectionId: string;
  stores: ReportStore[];
}

export interface PredictionDeps {
  connections: { targetOf(id: string, signal?: AbortSignal): Promise<VendorTarget> };
  /**
   * The node's RetailNext stores (predictionSources). The core asks its reports read lane, which
   * keeps the store directory: building it reads every location (5,000 stores on a large estate).
   */
  sources(nodeId: string, signal?: AbortSignal): Promise<PredictionSource[]>;
}

/** At most this many stores per fetch: RetailNext answers one store per query, three at a time. */
export const maxPredictionStores = 200;

/** The RetailNext stores under a node, or why predictions cannot be fetched for it, in words. */
export function predictionSources(dir: StoreDirectory, nodeId: string): PredictionSource[] {
  const stores = dir.storesUnder(dir.node(nodeId).id);
  const rn = dir.sourcesFor(stores).filter((s) => s.vendor === 'retailnext');
  if (rn.length === 0) throw new AppError('not_found', 'Predicted traffic comes from RetailNext: this node has no store synced from a RetailNext connection.');
  const count = rn.reduce((n, s) => n + s.stores.size, 0);
  if (count > maxPredictionStores) throw new AppError('invalid_input', `Predictions are fetched one store at a time: pick a region or store with at most ${maxPredictionStores} stores (this one has ${count}).`);
  return rn.map((s) => ({ connectionId: s.connectionId, stores: [...s.stores.values()] }));
}

/**
 * Fetches RetailNext's predicted traffic for the coming days of a node's stores and keeps it, so
 * that once those days have passed the report can set the prediction against what was counted.
 * The sync does not fetch predictions; this small job does, with the same client. A day's
 * prediction is replaced only while the day is still ahead: once past, it stays as it was made.
 */
export async function fetchPredictions(db: Db, deps: PredictionDeps, nodeId: string, days: number, now: Date, signal?: AbortSignal): Promise<PredictionFetchResult> {
  const rn = await deps.sources(nodeId, signal);
  const fetchedAt = now.toISOString();
  const insert = db.prepare(
    `INSERT INTO report_predicted_hourly (connection_id, store_uuid, day, hour, predicted, fetched_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (connection_id, store_uuid, day, hour) DO UPDATE SET predicted = excluded.predicted, fetched_at = excluded.fetched_at`,
  );
  const clear = db.prepare('DELETE FROM report_predicted_hourly WHERE connection_id = ? AND store_uuid = ? AND day BETWEEN ? AND ?');
  const result: PredictionFetchResult = { stores: 0, hours: 0, from: '', to: '', failures: [] };
  for (const source of rn) {
    const client = new RetailNextClient(await deps.connections.targetOf(source.connectionId, signal));
    await runPool(source.stores, vendorLimits.retailnext.predictedTraffic, async (store) => {
      // Predictions exist for future days only, in the store's own calendar.
      const first = addDays(localDay(store.timeZone, now.getTime()), 1);
      const last = addDays(first, days - 1);
      result.from = result.from && result.from < first ? result.from : first;
      result.to = result.to > last ? result.to : last;
      try {
        const points = await client.predictedTraffic(store.uuid, first, last, { signal });
        const hourly = new Map<string, number>();
        for (const p of points) {
          // Store-local wall clock written with a "Z" (as in the document's example): hour buckets by text.
          const key = `${p.time.slice(0, 10)}|${Number(p.time.slice(11, 13))}`;
          hourly.set(key, (hourly.get(key) ?? 0) + p.value);
        }
        db.transaction(() => {
          clear.run(source.connectionId, store.uuid, first, last);
          for (const [key, value] of hourly) {
            const [day, hour] = key.split('|') as [string, string];
            insert.run(source.connectionId, store.uuid, day, Number(hour), value, fetchedAt);
          }
        })();
        result.stores++;
        result.hours += hourly.size;
      } catch (e) {
        if (signal?.aborted) throw e;
        result.failures.push({ storeName: store.name, message: e instanceof AppError ? e.message : 'RetailNext did not answer.' });
      }
    }, signal);
  }
  return result;
}
