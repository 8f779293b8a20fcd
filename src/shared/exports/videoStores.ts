import type { VideoChannel, VideoStore } from './types';

/** The fields the video list needs, whether read from RetailNext or from the cache. */
export interface VideoStoreIn {
  uuid: string;
  name: string;
  timeZone: string | null;
}
export interface VideoCameraIn {
  storeUuid: string;
  applianceId: string | null;
  channelUuids: readonly string[];
  name: string | null;
  /** The camera's MAC address. */
  deviceId: string | null;
}
export interface VideoChannelIn {
  uuid: string;
  name: string | null;
  recordingEnabled: boolean | null;
  deviceId: string | null;
}

/**
 * Stores with their appliances and video channels, by name: each camera's channels under its store
 * and appliance, named as the channel is (else as its camera). One grouping for the vendor's list
 * (export form) and the cache's (live wall offline).
 */
export function videoStores(stores: readonly VideoStoreIn[], cameras: readonly VideoCameraIn[], channels: readonly VideoChannelIn[]): VideoStore[] {
  const channelByUuid = new Map(channels.map((c) => [c.uuid, c]));
  const byStore = new Map<string, Map<string, VideoChannel[]>>();
  for (const cam of cameras) {
    const appliance = cam.applianceId ?? '';
    for (const uuid of cam.channelUuids) {
      const ch = channelByUuid.get(uuid);
      const perStore = byStore.get(cam.storeUuid) ?? new Map<string, VideoChannel[]>();
      byStore.set(cam.storeUuid, perStore);
      const list = perStore.get(appliance) ?? [];
      perStore.set(appliance, list);
      list.push({ uuid, name: ch?.name ?? cam.name ?? uuid, applianceId: appliance, recordingEnabled: ch?.recordingEnabled !== false, mac: ch?.deviceId || cam.deviceId || null });
    }
  }
  return stores
    .map((s) => ({
      uuid: s.uuid,
      name: s.name,
      timeZone: s.timeZone ?? 'UTC',
      appliances: [...(byStore.get(s.uuid) ?? new Map<string, VideoChannel[]>()).entries()]
        .map(([applianceId, chans]) => ({ applianceId, channels: chans.sort((a, b) => a.name.localeCompare(b.name)) }))
        .sort((a, b) => a.applianceId.localeCompare(b.applianceId)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
