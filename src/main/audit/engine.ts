import { auditRules, type AuditRuleId, type AuditSettings, type Finding, type FindingSubject } from '../../shared/audit/rules';
import type { VendorLink } from '../../shared/estate/types';
import type { Db } from '../db/open';
import { secondPassOffset } from '../../shared/reports/time';
import type { CameraRec, EstateModel, NetworkRec } from '../estate/model';
import { formatDuration, formatUtc, storeLabel, zonedToUtc } from '../estate/names';
import { plural } from '../../shared/text/plural';

const severityOf = (rule: AuditRuleId) => auditRules.find((r) => r.id === rule)!.severity;
const dayMs = 86_400_000;

/** What the KPI rules read from the cache, once per cache version (AuditFindings keeps it). */
export interface KpiFacts {
  validity: Array<{ connectionId: string; storeKey: string; incomplete: number; imputed: number; from: string; to: string }>;
  days: Array<{ connectionId: string; storeKey: string; day: string; enters: number; exits: number }>;
  exteros: Map<string, { lastDay: string | null; lastHour: number | null; from: string; to: string }>;
}

export function kpiFacts(db: Db, model: EstateModel): KpiFacts {
  const validity = (db.prepare(
    `SELECT connection_id AS connectionId, store_key AS storeKey, sum(validity = 'incomplete') AS incomplete, sum(validity = 'imputed') AS imputed, min(day) AS "from", max(day) AS "to"
     FROM kpi_hourly WHERE validity IN ('incomplete', 'imputed') GROUP BY connection_id, store_key`,
  ).all() as KpiFacts['validity']);
  // Whole (final) days only: today's counts are still moving and people are still inside.
  const days = db.prepare(
    `SELECT h.connection_id AS connectionId, h.store_key AS storeKey, h.day AS day, sum(h.enters) AS enters, sum(h.exits) AS exits
     FROM kpi_hourly h JOIN kpi_days d ON d.connection_id = h.connection_id AND d.store_key = h.store_key AND d.day = h.day AND d.status = 'final'
     WHERE h.enters IS NOT NULL AND h.exits IS NOT NULL GROUP BY h.connection_id, h.store_key, h.day`,
  ).all() as KpiFacts['days'];
  const exteros = new Map<string, { lastDay: string | null; lastHour: number | null; from: string; to: string }>();
  const exIds = [...model.connections.values()].filter((c) => c.vendor === 'exteros').map((c) => c.id);
  if (exIds.length > 0) {
    const marks = exIds.map(() => '?').join(',');
    for (const r of db.prepare(`SELECT connection_id AS c, store_key AS k, min(day) AS "from", max(day) AS "to" FROM kpi_days WHERE connection_id IN (${marks}) GROUP BY 1, 2`).all(...exIds) as Array<{ c: string; k: string; from: string; to: string }>) {
      exteros.set(`${r.c}|${r.k}`, { lastDay: null, lastHour: null, from: r.from, to: r.to });
    }
    for (const r of db.prepare(
      `SELECT connection_id AS c, store_key AS k, max(day || printf('%02d', hour % ${secondPassOffset})) AS last FROM kpi_hourly
       WHERE connection_id IN (${marks}) AND coalesce(impressions, 0) + coalesce(discoveries, 0) + coalesce(engagements, 0) + coalesce(interactions, 0) > 0 GROUP BY 1, 2`,
    ).all(...exIds) as Array<{ c: string; k: string; last: string }>) {
      const e = exteros.get(`${r.c}|${r.k}`);
      if (e) Object.assign(e, { lastDay: r.last.slice(0, 10), lastHour: Number(r.last.slice(10)) });
    }
  }
  return { validity, days, exteros };
}

function staticGaps(net: NetworkRec | null): string[] {
  if (!net || net.mode !== 1) return [];
  return (['ip', 'gateway', 'dns', 'ntp'] as const).filter((k) => !net[k]?.trim()).map((k) => (k === 'ip' ? 'IP address' : k === 'dns' ? 'DNS' : k === 'ntp' ? 'NTP' : 'gateway'));
}

const cameraLabel = (c: CameraRec) => c.name?.trim() || c.deviceId || 'unnamed device';

/**
 * The sensor audit: every enabled rule over the cached estate, each finding with its severity and
 * the reason in words. Pure reading of the cache (works offline).
 */
