// Inventory: cameras (3 concurrent requests per subscription, 429 beyond), channels, appliances,
// paged with string cursors (next_page; "end" on the last page).
// Items are serialised once and cached: only a camera's last_heard depends on now().

import { estateIndex, findStore } from '../estate/lookup';
import type { Appliance, Camera, Channel } from '../estate/types';
import type { SimContext } from '../http/context';
import { sendText } from '../http/json';
import type { Router } from '../http/router';
import { inventoryPage } from './paging';

export const CAMERAS_CONCURRENCY = 3;

const cameraJson = new WeakMap<Camera, [string, string]>();
const staticJson = new WeakMap<object, string>();

/** Serialised camera around last_heard (field order of the documents' example). */
function cameraParts(c: Camera): [string, string] {
  let parts = cameraJson.get(c);
  if (!parts) {
    const head = {
      type: c.type,
      device_id: c.device_id,
      device_name: c.device_name,
      store_uuid: c.store_uuid,
      appliance_id: c.appliance_id,
      vendor: c.vendor,
      model: c.model,
      private_ip: c.private_ip,
      public_ip: c.public_ip,
    };
    const tail: Record<string, unknown> = {
      serial_number: c.serial_number,
      network_configuration: c.network_configuration,
      video_channel_uuids: c.video_channel_uuids,
      video_channel_count: c.video_channel_count,
      configuration_summary: c.configuration_summary,
      analytics: c.analytics,
    };
    if (c.height !== undefined) tail.height = c.height;
    parts = [`${JSON.stringify(head).slice(0, -1)},"last_heard":"`, `",${JSON.stringify(tail).slice(1)}`];
    cameraJson.set(c, parts);
  }
  return parts;
}

function cached<T extends object>(item: T, view: (item: T) => unknown): string {
  let s = staticJson.get(item);
  if (s === undefined) {
    s = JSON.stringify(view(item));
    staticJson.set(item, s);
  }
  return s;
}

function channelView(ch: Channel): unknown {
  return {
    channel_uuid: ch.channel_uuid,
    name: ch.name,
    device_id: ch.device_id,
    resolution: ch.resolution,
    frame_rate: ch.frame_rate,
    record_on_motion: ch.record_on_motion,
    minimum_retention_days: ch.minimum_retention_days,
    maximun_retention_days: ch.maximun_retention_days,
    blur_video: ch.blur_video,
    recording_enabled: ch.recording_enabled,
    snapshot_enabled: ch.snapshot_enabled,
    snapshot_interval_secs: ch.snapshot_interval_secs,
    snapshot_resolution: ch.snapshot_resolution,
  };
}

function applianceView(a: Appliance): unknown {
  return {
    appliance_id: a.appliance_id,
    store_uuid: a.store_uuid,
    mac_address: a.mac_address,
    private_ip: a.private_ip,
    network_configuration: a.network_configuration,
    public_ip: a.public_ip,
  };
}

function sendPage(res: Parameters<typeof sendText>[0], key: string, nextPage: string, items: string[]): void {
  sendText(res, 200, `{"ok":true,"next_page":${JSON.stringify(nextPage)},"${key}":[${items.join(',')}]}`, { 'Content-Type': 'application/json' });
}

export function register(router: Router, ctx: SimContext): void {
  const { estate } = ctx;

  router.get(
    'retailnext',
    '/v1/inventory/cameras',
    'inventory.cameras',
    (r) => {
      const idx = estateIndex(estate);
      const storeUuid = r.query.get('store_uuid');
      const nowMs = ctx.now().getTime();
      let result: { page: Camera[]; next_page: string };
      if (storeUuid) {
        const store = findStore(estate, storeUuid);
        const cams = store ? store.cameraIndexes.map((i) => estate.cameras[i]!) : [];
        result = inventoryPage(r, cams, (c) => c.device_id);
      } else {
        result = inventoryPage(r, estate.cameras, (c) => c.device_id, (key) => idx.camerasByDeviceId.get(key) ?? -1);
      }
      const items = result.page.map((c) => {
        const [head, tail] = cameraParts(c);
        return head + new Date(nowMs - c.lastHeardAgoSec * 1000).toISOString() + tail;
      });
      sendPage(r.res, 'cameras', result.next_page, items);
    },
    { concurrencyLimit: CAMERAS_CONCURRENCY },
  );

  router.get('retailnext', '/v1/inventory/channels', 'inventory.channels', (r) => {
    const idx = estateIndex(estate);
    const storeUuid = r.query.get('store_uuid');
    const list = storeUuid ? (idx.channelsByStore.get(storeUuid) ?? []) : estate.channels;
    const positions = storeUuid ? undefined : channelPositions(estate.channels);
    const result = inventoryPage(r, list, (c) => c.channel_uuid, positions ? (key) => positions.get(key) ?? -1 : undefined);
    sendPage(r.res, 'channels', result.next_page, result.page.map((c) => cached(c, channelView)));
  });

  router.get('retailnext', '/v1/inventory/appliances', 'inventory.appliances', (r) => {
    const idx = estateIndex(estate);
    const storeUuid = r.query.get('store_uuid');
    const list = storeUuid ? (idx.appliancesByStore.get(storeUuid) ?? []) : estate.appliances;
    const result = inventoryPage(r, list, (a) => a.appliance_id);
    sendPage(r.res, 'store_appliances', result.next_page, result.page.map((a) => cached(a, applianceView)));
  });
}

const positionsCache = new WeakMap<Channel[], Map<string, number>>();
function channelPositions(channels: Channel[]): Map<string, number> {
  let m = positionsCache.get(channels);
  if (!m || m.size !== channels.length) {
    m = new Map(channels.map((c, i) => [c.channel_uuid, i]));
    positionsCache.set(channels, m);
  }
  return m;
}
