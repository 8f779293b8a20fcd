import type { Finding } from '../../shared/audit/rules';
import { AppError } from '../../shared/contract/errors';
import { deviceTypeLabel } from '../../shared/inventory/columns';
import type { DeviceChannel, DeviceDetail, DeviceKind } from '../../shared/inventory/device';
import type { CameraRec, ChannelRec, EstateModel, NetworkRec } from '../estate/model';
import { isKnownStore, storeLabel } from '../estate/names';

const upper = (s: string | null | undefined) => (s ?? '').toUpperCase();

function networkFacts(net: NetworkRec | null): Array<{ label: string; value: string | null }> {
  if (!net) return [];
  return [
    { label: 'Network', value: net.mode === 0 ? 'DHCP' : net.mode === 1 ? 'Static' : null },
    { label: 'Static IP', value: net.ip },
    { label: 'Gateway', value: net.gateway },
    { label: 'DNS', value: net.dns },
    { label: 'NTP', value: net.ntp },
  ];
}

const channelOf = (c: ChannelRec): DeviceChannel => ({
  uuid: c.channelUuid,
  name: c.name?.trim() || c.channelUuid,
  resolution: c.resolution,
  frameRate: c.frameRate,
  recording: c.recording,
  retentionDays: c.maxRetention,
  snapshots: c.snapshots,
});

const cameraName = (c: CameraRec) => c.name?.trim() || c.deviceId;

/** A device's detail: its store, channels, alerts, audit findings and last heard, from the cache. */
export function deviceDetail(model: EstateModel, findings: readonly Finding[], kind: DeviceKind, id: string): DeviceDetail {
  const fetchedOf = (connectionId: string) => model.snapshots.get(connectionId)?.get('inventory') ?? null;
  const store = (uuid: string | null) => ({ uuid, name: storeLabel(model, uuid), known: isKnownStore(model, uuid) });
  const alertsAbout = (ids: Array<string | null | undefined>) => {
    const keys = new Set(ids.filter(Boolean).map(upper));
    return model.alerts
      .filter((a) => keys.has(upper(a.subjectId)))
      .sort((a, b) => Number(a.resolved) - Number(b.resolved) || (b.createdMs ?? 0) - (a.createdMs ?? 0))
      .map((a) => ({ connectionId: a.connectionId, uuid: a.uuid, severity: a.severity ?? 'unknown', type: a.type ?? 'unknown', description: a.description ?? '', createdTime: a.createdTime, resolved: a.resolved }));
  };
  const findingsAbout = (ids: Array<string | null | undefined>) => {
    const keys = new Set(ids.filter(Boolean).map(upper));
    return findings.filter((f) => keys.has(upper(f.subjectId)));
  };
  const facts = (pairs: Array<{ label: string; value: string | number | null | undefined }>) =>
    pairs.filter((p) => p.value !== null && p.value !== undefined && p.value !== '').map((p) => ({ label: p.label, value: String(p.value) }));

  if (kind === 'camera') {
    const c = model.cameras.find((x) => upper(x.deviceId) === upper(id));
    if (!c) throw new AppError('not_found', `No camera ${id} in the cached inventory. Sync the connection to refresh it.`);
    const channels = model.channels.filter((ch) => ch.camera === c || c.channelUuids.includes(ch.channelUuid));
    const appliance = c.applianceId ? model.appliances.find((a) => a.applianceId === c.applianceId) : undefined;
    return {
      kind,
      id: c.deviceId,
      name: cameraName(c),
      description: `${deviceTypeLabel(c.type)} · ${c.vendor || 'unknown vendor'}${c.model ? ` ${c.model}` : ''}`,
      store: store(c.storeUuid),
      lastHeard: c.lastHeard,
      facts: facts([
        { label: 'MAC address', value: c.deviceId },
        { label: 'Serial number', value: c.serial },
        { label: 'Private IP', value: c.privateIp },
        { label: 'Public IP', value: c.publicIp },
        ...networkFacts(c.net),
        { label: 'Height (mm)', value: c.height },
        { label: 'Traffic lines', value: c.trafficLines },
        { label: 'Dwell zones', value: c.dwellZones },
        { label: 'Direction line', value: c.directionLine === null ? null : c.directionLine ? 'yes' : 'no' },
      ]),
      channels: channels.map(channelOf),
      related: appliance ? [{ kind: 'appliance', id: appliance.applianceId, name: appliance.mac ? `Appliance ${appliance.mac}` : `Appliance ${appliance.applianceId}` }] : [],
      alerts: alertsAbout([c.deviceId]),
      findings: findingsAbout([c.deviceId, ...channels.map((ch) => ch.channelUuid)]),
      fetchedAt: fetchedOf(c.connectionId),
    };
  }
  if (kind === 'appliance') {
    const a = model.appliances.find((x) => x.applianceId === id || upper(x.mac) === upper(id));
    if (!a) throw new AppError('not_found', `No appliance ${id} in the cached inventory. Sync the connection to refresh it.`);
    const cameras = model.cameras.filter((c) => c.connectionId === a.connectionId && c.applianceId === a.applianceId);
    return {
      kind,
      id: a.applianceId,
      name: a.mac ? `Appliance ${a.mac}` : `Appliance ${a.applianceId}`,
      description: 'Store appliance',
      store: store(a.storeUuid),
      lastHeard: null,
      facts: facts([
        { label: 'Appliance ID', value: a.applianceId },
        { label: 'MAC address', value: a.mac },
        { label: 'Private IP', value: a.privateIp },
        { label: 'Public IP', value: a.publicIp },
        ...networkFacts(a.net),
      ]),
      channels: [],
      related: cameras.map((c) => ({ kind: 'camera' as const, id: c.deviceId, name: cameraName(c) })),
      alerts: alertsAbout([a.applianceId, a.mac]),
      findings: findingsAbout([a.applianceId, a.mac]),
      fetchedAt: fetchedOf(a.connectionId),
    };
  }
  const ch = model.channels.find((x) => x.channelUuid === id);
  if (!ch) throw new AppError('not_found', `No video channel ${id} in the cached inventory. Sync the connection to refresh it.`);
  return {
    kind,
    id: ch.channelUuid,
    name: ch.name?.trim() || ch.channelUuid,
    description: 'Video channel',
    store: store(ch.camera?.storeUuid ?? null),
    lastHeard: ch.camera?.lastHeard ?? null,
    facts: facts([
      { label: 'Channel UUID', value: ch.channelUuid },
      { label: 'Resolution', value: ch.resolution },
      { label: 'Frame rate', value: ch.frameRate },
      { label: 'Recording', value: ch.recording === null ? null : ch.recording ? 'yes' : 'no' },
      { label: 'Retention (days)', value: ch.maxRetention },
      { label: 'Snapshots', value: ch.snapshots === null ? null : ch.snapshots ? 'yes' : 'no' },
    ]),
    channels: [channelOf(ch)],
    related: ch.camera ? [{ kind: 'camera', id: ch.camera.deviceId, name: cameraName(ch.camera) }] : [],
    alerts: alertsAbout([ch.camera?.deviceId]),
    findings: findingsAbout([ch.channelUuid]),
    fetchedAt: fetchedOf(ch.connectionId),
  };
}
