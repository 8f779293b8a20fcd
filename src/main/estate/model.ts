import type { Vendor } from '../../shared/connections/types';
import type { Db } from '../db/open';

/** A device's local network settings; mode 0 = DHCP, 1 = static, null = not given. */
export interface NetworkRec {
  mode: number | null;
  ip: string | null;
  gateway: string | null;
  dns: string | null;
  ntp: string | null;
}

export interface CameraRec {
  connectionId: string;
  deviceId: string;
  name: string | null;
  type: number | null;
  vendor: string | null;
  model: string | null;
  serial: string | null;
  privateIp: string | null;
  publicIp: string | null;
  lastHeard: string | null;
  lastHeardMs: number | null;
  storeUuid: string;
  applianceId: string | null;
  channelUuids: string[];
  channelCount: number | null;
  net: NetworkRec | null;
  height: number | null;
  trafficLines: number | null;
  dwellZones: number | null;
  directionLine: boolean | null;
}

export interface ApplianceRec {
  connectionId: string;
  applianceId: string;
  storeUuid: string | null;
  mac: string | null;
  privateIp: string | null;
  publicIp: string | null;
  net: NetworkRec | null;
}

export interface ChannelRec {
  connectionId: string;
  channelUuid: string;
  deviceUuid: string | null;
  name: string | null;
  resolution: string | null;
  frameRate: number | null;
  recording: boolean | null;
  recordOnMotion: boolean | null;
  minRetention: number | null;
  maxRetention: number | null;
  blur: boolean | null;
  snapshots: boolean | null;
  snapshotInterval: number | null;
  snapshotResolution: string | null;
  /** The camera listing this channel among its video channels, if any. */
  camera: CameraRec | null;
}

export interface LocationRec {
  connectionId: string;
  uuid: string;
  name: string;
  type: string;
  parentUuid: string | null;
  storeId: string | null;
  timeZone: string | null;
  area: number | null;
  occupancyLimit: number | null;
  archived: boolean;
}

export interface AlertRec {
  connectionId: string;
  uuid: string;
  storeUuid: string | null;
  storeName: string | null;
  type: string | null;
  severity: string | null;
  description: string | null;
  subjectId: string | null;
  subjectName: string | null;
  eventTime: string | null;
  createdTime: string | null;
  createdMs: number | null;
  resolved: boolean;
  resolvedTime: string | null;
  obsolete: boolean;
}

export interface VendorLocationRec {
  connectionId: string;
  vendor: 'flow' | 'exteros';
  key: string;
  /** Exteros type (store, popup, zone, region); 'store' for Flow codes. */
  kind: string;
  /** Exteros parent location name, when given. */
  parent: string | null;
  /** Exteros last update when the cache has it (`last-update` in the location's info). */
  lastUpdate: string | null;
}

export interface ConnectionRec {
  id: string;
  vendor: Vendor;
  name: string;
}

/** The cached data the IT views are made of, read once per cache version and kept in memory. */
export interface EstateModel {
  version: string;
  connections: Map<string, ConnectionRec>;
  /** RetailNext locations (regions, stores, sublocations). */
  locations: LocationRec[];
  locationsByUuid: Map<string, LocationRec>;
  cameras: CameraRec[];
  appliances: ApplianceRec[];
  channels: ChannelRec[];
  alerts: AlertRec[];
  vendorLocations: VendorLocationRec[];
  /** connection id -> dataset -> fetched_at of the current snapshot. */
  snapshots: Map<string, Map<string, string | null>>;
  /** connection id -> last KPI fetch. */
  kpiFetched: Map<string, string | null>;
  /** User placements: `${connectionId}|${key}` -> store uuid or null (explicitly unplaced). */
  manualLinks: Map<string, string | null>;
  /** Stores that only alerts name (not in the tree): uuid -> "<alert's store name> (not in the tree)". */
  alertOnlyStoreNames: Map<string, string>;
}

