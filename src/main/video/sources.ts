import type { VideoSources, VideoStore } from '../../shared/exports/types';
import { videoStores } from '../../shared/exports/videoStores';
import type { ConnectionsService } from '../connections/service';
import type { CoreContext } from '../core/context';
import { allOrStop } from '../vendors/http/pool';
import { SharedRequest } from '../vendors/http/sharedRequest';
import { retailNextClient } from './retailNextClient';

const keepMs = 5 * 60_000;

/**
 * Stores, appliances and video channels of a RetailNext account, read from the vendor (locations,
 * cameras, channels) and kept in memory for a few minutes: the export form and the live wall need
 * them even before a sync has filled the cache. One list serves both (video/ is what they share).
 */
export class VideoSourcesService {
  private readonly cache = new Map<string, { at: number; read: SharedRequest<VideoSources> }>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly connections: ConnectionsService,
  ) {}

  /**
   * The account's sources, read once for every caller asking meanwhile (the export form, the live
   * wall, a second window). `signal` is the caller's: giving up stops the read only when every caller
   * waiting for it has given up; one stopped so is forgotten, so the next caller reads again.
   */
  get(connectionId: string, refresh = false, signal?: AbortSignal): Promise<VideoSources> {
    const hit = this.cache.get(connectionId);
    if (hit && !refresh && !hit.read.stopped && Date.now() - hit.at < keepMs) return hit.read.join(signal);
    const entry = { at: Date.now(), read: new SharedRequest((stop) => this.read(connectionId, stop)) };
    this.cache.set(connectionId, entry);
    entry.read.answer.catch(() => {
      if (this.cache.get(connectionId) === entry) this.cache.delete(connectionId);
    });
    return entry.read.join(signal);
  }

  async store(connectionId: string, storeUuid: string, signal?: AbortSignal): Promise<VideoStore | undefined> {
    return (await this.get(connectionId, false, signal)).stores.find((s) => s.uuid === storeUuid);
  }

  private async read(connectionId: string, signal: AbortSignal): Promise<VideoSources> {
    const client = await retailNextClient(this.connections, connectionId, signal);
    // A failure stops the other two and is what the caller hears.
    const [stores, cameras, channels] = await allOrStop([
      (own) => client.queryLocations({ extra_fields: ['store.time_zone'], where: { and: [{ location_types: ['store'] }] } }, { signal: own }),
      (own) => client.cameras(undefined, { signal: own }),
      (own) => client.channels({ signal: own }),
    ], signal);
    const out = videoStores(
      stores.filter((s) => !s.archive_date && s.location_type === 'store').map((s) => ({ uuid: s.uuid, name: s.name, timeZone: s.time_zone ?? null })),
      cameras.map((c) => ({ storeUuid: c.store_uuid, applianceId: c.appliance_id ?? null, channelUuids: c.video_channel_uuids, name: c.device_name ?? null, deviceId: c.device_id || null })),
      channels.map((c) => ({ uuid: c.channel_uuid, name: c.name ?? null, recordingEnabled: c.recording_enabled ?? null, deviceId: c.device_id || null })),
    );
    return { connectionId, stores: out, fetchedAt: this.ctx.now().toISOString() };
  }
}
