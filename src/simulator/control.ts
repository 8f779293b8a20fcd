// The simulator's own endpoints under /__sim: fault switches and a summary, for tests in other processes.

import { HttpError } from './http/errors';
import type { SimContext } from './http/context';
import { isRecord, sendJson } from './http/json';
import type { Router } from './http/router';
import type { FaultRule } from './faults';
import { localParts } from './estate/time';

export function register(router: Router, ctx: SimContext): void {
  const opts = { auth: false, noFaults: true };
  router.get('sim', '/__sim/faults', 'sim.faults.list', (r) => sendJson(r.res, 200, { rules: ctx.faults.list() }), opts);
  router.post(
    'sim',
    '/__sim/faults',
    'sim.faults.set',
    async (r) => {
      const body = await r.json<FaultRule | FaultRule[] | { rules: FaultRule[] }>();
      const rules = Array.isArray(body) ? body : isRecord(body) && Array.isArray(body.rules) ? (body.rules as FaultRule[]) : body ? [body as FaultRule] : [];
      if (rules.length === 0) throw new HttpError(400, 'send a fault rule, an array of rules, or {"rules": [...]}');
      try {
        const created = ctx.faults.set(rules);
        sendJson(r.res, 201, { rules: created });
      } catch (e) {
        throw new HttpError(400, e instanceof Error ? e.message : String(e));
      }
    },
    opts,
  );
  router.delete('sim', '/__sim/faults', 'sim.faults.clear', (r) => {
    ctx.faults.clear();
    sendJson(r.res, 200, { rules: [] });
  }, opts);
  router.delete('sim', '/__sim/faults/:id', 'sim.faults.clearOne', (r) => {
    ctx.faults.clear(r.params.id);
    sendJson(r.res, 200, { rules: ctx.faults.list() });
  }, opts);
  // A test of what an open store shows (a reading, a curve) holds at any hour of any day: this store
  // opened three hours ago and closes in five, by its own clock, every day of the week.
  router.post(
    'sim',
    '/__sim/open-now',
    'sim.openNow',
    async (r) => {
      const body = await r.json<{ store_uuid?: unknown }>();
      const store = ctx.estate.stores.find((s) => isRecord(body) && s.uuid === body.store_uuid);
      if (!store) throw new HttpError(404, 'send {"store_uuid": "..."} of a store of this estate');
      const hour = localParts(store.time_zone, ctx.now().getTime()).hour;
      const at = (h: number) => `${String((h + 24) % 24).padStart(2, '0')}:00`;
      // A new array: what was computed from the old hours (sessions, KPI shapes) is keyed by it.
      store.hours = Array.from({ length: 7 }, () => ({ open: at(hour - 3), close: at(hour + 5) }));
      sendJson(r.res, 200, { store_uuid: store.uuid, hours: store.hours[0] });
    },
    opts,
  );
  router.get('sim', '/__sim/info', 'sim.info', (r) => {
    const e = ctx.estate;
    sendJson(r.res, 200, {
      now: ctx.now().toISOString(),
      seed: e.seed,
      counts: {
        regions: e.regions.length,
        stores: e.stores.length,
        sublocations: e.sublocations.length,
        cameras: e.cameras.length,
        channels: e.channels.length,
        appliances: e.appliances.length,
        users: e.users.length,
      },
      baseUrls: {
        retailnext: `${ctx.baseUrl()}/retailnext/${ctx.credentials.retailnext.subscription}`,
        flow: `${ctx.baseUrl()}/flow/rest`,
        exteros: `${ctx.baseUrl()}/exteros`,
      },
    });
  }, opts);
}