const versionSql = `SELECT
  (SELECT ifnull(group_concat(id), '') FROM (SELECT id FROM sync_snapshots WHERE state = 'current' ORDER BY id)) || '|' ||
  (SELECT ifnull(max(fetched_at), '') FROM kpi_days) || '|' ||
  (SELECT count(*) || ifnull(max(updated_at), '') FROM it_store_links) || '|' ||
  (SELECT ifnull(group_concat(id || updated_at), '') FROM connections) || '|' ||
  (SELECT ifnull(group_concat(dataset || version), '') FROM cache_edits) AS v`;

export const cacheVersion = (db: Db): string => (db.prepare(versionSql).get() as { v: string }).v;

function json(text: string | null): Record<string, unknown> {
  if (!text) return {};
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : v === 1 || v === 0 ? v === 1 : v === 'true' ? true : v === 'false' ? false : null);

function network(v: unknown): NetworkRec | null {
  if (!v || typeof v !== 'object') return null;
  const n = v as Record<string, unknown>;
  return { mode: num(n.mode), ip: str(n.ip), gateway: str(n.gateway), dns: str(n.dns), ntp: str(n.ntp) };
}

function time(v: string | null): number | null {
  if (!v) return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : t;
}

/** Cached cameras in the cache's order (the first `limit` of them when given). */
export function readCameras(db: Db, limit?: number): CameraRec[] {
  const cameras: CameraRec[] = [];
  type CamRow = { connection_id: string; device_id: string; store_uuid: string; appliance_id: string | null; device_name: string | null; device_type: number | null; vendor: string | null; model: string | null; serial_number: string | null; private_ip: string | null; public_ip: string | null; last_heard: string | null; channel_count: number | null; channel_uuids: string; raw: string };
  for (const r of db.prepare('SELECT connection_id, device_id, store_uuid, appliance_id, device_name, device_type, vendor, model, serial_number, private_ip, public_ip, last_heard, channel_count, channel_uuids, raw FROM cached_cameras' + (limit === undefined ? '' : ' LIMIT ?')).all(...(limit === undefined ? [] : [limit])) as CamRow[]) {
    const raw = json(r.raw);
    const analytics = (raw.analytics && typeof raw.analytics === 'object' ? raw.analytics : {}) as Record<string, unknown>;
    let channelUuids: string[] = [];
    try {
      const parsed: unknown = JSON.parse(r.channel_uuids);
      if (Array.isArray(parsed)) channelUuids = parsed.filter((x): x is string => typeof x === 'string');
    } catch {
      // unreadable list: no channels known
    }
    cameras.push({
      connectionId: r.connection_id,
      deviceId: r.device_id,
      name: r.device_name,
      type: r.device_type,
      vendor: r.vendor,
      model: r.model,
      serial: r.serial_number,
      privateIp: r.private_ip,
      publicIp: r.public_ip,
      lastHeard: r.last_heard,
      lastHeardMs: time(r.last_heard),
      storeUuid: r.store_uuid ?? '',
      applianceId: r.appliance_id || null,
      channelUuids,
      channelCount: r.channel_count ?? channelUuids.length,
      net: network(raw.network_configuration),
      height: num(raw.height),
      trafficLines: num(analytics.traffic_line_count),
      dwellZones: num(analytics.dwell_zone_count),
      directionLine: bool(analytics.direction_line_configured),
    });
  }
  return cameras;
}

/**
 * Reads the model of the cache at `version`: `top` is what the first screen of the IT views needs,
 * read in a few milliseconds (regions and stores, no sublocations, vendor locations or devices).
 * EstateService keeps the models it reads.
 */
