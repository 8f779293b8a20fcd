import type { AlertRow } from '../../shared/alerts/types';
import type { AlertRec, EstateModel } from '../estate/model';
import { isKnownStore, storeLabel } from '../estate/names';

export type DeviceIndex = Map<string, { kind: 'camera' | 'appliance'; id: string; lastHeard: string | null }>;

/** Alert subjects are camera MACs or appliance MACs (or the store): where to find the inventory record. */
export function deviceIndex(model: EstateModel): DeviceIndex {
  const m: DeviceIndex = new Map();
  for (const a of model.appliances) {
    m.set(a.applianceId.toUpperCase(), { kind: 'appliance', id: a.applianceId, lastHeard: null });
    if (a.mac) m.set(a.mac.toUpperCase(), { kind: 'appliance', id: a.applianceId, lastHeard: null });
  }
  for (const c of model.cameras) m.set(c.deviceId.toUpperCase(), { kind: 'camera', id: c.deviceId, lastHeard: c.lastHeard });
  return m;
}

export function alertRow(model: EstateModel, devices: DeviceIndex, a: AlertRec, isNew: boolean, acknowledgedAt: string | null = null): AlertRow {
  const device = a.subjectId ? devices.get(a.subjectId.toUpperCase()) : undefined;
  return {
    connectionId: a.connectionId,
    uuid: a.uuid,
    storeUuid: a.storeUuid,
    storeName: isKnownStore(model, a.storeUuid) ? storeLabel(model, a.storeUuid) : a.storeName ? `${a.storeName} (not in the tree)` : storeLabel(model, a.storeUuid),
    storeKnown: isKnownStore(model, a.storeUuid),
    type: a.type ?? 'unknown',
    severity: a.severity ?? 'unknown',
    description: a.description ?? '',
    subjectId: a.subjectId ?? '',
    subjectName: a.subjectName ?? a.subjectId ?? '',
    device: device ? { kind: device.kind, id: device.id } : null,
    eventTime: a.eventTime,
    createdTime: a.createdTime,
    createdMs: a.createdMs,
    resolved: a.resolved,
    resolvedTime: a.resolvedTime,
    obsolete: a.obsolete,
    isNew,
    acknowledgedAt,
    // The camera's own last heard (appliances have none in the inventory), to set beside the alert.
    deviceLastHeard: device?.lastHeard ?? null,
  };
}
