// Health alerts that open and resolve over time: derived from the estate's alert sources and now().

import { estateIndex } from '../estate/lookup';
import { hashInts, uuidFromInts } from '../estate/rng';
import { formatWithOffset, TIME } from '../estate/time';
import type { Estate } from '../estate/types';
import type { SimContext } from '../http/context';
import { HttpError } from '../http/errors';
import { isRecord } from '../http/json';
import type { Router } from '../http/router';
import { sendV1Page } from './paging';

/** How far back alerts are kept. */
export const ALERT_HISTORY_DAYS = 30;

export interface HealthAlert {
  alert_creation_time: string;
  description: string;
  event_time: string;
  resolved: boolean;
  resolved_time: string | null;
  severity: string;
  store_uuid: string;
  store_name: string;
  subject_id: string;
  subject_name: string;
  type: string;
  uuid: string;
  obsolete: boolean;
  /** internal, for sorting and filtering */
  createdMs: number;
}

/** One alert of a source, what does not depend on the time it is asked: when it happens, its id, its times in words. */
interface SourceAlert {
  si: number;
  created: number;
  resolvedAt: number;
  uuid: string;
  /** The zone the times below are written in (a store's zone can be changed while the simulator runs). */
  timeZone: string;
  creationTime: string;
  eventTime: string;
  resolvedTime: string;
}

/**
 * The sources' alerts created within [from, to], built once and reused while the history window of
 * a request lies inside: the list is read a v1 page of 100 at a time, and the large estate's
 * ~18,000 alerts were built again for each of its ~185 pages (over 30 s of the simulator's CPU in
 * a large sync, beside the Flow answers it serves at the same time). Test scaffolding only: the
 * answers are the same as before.
 */
const sourceAlertCache = new WeakMap<Estate, { from: number; to: number; alerts: SourceAlert[] }>();

function sourceAlerts(estate: Estate, from: number, to: number): SourceAlert[] {
  const idx = estateIndex(estate);
  const out: SourceAlert[] = [];
  estate.alertSources.forEach((src, si) => {
    const store = idx.storesByUuid.get(src.store_uuid);
    if (!store) return;
    const period = src.periodHours * TIME.HOUR_MS;
    const duration = Math.min(src.durationHours, src.periodHours - 1) * TIME.HOUR_MS;
    const phase = src.phaseHours * TIME.HOUR_MS;
    const firstK = Math.floor((from - phase) / period);
    for (let k = firstK; ; k++) {
      const jitter = (hashInts(estate.seed, si, k, 1) % 3_600_000) | 0;
      const event = k * period + phase + jitter;
      const created = event + 3_600_000 + (hashInts(estate.seed, si, k, 2) % 1000);
      if (created > to) break;
      if (created < from) continue;
      const resolvedAt = event + duration + (hashInts(estate.seed, si, k, 3) % 600_000);
      out.push({
        si,
        created,
        resolvedAt,
        uuid: uuidFromInts(estate.seed, si, k),
        timeZone: store.time_zone,
        creationTime: formatWithOffset(store.time_zone, created),
        eventTime: formatWithOffset(store.time_zone, Math.floor(event / 1000) * 1000, false),
        resolvedTime: formatWithOffset(store.time_zone, resolvedAt),
      });
    }
  });
  return out;
}

/** Every alert created up to `nowMs` within the history window, newest first. */
export function healthAlerts(estate: Estate, nowMs: number): HealthAlert[] {
  const idx = estateIndex(estate);
  const from = nowMs - ALERT_HISTORY_DAYS * TIME.DAY_MS;
  let cache = sourceAlertCache.get(estate);
  if (!cache || from < cache.from || nowMs > cache.to) {
    // A day of margin on each side: a clock that moves on (or a pinned one) reuses it.
    cache = { from: from - TIME.DAY_MS, to: nowMs + TIME.DAY_MS, alerts: [] };
    cache.alerts = sourceAlerts(estate, cache.from, cache.to);
    sourceAlertCache.set(estate, cache);
  }
  const out: HealthAlert[] = [];
  for (const a of cache.alerts) {
    if (a.created > nowMs || a.created < from) continue;
    const src = estate.alertSources[a.si]!;
    const store = idx.storesByUuid.get(src.store_uuid);
    if (!store) continue;
    if (store.time_zone !== a.timeZone) {
      // The store moved to another zone since: its times are written again.
      sourceAlertCache.delete(estate);
      return healthAlerts(estate, nowMs);
    }
    const resolved = a.resolvedAt <= nowMs;
    out.push({
      alert_creation_time: a.creationTime,
      description: src.description,
      event_time: a.eventTime,
      resolved,
      resolved_time: resolved ? a.resolvedTime : null,
      severity: resolved ? 'resolved' : src.type === 'connectiondown' || src.type === 'appliancedown' ? 'critical' : 'warning',
      store_uuid: store.uuid,
      store_name: store.name,
      subject_id: src.subject_id,
      subject_name: src.subject_name,
      type: src.type,
      uuid: a.uuid,
      obsolete: resolved && nowMs - a.resolvedAt > 14 * TIME.DAY_MS,
      createdMs: a.created,
    });
  }
  // Cameras that went quiet have one open alert since an hour after they were last heard.
  estate.cameras.forEach((cam, ci) => {
    if (cam.lastHeardAgoSec < 86_400) return;
    const store = idx.storesByUuid.get(cam.store_uuid);
    if (!store) return;
    const lastHeard = nowMs - cam.lastHeardAgoSec * 1000;
    const created = lastHeard + 3_600_000;
    out.push({
      alert_creation_time: formatWithOffset(store.time_zone, created),
      description: cam.type === 1 ? "Haven't heard from Aurora sensor recently" : "Haven't heard from camera recently",
      event_time: formatWithOffset(store.time_zone, Math.floor(lastHeard / 1000) * 1000, false),
      resolved: false,
      resolved_time: null,
      severity: 'critical',
      store_uuid: store.uuid,
      store_name: store.name,
      subject_id: cam.device_id,
      subject_name: `${cam.device_name} (${cam.device_id})`,
      type: 'connectiondown',
      uuid: uuidFromInts(estate.seed, 0xca3, ci),
      obsolete: false,
      createdMs: created,
    });
  });
  return out.sort((a, b) => b.createdMs - a.createdMs || (a.uuid < b.uuid ? -1 : 1));
}

export function register(router: Router, ctx: SimContext): void {
  router.post('retailnext', '/v1/healthalerts', 'health.alerts', async (r) => {
    const body = (await r.json()) ?? {};
    if (!isRecord(body)) throw new HttpError(400, 'request body must be a JSON object');
    const nowMs = ctx.now().getTime();
    let before = Infinity;
    if (body.start_time !== undefined) {
      if (typeof body.start_time !== 'string' || Number.isNaN(Date.parse(body.start_time))) {
        throw new HttpError(400, 'start_time must be an ISO 8601 date/time (yyyy-mm-ddThh:mm:ssZ)');
      }
      before = Date.parse(body.start_time);
    }
    // "start_time: Alerts created before a date/time" (the documents' wording).
    const alerts = healthAlerts(ctx.estate, nowMs).filter((a) => a.createdMs < before);
    sendV1Page(r, alerts, (page) => ({ result: page.map(({ createdMs: _c, ...a }) => a) }));
  });
}
