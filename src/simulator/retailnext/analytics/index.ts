// RetailNext analytics: datamine (metrics, occupancy), occupancy adjust, predicted traffic,
// zone transitions and FPA floorplans.

import { findStore } from '../../estate/lookup';
import type { SimContext } from '../../http/context';
import { HttpError } from '../../http/errors';
import { sendJson } from '../../http/json';
import type { Router, SimRequest } from '../../http/router';
import { sendV1Page } from '../paging';
import { datamine } from './datamine';
import { floorplanById, floorplanRefs, floorplansAt, floorplansOf } from './fpa';
import { kpiTrafficModel, type AnalyticsWorld } from './model';
import { occupancyAdjust } from './occupancyAdjust';
import { OccupancyLedger } from './occupancyLedger';
import { predictedTraffic } from './predictedTraffic';
import { RequestError } from './requestError';
import { zoneTransitions } from './zoneTransitions';

/** Predicted traffic takes this long to compute, so its 3-concurrent-requests limit can be met. */
export const PREDICTION_WORK_MS = 150;

export function register(router: Router, ctx: SimContext): void {
  const now = (): number => ctx.now().getTime();
  const world: AnalyticsWorld = { estate: ctx.estate, traffic: kpiTrafficModel(ctx.estate, now), now };
  const ledger = new OccupancyLedger();

  const json = (fn: (body: unknown) => unknown) => async (r: SimRequest): Promise<void> => {
    const body = await r.json();
    sendJson(r.res, 200, translate(() => fn(body)));
  };

  router.post('retailnext', '/v2/datamine', 'datamine', json((body) => datamine(body, world, ledger)));
  router.post('retailnext', '/v1/occupancy/adjust', 'occupancy.adjust', json((body) => occupancyAdjust(body, world, ledger)));
  router.post(
    'retailnext',
    '/v1/predictedtraffic',
    'predictedtraffic',
    async (r) => {
      const body = await r.json();
      await new Promise((resolve) => setTimeout(resolve, PREDICTION_WORK_MS));
      try {
        sendJson(r.res, 200, predictedTraffic(body, world));
      } catch (err) {
        // the doc's response shape carries ok/error; keep it on errors too
        if (err instanceof RequestError) throw new HttpError(err.status, err.message, {}, { ok: false, error: err.message, predictions: [] });
        throw err;
      }
    },
    { concurrencyLimit: 3 },
  );
  router.post('retailnext', '/v1/zone_transitions', 'zone_transitions', json((body) => zoneTransitions(body, world)));

  router.get('retailnext', '/v1/fpafloorplans', 'fpafloorplans', (r) => sendV1Page(r, floorplanRefs(ctx.estate), (page) => floorplansAt(ctx.estate, page)));
  router.get('retailnext', '/v1/fpafloorplans/:id', 'fpafloorplans.one', (r) => {
    const plan = floorplanById(ctx.estate, r.params.id ?? '');
    if (!plan) throw new HttpError(404, `floorplan ${r.params.id ?? ''} not found`);
    sendJson(r.res, 200, plan);
  });
  router.get('retailnext', '/v1/stores/:store/fpafloorplans', 'fpafloorplans.store', (r) => {
    const store = findStore(ctx.estate, r.params.store ?? '');
    if (!store) throw new HttpError(404, `store ${r.params.store ?? ''} not found`);
    sendV1Page(r, floorplansOf(ctx.estate, store));
  });
}

function translate<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof RequestError) throw new HttpError(err.status, err.message);
    throw err;
  }
}