export function loadModel(db: Db, version: string, part: 'top' | 'all'): EstateModel {
  const top = part === 'top';
  const connections = new Map<string, ConnectionRec>();
  const flowCodes = new Map<string, Set<string>>();
  for (const c of db.prepare('SELECT id, vendor, name, settings FROM connections').all() as Array<{ id: string; vendor: Vendor; name: string; settings: string }>) {
    connections.set(c.id, { id: c.id, vendor: c.vendor, name: c.name });
    if (c.vendor === 'flow') {
      const codes = json(c.settings).storeCodes;
      flowCodes.set(c.id, new Set(Array.isArray(codes) ? codes.map(String) : []));
    }
  }
  // Flow codes that sent counts but are no longer in the connection's list stay visible.
  if (!top) for (const r of db.prepare("SELECT DISTINCT k.connection_id AS c, k.store_key AS key FROM kpi_days k JOIN connections x ON x.id = k.connection_id AND x.vendor = 'flow'").all() as Array<{ c: string; key: string }>) {
    flowCodes.get(r.c)?.add(r.key);
  }

  const locations: LocationRec[] = [];
  const vendorLocations: VendorLocationRec[] = [];
  type LocRow = { connection_id: string; uuid: string; name: string; location_type: string; parent_uuid: string | null; store_id: string | null; time_zone: string | null; area: number | null; occupancy_limit: number | null; archive_date: string | null; extra: string | null };
  // Only Exteros rows need their `extra` (a kilobyte each): RetailNext ones skip reading it.
  const locSql = `SELECT l.connection_id, l.uuid, l.name, l.location_type, l.parent_uuid, l.store_id, l.time_zone, l.area, l.occupancy_limit, l.archive_date,
    CASE WHEN c.vendor = 'exteros' THEN l.extra END AS extra FROM cached_locations l LEFT JOIN connections c ON c.id = l.connection_id
    ${top ? "WHERE l.location_type IN ('region', 'store') AND c.vendor IS NOT 'exteros'" : ''}`;
  for (const r of db.prepare(locSql).all() as LocRow[]) {
    const vendor = connections.get(r.connection_id)?.vendor;
    if (vendor === 'exteros') {
      const info = json(r.extra);
      vendorLocations.push({ connectionId: r.connection_id, vendor: 'exteros', key: r.uuid, kind: r.location_type || 'unknown', parent: r.parent_uuid, lastUpdate: str(info['last-update']) ?? str(info.last_update) });
    } else {
      locations.push({ connectionId: r.connection_id, uuid: r.uuid, name: r.name || '(no name)', type: r.location_type, parentUuid: r.parent_uuid, storeId: r.store_id, timeZone: r.time_zone, area: r.area, occupancyLimit: r.occupancy_limit, archived: r.archive_date !== null });
    }
  }
  if (!top) for (const [connectionId, codes] of flowCodes) for (const key of codes) vendorLocations.push({ connectionId, vendor: 'flow', key, kind: 'store', parent: null, lastUpdate: null });

  const cameras = top ? [] : readCameras(db);
  const cameraByChannel = new Map<string, CameraRec>();
  for (const c of cameras) for (const u of c.channelUuids) cameraByChannel.set(`${c.connectionId}|${u}`, c);

  const appliances: ApplianceRec[] = top ? [] : (db.prepare('SELECT connection_id, appliance_id, store_uuid, mac_address, private_ip, public_ip, raw FROM cached_appliances').all() as Array<{ connection_id: string; appliance_id: string; store_uuid: string | null; mac_address: string | null; private_ip: string | null; public_ip: string | null; raw: string }>).map((r) => ({
    connectionId: r.connection_id,
    applianceId: r.appliance_id,
    storeUuid: r.store_uuid,
    mac: r.mac_address,
    privateIp: r.private_ip,
    publicIp: r.public_ip,
    net: network(json(r.raw).network_configuration),
  }));

  const channels: ChannelRec[] = top ? [] : (db.prepare('SELECT connection_id, channel_uuid, device_id, name, resolution, frame_rate, recording_enabled, raw FROM cached_channels').all() as Array<{ connection_id: string; channel_uuid: string; device_id: string | null; name: string | null; resolution: string | null; frame_rate: number | null; recording_enabled: number | null; raw: string }>).map((r) => {
    const raw = json(r.raw);
    return {
      connectionId: r.connection_id,
      channelUuid: r.channel_uuid,
      deviceUuid: r.device_id,
      name: r.name,
      resolution: r.resolution,
      frameRate: r.frame_rate,
      recording: r.recording_enabled === null ? null : r.recording_enabled === 1,
      recordOnMotion: bool(raw.record_on_motion),
      minRetention: num(raw.minimum_retention_days),
      // The documents spell it "maximun"; accept the correct spelling too.
      maxRetention: num(raw.maximun_retention_days ?? raw.maximum_retention_days),
      blur: bool(raw.blur_video),
      snapshots: bool(raw.snapshot_enabled),
      snapshotInterval: num(raw.snapshot_interval_secs),
      snapshotResolution: str(raw.snapshot_resolution),
      camera: cameraByChannel.get(`${r.connection_id}|${r.channel_uuid}`) ?? null,
    };
  });

  const alerts: AlertRec[] = (db.prepare('SELECT connection_id, uuid, store_uuid, store_name, type, severity, description, subject_id, subject_name, event_time, created_time, resolved, resolved_time, obsolete FROM cached_health_alerts').all() as Array<{ connection_id: string; uuid: string; store_uuid: string | null; store_name: string | null; type: string | null; severity: string | null; description: string | null; subject_id: string | null; subject_name: string | null; event_time: string | null; created_time: string | null; resolved: number; resolved_time: string | null; obsolete: number }>).map((r) => ({
    connectionId: r.connection_id,
    uuid: r.uuid,
    storeUuid: r.store_uuid,
    storeName: r.store_name,
    type: r.type,
    severity: r.severity,
    description: r.description,
    subjectId: r.subject_id,
    subjectName: r.subject_name,
    eventTime: r.event_time,
    createdTime: r.created_time,
    createdMs: time(r.created_time),
    resolved: r.resolved === 1,
    resolvedTime: r.resolved_time,
    obsolete: r.obsolete === 1,
  }));

  const snapshots = new Map<string, Map<string, string | null>>();
  for (const s of db.prepare("SELECT connection_id, dataset, fetched_at FROM sync_snapshots WHERE state = 'current'").all() as Array<{ connection_id: string; dataset: string; fetched_at: string | null }>) {
    const m = snapshots.get(s.connection_id) ?? new Map<string, string | null>();
    m.set(s.dataset, s.fetched_at);
    snapshots.set(s.connection_id, m);
  }
  const kpiFetched = new Map<string, string | null>();
  for (const r of db.prepare('SELECT connection_id, max(fetched_at) AS f FROM kpi_days GROUP BY connection_id').all() as Array<{ connection_id: string; f: string | null }>) kpiFetched.set(r.connection_id, r.f);

  const manualLinks = new Map<string, string | null>();
  for (const r of db.prepare('SELECT connection_id, vendor_key, store_uuid FROM it_store_links').all() as Array<{ connection_id: string; vendor_key: string; store_uuid: string | null }>) {
    manualLinks.set(`${r.connection_id}|${r.vendor_key}`, r.store_uuid);
  }

  const locationsByUuid = new Map(locations.map((l) => [l.uuid, l]));
  const alertOnlyStoreNames = new Map<string, string>();
  for (const a of alerts) if (a.storeUuid && a.storeName && !locationsByUuid.has(a.storeUuid)) alertOnlyStoreNames.set(a.storeUuid, `${a.storeName} (not in the tree)`);

  return {
    version,
    connections,
    locations,
    locationsByUuid,
    cameras,
    appliances,
    channels,
    alerts,
    vendorLocations,
    snapshots,
    kpiFetched,
    manualLinks,
    alertOnlyStoreNames,
  };
}