export function runAudit(facts: KpiFacts, model: EstateModel, links: readonly VendorLink[], settings: AuditSettings, now: Date): Finding[] {
  const on = (rule: AuditRuleId) => settings.enabled[rule] !== false;
  const out: Finding[] = [];
  const add = (rule: AuditRuleId, storeUuid: string | null, subject: FindingSubject, subjectId: string, subjectName: string, reason: string, at: string | null = null, severity = severityOf(rule)) => {
    out.push({ id: `${rule}:${subject}:${subjectId}${at && subject === 'store' ? `:${at}` : ''}`, rule, severity, storeUuid, storeName: storeLabel(model, storeUuid), subject, subjectId, subjectName, reason, at });
  };
  const nowMs = now.getTime();

  for (const c of model.cameras) {
    const name = cameraLabel(c);
    if (on('quiet')) {
      if (c.lastHeardMs === null) add('quiet', c.storeUuid, 'camera', c.deviceId, name, c.lastHeard ? `Its last-heard time "${c.lastHeard}" cannot be read.` : 'The inventory does not say when it was last heard.', null, 'warning');
      else if (nowMs - c.lastHeardMs > settings.quietMinutes * 60_000) {
        const quiet = nowMs - c.lastHeardMs;
        add('quiet', c.storeUuid, 'camera', c.deviceId, name, `Not heard from for ${formatDuration(quiet)} (last heard ${formatUtc(c.lastHeard)}); the limit is ${formatDuration(settings.quietMinutes * 60_000)}.`, c.lastHeard, quiet > dayMs ? 'critical' : 'warning');
      }
    }
    const counter = c.type === 1 || c.type === 2;
    if (counter && on('no_traffic_line') && (c.trafficLines ?? 0) === 0) {
      if (c.directionLine) add('no_traffic_line', c.storeUuid, 'camera', c.deviceId, name, 'A direction line is configured but no traffic line: it counts nobody.');
      else if ((c.dwellZones ?? 0) === 0) add('no_traffic_line', c.storeUuid, 'camera', c.deviceId, name, 'No traffic line and no dwell zone configured: this sensor measures nothing.');
    }
    if (counter && on('no_direction_line') && (c.trafficLines ?? 0) > 0 && c.directionLine !== true) {
      add('no_direction_line', c.storeUuid, 'camera', c.deviceId, name, `${plural(c.trafficLines ?? 0, 'traffic line')} but no direction line: ins and outs cannot be told apart.`);
    }
    const gaps = staticGaps(c.net);
    if (on('static_incomplete') && gaps.length > 0) add('static_incomplete', c.storeUuid, 'camera', c.deviceId, name, `Static network settings without ${gaps.join(', ')}.`);
    // Xovis and Brickstream counters (type 2) have no video; unknown types are not judged.
    if (on('camera_no_channel') && (c.type === 0 || c.type === 1) && c.channelUuids.length === 0 && !(c.channelCount && c.channelCount > 0)) {
      add('camera_no_channel', c.storeUuid, 'camera', c.deviceId, name, 'A video camera with no video channel: nothing is recorded or viewable.');
    }
  }

  for (const ch of model.channels) {
    const store = ch.camera?.storeUuid ?? null;
    const name = ch.name?.trim() || ch.channelUuid;
    const on_ = ch.camera ? ` on ${cameraLabel(ch.camera)}` : '';
    if (on('recording_disabled') && ch.recording === false) add('recording_disabled', store, 'channel', ch.channelUuid, name, `Recording is disabled for channel ${name}${on_}.`);
    if (on('snapshots_disabled') && ch.snapshots === false) add('snapshots_disabled', store, 'channel', ch.channelUuid, name, `Snapshots are disabled for channel ${name}${on_}.`);
    if (on('retention_zero') && ch.maxRetention === 0) add('retention_zero', store, 'channel', ch.channelUuid, name, `Retention is 0 days for channel ${name}${on_}: its video is not kept.`);
  }

  const appliancesWithCamera = new Set(model.cameras.map((c) => `${c.connectionId}|${c.applianceId ?? ''}`));
  for (const a of model.appliances) {
    const name = a.mac ? `Appliance ${a.mac}` : `Appliance ${a.applianceId}`;
    const gaps = staticGaps(a.net);
    if (on('static_incomplete') && gaps.length > 0) add('static_incomplete', a.storeUuid, 'appliance', a.applianceId, name, `Static network settings without ${gaps.join(', ')}.`);
    if (on('appliance_no_camera') && !appliancesWithCamera.has(`${a.connectionId}|${a.applianceId}`)) add('appliance_no_camera', a.storeUuid, 'appliance', a.applianceId, name, 'No camera is connected to this appliance.');
  }

  const needsKpis = on('exteros_stale') || on('traffic_validity') || on('in_out_imbalance');
  if (!needsKpis) return out;
  const linkOf = new Map(links.map((l) => [`${l.connectionId}|${l.key}`, l]));
  const storeOfKey = (connectionId: string, key: string): string | null => {
    if (model.connections.get(connectionId)?.vendor === 'retailnext') return key;
    const l = linkOf.get(`${connectionId}|${key}`);
    return l?.locationUuid && model.locationsByUuid.get(l.locationUuid)?.type === 'store' ? l.locationUuid : null;
  };

  if (on('exteros_stale')) {
    for (const v of model.vendorLocations) {
      if (v.vendor !== 'exteros' || v.kind === 'zone' || v.kind === 'region') continue;
      const store = storeOfKey(v.connectionId, v.key);
      const tz = store ? (model.locationsByUuid.get(store)?.timeZone ?? null) : null;
      const limit = settings.exterosStaleHours * 3_600_000;
      const kpi = facts.exteros.get(`${v.connectionId}|${v.key}`);
      let last: number | null = v.lastUpdate ? Date.parse(v.lastUpdate) : null;
      if (last !== null && Number.isNaN(last)) last = null;
      if (last === null && kpi?.lastDay) last = zonedToUtc(kpi.lastDay, (kpi.lastHour ?? 0) + 1, tz);
      if (last !== null) {
        if (nowMs - last > limit) add('exteros_stale', store, 'exteros_location', v.key, v.key, `Exteros has no new data for ${formatDuration(nowMs - last)} (last update about ${formatUtc(new Date(last).toISOString())}); the limit is ${plural(settings.exterosStaleHours, 'hour')}.`, new Date(last).toISOString());
      } else if (kpi) {
        const since = zonedToUtc(kpi.from, 0, tz);
        if (nowMs - since > limit) add('exteros_stale', store, 'exteros_location', v.key, v.key, `Exteros sent no counts for this location in any synced day (${kpi.from} to ${kpi.to}): not updated for more than ${formatDuration(nowMs - since)}.`, null);
      }
    }
  }

  if (on('traffic_validity')) {
    for (const r of facts.validity) {
      if (r.incomplete + r.imputed < settings.validityMinHours) continue;
      const store = storeOfKey(r.connectionId, r.storeKey);
      const parts = [r.incomplete ? `${plural(r.incomplete, 'hour')} incomplete` : '', r.imputed ? `${plural(r.imputed, 'hour')} imputed` : ''].filter(Boolean);
      add('traffic_validity', store, 'store', store ?? r.storeKey, storeLabel(model, store ?? r.storeKey), `Traffic data ${parts.join(' and ')} between ${r.from} and ${r.to}.`, r.to);
    }
  }

  if (on('in_out_imbalance')) {
    const limit = settings.imbalancePercent / 100;
    for (const d of facts.days) {
      const total = d.enters + d.exits;
      if (total < settings.imbalanceMinVolume || total === 0) continue;
      const ratio = Math.abs(d.enters - d.exits) / total;
      if (ratio <= limit) continue;
      const store = storeOfKey(d.connectionId, d.storeKey);
      const vendor = model.connections.get(d.connectionId)?.name ?? 'a vendor';
      add('in_out_imbalance', store, 'store', store ?? d.storeKey, storeLabel(model, store ?? d.storeKey), `On ${d.day} ${vendor} counted ${Math.round(d.enters)} in and ${Math.round(d.exits)} out: ${Math.round(ratio * 100)}% apart (limit ${settings.imbalancePercent}%).`, d.day);
      // one finding per vendor connection and day
      out[out.length - 1]!.id += `:${d.connectionId}`;
    }
  }
  return out;
}
