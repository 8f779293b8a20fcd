import type { VideoSources, VideoStore } from '../../shared/exports/types';
import { videoStores } from '../../shared/exports/videoStores';
import type { ConnectionsService } from '../connections/service';
import type { CoreContext } from '../core/context';
import { allOrStop } from '../vendors/http/pool';
import { retailNextClient } from './retailNextClient';

const keepMs = 5 * 60_000;

/**
 * Stores, appliances and video channels of a RetailNext account, read from the vendor (locations,
 * cameras, channels) and kept in memory for a few minutes: the export form and the live wall need
 * them even before a sync has filled the cache. One list serves both (video/ is what they share).
 */
export class VideoSourcesService {
  private readonly cache = new Map<string, { at: number; value: Promise<VideoSources> }>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly connections: ConnectionsService,
  ) {}

  get(connectionId: string, refresh = false): Promise<VideoSources> {
    const hit = this.cache.get(connectionId);
    if (hit && !refresh && Date.now() - hit.at < keepMs) return hit.value;
    const value = this.read(connectionId);
    this.cache.set(connectionId, { at: Date.now(), value });
    value.catch(() => this.cache.delete(connectionId));
    return value;
  }

  async store(connectionId: string, storeUuid: string): Promise<VideoStore | undefined> {
    return (await this.get(connectionId)).stores.find((s) => s.uuid === storeUuid);
  }

  private async read(connectionId: string): Promise<VideoSources> {
    const client = await retailNextClient(this.connections, connectionId);
    // A failure stops the other two and is what the caller hears.
    const [stores, cameras, channels] = await allOrStop([
      (signal) => client.queryLocations({ extra_fields: ['store.time_zone'], where: { and: [{ location_types: ['store'] }] } }, { signal }),
      (signal) => client.cameras(undefined, { signal }),
      (signal) => client.channels({ signal }),
    ]);
    const out = videoStores(
      stores.filter((s) => !s.archive_date && s.location_type === 'store').map((s) => ({ uuid: s.uuid, name: s.name, timeZone: s.time_zone ?? null })),
      cameras.map((c) => ({ storeUuid: c.store_uuid, applianceId: c.appliance_id ?? null, channelUuids: c.video_channel_uuids, name: c.device_name ?? null, deviceId: c.device_id || null })),
      channels.map((c) => ({ uuid: c.channel_uuid, name: c.name ?? null, recordingEnabled: c.recording_enabled ?? null, deviceId: c.device_id || null })),
    );
    return { connectionId, stores: out, fetchedAt: this.ctx.now().toISOString() };
  }
}
