// Health alerts that open and resolve over time: derived from the estate's alert sources and now().

import { estateIndex } from '../estate/lookup';
import { hashInts, uuidFromInts } from '../estate/rng';
import { formatWithOffset, TIME } from '../estate/time';
import type { Estate, Store } from '../estate/types';
import type { SimContext } from '../http/context';
import { HttpError } from '../http/errors';
import { isRecord } from '../http/json';
import type { Router } from '../http/router';
import { sendV1Page, writtenPerPage, type V1List } from './paging';

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
  /** The source's store (the estate's own object: stores are never removed, only changed). */
  store: Store;
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
        store,
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

/** The answer's order: newest first, then by uuid. */
function newestFirst(a: { created: number; uuid: string }, b: { created: number; uuid: string }): number {
  return b.created - a.created || (a.uuid < b.uuid ? -1 : 1);
}

/** The source alerts built for a window around `nowMs`, newest first (built again when the window or a store's zone moved). */
function sourceAlertsAround(estate: Estate, nowMs: number): SourceAlert[] {
  const from = nowMs - ALERT_HISTORY_DAYS * TIME.DAY_MS;
  const cache = sourceAlertCache.get(estate);
  if (cache && from >= cache.from && nowMs <= cache.to) {
    // A store moved to another zone since: its times are written again.
    const moved = cache.alerts.some((a) => a.created <= nowMs && a.created >= from && a.store.time_zone !== a.timeZone);
    if (!moved) return cache.alerts;
  }
  // A day of margin on each side: a clock that moves on (or a pinned one) reuses it.
  const fresh = { from: from - TIME.DAY_MS, to: nowMs + TIME.DAY_MS, alerts: [] as SourceAlert[] };
  fresh.alerts = sourceAlerts(estate, fresh.from, fresh.to).sort(newestFirst);
  sourceAlertCache.set(estate, fresh);
  return fresh.alerts;
}

/** A quiet camera's open alert, before it is written out: it was created an hour after the camera was last heard. */
interface QuietCamera {
  ci: number;
  /** How long before now it was created (ms); `created` once a time is given. */
  agoMs: number;
  created: number;
  uuid: string;
}

/**
 * The cameras not heard for a day or more, newest alert first: the same order at any time (their
 * alerts move with the clock together), so built once per estate (cameras are never added nor
 * changed after the estate is generated; a different count builds it again).
 */
const quietCameraCache = new WeakMap<Estate, { cameras: number; quiet: QuietCamera[] }>();

function quietCameras(estate: Estate): QuietCamera[] {
  let cache = quietCameraCache.get(estate);
  if (!cache || cache.cameras !== estate.cameras.length) {
    const quiet: QuietCamera[] = [];
    estate.cameras.forEach((cam, ci) => {
      if (cam.lastHeardAgoSec < 86_400) return;
      const agoMs = cam.lastHeardAgoSec * 1000 - 3_600_000;
      quiet.push({ ci, agoMs, created: -agoMs, uuid: uuidFromInts(estate.seed, 0xca3, ci) });
    });
    cache = { cameras: estate.cameras.length, quiet: quiet.sort(newestFirst) };
    quietCameraCache.set(estate, cache);
  }
  return cache.quiet;
}

/**
 * Every alert created up to `nowMs` within the history window and before `before`, newest first,
 * as a list whose entries are written out only when sliced: a v1 page of 100 writes 100, where the
 * whole list of a large estate (~18,000, sorted) took tens of ms of the simulator's one loop for
 * each of its ~185 pages, while Flow's requests in flight waited behind it. The answers are the same as before.
 */
export function healthAlertList(estate: Estate, nowMs: number, before = Infinity): V1List<HealthAlert> {
  const idx = estateIndex(estate);
  const from = nowMs - ALERT_HISTORY_DAYS * TIME.DAY_MS;
  const sources = sourceAlertsAround(estate, nowMs).filter((a) => a.created <= nowMs && a.created >= from && a.created < before);
  // Cameras that went quiet have one open alert since an hour after they were last heard.
  const quiet: QuietCamera[] = [];
  for (const q of quietCameras(estate)) {
    const created = nowMs - q.agoMs;
    if (created < before && idx.storesByUuid.has(estate.cameras[q.ci]!.store_uuid)) quiet.push({ ...q, created });
  }
  // Both lists are newest first: merged, they are the answer's order.
  const order: Array<SourceAlert | QuietCamera> = [];
  for (let i = 0, j = 0; i < sources.length || j < quiet.length; ) {
    if (j >= quiet.length || (i < sources.length && newestFirst(sources[i]!, quiet[j]!) < 0)) order.push(sources[i++]!);
    else order.push(quiet[j++]!);
  }
  return writtenPerPage(order, (a) => ('si' in a ? sourceAlert(estate, a, nowMs) : quietCameraAlert(estate, a, nowMs)));
}

function sourceAlert(estate: Estate, a: SourceAlert, nowMs: number): HealthAlert {
  const src = estate.alertSources[a.si]!;
  const { store } = a;
  const resolved = a.resolvedAt <= nowMs;
  return {
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
  };
}

function quietCameraAlert(estate: Estate, a: QuietCamera, nowMs: number): HealthAlert {
  const cam = estate.cameras[a.ci]!;
  const store = estateIndex(estate).storesByUuid.get(cam.store_uuid)!;
  const lastHeard = nowMs - cam.lastHeardAgoSec * 1000;
  return {
    alert_creation_time: formatWithOffset(store.time_zone, a.created),
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
    uuid: a.uuid,
    obsolete: false,
    createdMs: a.created,
  };
}

/** Every alert created up to `nowMs` within the history window, newest first. */
export function healthAlerts(estate: Estate, nowMs: number): HealthAlert[] {
  return healthAlertList(estate, nowMs).slice();
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
    sendV1Page(r, healthAlertList(ctx.estate, nowMs, before), (page) => ({ result: page.map(({ createdMs: _c, ...a }) => a) }));
  });
}
