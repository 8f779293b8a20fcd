/**
 * POST /v1/predictedtraffic: 15-minute predictions over store hours for future days only,
 * at most 7 days per query and 31 days ahead. Times are store-local wall clock written with a
 * "Z" suffix, as in the doc's example (and in store hours).
 */
import { isIsoDate } from '../../estate/time';
import { indexOf } from './estateIndex';
import type { AnalyticsWorld } from './model';
import { badRequest, isRecord, RequestError } from './requestError';
import { sessionOfDay } from './storeSessions';
import { localZ, MS, toNaive } from './zonedTime';

export const PREDICTION_MAX_DAYS = 7;
export const PREDICTION_HORIZON_DAYS = 31;

export interface PredictedTrafficResponse {
  ok: boolean;
  error: string;
  predictions: { time: string; value: number }[];
}

export function predictedTraffic(body: unknown, world: AnalyticsWorld): PredictedTrafficResponse {
  if (!isRecord(body)) throw badRequest('request body must be a JSON object');
  const { store_uuid: storeUuid, first_day: firstDay, last_day: lastDay } = body;
  if (typeof storeUuid !== 'string' || storeUuid === '') throw badRequest('"store_uuid" is required (one store per query)');
  if (!isIsoDate(firstDay)) throw badRequest('"first_day" is required in yyyy-mm-dd');
  if (!isIsoDate(lastDay)) throw badRequest('"last_day" is required in yyyy-mm-dd');
  const store = indexOf(world.estate).store(storeUuid);
  if (!store) throw new RequestError(404, `store ${storeUuid} not found`);

  const today = Math.floor(toNaive(world.now(), store.time_zone) / MS.DAY) * MS.DAY;
  const first = Date.parse(`${firstDay}T00:00:00Z`);
  const last = Date.parse(`${lastDay}T00:00:00Z`);
  if (first <= today) throw badRequest('"first_day" must be in the future');
  if (last < first) throw badRequest('"last_day" must not be before "first_day"');
  const days = (last - first) / MS.DAY + 1;
  if (days > PREDICTION_MAX_DAYS) throw badRequest(`at most ${PREDICTION_MAX_DAYS} days can be requested in one query (asked for ${days})`);
  if (last > today + PREDICTION_HORIZON_DAYS * MS.DAY) {
    throw badRequest(`predicted traffic is available up to ${PREDICTION_HORIZON_DAYS} days ahead`);
  }

  const predictions: { time: string; value: number }[] = [];
  for (let day = first; day <= last; day += MS.DAY) {
    const session = sessionOfDay(store, day);
    if (!session) continue;
    for (let t = session.startMs; t < session.endMs; t += MS.QUARTER_HOUR) {
      predictions.push({ time: localZ(toNaive(t, store.time_zone)), value: Math.round(world.traffic.forecast(store, t).in) });
    }
  }
  return { ok: true, error: '', predictions };
}
