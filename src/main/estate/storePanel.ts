import type { Finding } from '../../shared/audit/rules';
import type { DataAge, StorePanel, VendorLink } from '../../shared/estate/types';
import { deviceTypeLabel } from '../../shared/inventory/columns';
import type { Db } from '../db/open';
import type { EstateModel } from './model';
import { localDayHour, storeLabel } from './names';
import { countsByStore } from './tree';

const hhmm = (v: string | null) => (v && /T\d\d:\d\d/.test(v) ? v.slice(11, 16) : v);

/** Everything the store panel shows, from the cache only. */
export function storePanel(db: Db, model: EstateModel, links: readonly VendorLink[], findings: readonly Finding[], storeUuid: string, now: Date): StorePanel {
  const loc = model.locationsByUuid.get(storeUuid);
  const known = loc?.type === 'store';
  const region = loc?.parentUuid ? (model.locationsByUuid.get(loc.parentUuid)?.name ?? null) : null;
  const tz = loc?.timeZone ?? null;
  const { day: today, hour } = localDayHour(now.getTime(), tz);

  let hoursToday: StorePanel['hoursToday'] = null;
  let occupancy: StorePanel['occupancy'] = null;
  if (loc) {
    const h = db.prepare('SELECT open, close FROM cached_store_hours WHERE connection_id = ? AND store_uuid = ? AND day = ? LIMIT 1').get(loc.connectionId, storeUuid, today) as { open: string | null; close: string | null } | undefined;
    if (h) hoursToday = { open: hhmm(h.open), close: hhmm(h.close) };
    // The latest cached hour of today with an occupancy (today's rows are provisional).
    const o = db.prepare('SELECT day, hour, occupancy, provisional, fetched_at FROM kpi_hourly WHERE connection_id = ? AND store_key = ? AND day = ? AND hour <= ? AND occupancy IS NOT NULL ORDER BY hour DESC LIMIT 1').get(loc.connectionId, storeUuid, today, hour) as
      | { day: string; hour: number; occupancy: number; provisional: number; fetched_at: string }
      | undefined;
    if (o) occupancy = { value: o.occupancy, day: o.day, hour: o.hour, fetchedAt: o.fetched_at, provisional: o.provisional === 1 };
  }

  const findingsBy = new Map<string, number>();
  for (const f of findings) if (f.storeUuid === storeUuid) findingsBy.set(f.subjectId, (findingsBy.get(f.subjectId) ?? 0) + 1);
  const alerts = model.alerts.filter((a) => a.storeUuid === storeUuid);
  const openBy = new Map<string, number>();
  for (const a of alerts) if (!a.resolved && a.subjectId) openBy.set(a.subjectId, (openBy.get(a.subjectId) ?? 0) + 1);

  const devices: StorePanel['devices'] = [
    ...model.cameras.filter((c) => c.storeUuid === storeUuid).map((c) => ({
      kind: 'camera' as const,
      id: c.deviceId,
      name: c.name?.trim() || c.deviceId,
      type: `${deviceTypeLabel(c.type)}${c.vendor ? ` · ${c.vendor}` : ' · unknown vendor'}${c.model ? ` ${c.model}` : ''}`,
      lastHeard: c.lastHeard,
      openAlerts: openBy.get(c.deviceId) ?? 0,
      findings: findingsBy.get(c.deviceId) ?? 0,
    })),
    ...model.appliances.filter((a) => a.storeUuid === storeUuid).map((a) => ({
      kind: 'appliance' as const,
      id: a.applianceId,
      name: a.mac ? `Appliance ${a.mac}` : `Appliance ${a.applianceId}`,
      type: 'Store appliance',
      lastHeard: null,
      openAlerts: (a.mac ? openBy.get(a.mac) : 0) ?? 0,
      findings: findingsBy.get(a.applianceId) ?? 0,
    })),
  ].sort((a, b) => b.findings + b.openAlerts - (a.findings + a.openAlerts) || a.name.localeCompare(b.name));

  const storeLinks = links.filter((l) => l.locationUuid === storeUuid);
  const updates: DataAge[] = [];
  const rn = loc ? model.connections.get(loc.connectionId) : undefined;
  if (rn && loc) {
    const snaps = model.snapshots.get(rn.id);
    for (const what of ['locations', 'inventory', 'health_alerts', 'store_hours']) {
      if (snaps?.has(what)) updates.push({ connectionId: rn.id, connectionName: rn.name, vendor: rn.vendor, what: what.replace('_', ' '), fetchedAt: snaps.get(what) ?? null });
    }
  }
  const kpiAge = db.prepare('SELECT max(fetched_at) AS f FROM kpi_days WHERE connection_id = ? AND store_key = ?');
  const kpiKeys = [...(rn ? [{ connectionId: rn.id, key: storeUuid }] : []), ...storeLinks.filter((l) => l.kind !== 'zone').map((l) => ({ connectionId: l.connectionId, key: l.key }))];
  for (const k of kpiKeys) {
    const c = model.connections.get(k.connectionId);
    const f = (kpiAge.get(k.connectionId, k.key) as { f: string | null }).f;
    if (c) updates.push({ connectionId: c.id, connectionName: c.name, vendor: c.vendor, what: c.vendor === 'retailnext' ? 'hourly KPIs' : `hourly KPIs (${k.key})`, fetchedAt: f });
  }

  return {
    storeUuid,
    name: storeLabel(model, storeUuid),
    known,
    region,
    storeId: loc?.storeId ?? null,
    timeZone: tz,
    today: loc ? today : null,
    hoursToday,
    area: loc?.area ?? null,
    occupancyLimit: loc?.occupancyLimit ?? null,
    occupancy,
    devices,
    alerts: alerts
      .sort((a, b) => Number(a.resolved) - Number(b.resolved) || (b.createdMs ?? 0) - (a.createdMs ?? 0))
      .slice(0, 200)
      .map((a) => ({ uuid: a.uuid, severity: a.severity ?? 'unknown', type: a.type ?? 'unknown', description: a.description ?? '', subjectName: a.subjectName ?? a.subjectId ?? '', createdTime: a.createdTime, resolved: a.resolved })),
    links: storeLinks,
    updates,
    counts: countsByStore(model, findings).get(storeUuid) ?? { devices: 0, openAlerts: 0, findings: 0 },
  };
}
