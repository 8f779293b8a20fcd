import { z } from 'zod';
import { call } from '../contract/define';
import type { VideoSources } from '../exports/types';
import { inventoryKinds } from './columns';
import { deviceKinds, type DeviceDetail } from './device';
import type { InventoryTable } from './query';

/**
 * Every cached camera, light: [MAC address, name, index into `stores` or -1], for the command palette
 * (a few dozen bytes a camera where the inventory table sends every documented field).
 */
export interface CameraNames {
  stores: string[];
  cameras: [deviceId: string, name: string, store: number][];
}

const kind = z.enum(inventoryKinds);

export const inventoryView = z
  .object({
    search: z.string().max(500).default(''),
    filters: z.record(z.string().max(64), z.string().max(200)).default({}),
    sort: z.object({ column: z.string().max(64), desc: z.boolean() }).nullable().default(null),
    columns: z.array(z.string().max(64)).min(1).max(64),
  })
  .strict();

export const inventoryCalls = {
  'inventory.table': call<InventoryTable>()(
    z.object({ kind, first: z.number().int().min(1).max(10_000).optional() }).strict(),
    'Every cached camera, appliance or channel with its documented fields, as compact rows (the renderer sorts, filters and searches them). first: only the first rows in cache order, for the first screen (partial: true, total: all rows).',
  ),
  'inventory.cameraNames': call<CameraNames>()(
    z.object({}).strict(),
    "Every cached camera's MAC address, name and store, and nothing else: what the command palette searches to jump to a camera.",
  ),
  'inventory.device': call<DeviceDetail>()(
    z.object({ kind: z.enum(deviceKinds), id: z.string().min(1).max(200) }).strict(),
    'One camera, appliance or video channel from the cache with its store, channels, health alerts, audit findings and when it was last heard.',
  ),
  'inventory.exportCsv': call<{ saved: boolean; path: string | null; fileName: string; csv: string | null; rows: number }>()(
    z.object({ kind, scope: z.string().max(300).nullable().default(null), view: inventoryView }).strict(),
    'The rows shown (same scope, search, filters, sort and columns) as CSV: saved where the user chooses in the desktop shell, returned as text in browser mode.',
  ),
  'inventory.videoSources': call<VideoSources | null>()(
    z.object({ connectionId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Unknown connection id.') }).strict(),
    "A RetailNext connection's stores, appliances and video channels as the last sync cached them (exports.sources reads them from the vendor), fetchedAt the older of the locations and inventory syncs; null when either was never synced.",
  ),
} as const;
