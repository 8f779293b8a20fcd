import type { VideoSources } from '../../shared/exports/types';
import { videoStores } from '../../shared/exports/videoStores';
import type { EstateModel } from '../estate/model';

/** The synced datasets the video list is made of (inventory: cameras, channels, appliances). */
const datasets = ['locations', 'inventory'] as const;

/**
 * A RetailNext connection's stores, appliances and video channels as the last sync cached them (what
 * exports.sources reads from the vendor), so the live wall lists cameras offline. fetchedAt is the
 * older of its two datasets; null when the connection's stores or inventory were never synced.
 */
export function cachedVideoSources(model: EstateModel, connectionId: string): VideoSources | null {
  const fetched = model.snapshots.get(connectionId);
  const times = datasets.map((d) => fetched?.get(d) ?? null);
  if (times.includes(null)) return null;
  const stores = model.locations.filter((l) => l.connectionId === connectionId && l.type === 'store' && !l.archived);
  const cameras = model.cameras.filter((c) => c.connectionId === connectionId);
  const channels = model.channels.filter((c) => c.connectionId === connectionId);
  return {
    connectionId,
    stores: videoStores(
      stores.map((s) => ({ uuid: s.uuid, name: s.name, timeZone: s.timeZone })),
      cameras.map((c) => ({ storeUuid: c.storeUuid, applianceId: c.applianceId, channelUuids: c.channelUuids, name: c.name, deviceId: c.deviceId })),
      channels.map((c) => ({ uuid: c.channelUuid, name: c.name, recordingEnabled: c.recording, deviceId: c.deviceUuid })),
    ),
    fetchedAt: (times as string[]).sort()[0]!,
  };
}
