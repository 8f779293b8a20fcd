import type { VideoStore } from '../../../../shared/exports/types';
import { cameraKey, storeKey, tileNames, type WallCamera } from '../../../../shared/live/wall';

/** A RetailNext connection's stores with video, as the camera tree shows them. */
export interface CameraSource {
  connectionId: string;
  connectionName: string;
  stores: VideoStore[];
}

export interface CameraRow {
  key: string;
  kind: 'connection' | 'store' | 'camera';
  level: number;
  label: string;
  connectionId: string;
  /** store rows: open or not; undefined for cameras and connections */
  expanded?: boolean;
  /** The store of a store or camera row. */
  store?: VideoStore;
  /** The cameras a click adds: a store's cameras, or the one camera. */
  cameras: WallCamera[];
}

/** The cameras of a store, as wall cameras (named as the vendor names them). */
export function storeCameras(connectionId: string, store: VideoStore): WallCamera[] {
  return store.appliances.flatMap((a) =>
    a.channels.map((ch) => ({ connectionId, storeUuid: store.uuid, storeName: store.name, channelUuid: ch.uuid, channelName: ch.name, applianceId: ch.applianceId || a.applianceId })),
  );
}

/** At most this many rows are drawn; a search narrows the rest (a large estate has thousands of stores). */
export const maxCameraRows = 400;

/**
 * The rows of the tree: connections (only when there are several), stores with video, and the cameras
 * of the open stores. A search matches store and camera names (every word, any order): a store that
 * matches keeps all its cameras; a store with only matching cameras opens on them.
 */
export function cameraRows(sources: readonly CameraSource[], search: string, expanded: ReadonlySet<string>): { rows: CameraRow[]; stores: number; more: number } {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const hit = (text: string) => words.every((w) => text.toLowerCase().includes(w));
  const rows: CameraRow[] = [];
  let stores = 0;
  let more = 0;
  const many = sources.length > 1;
  for (const src of sources) {
    const before = rows.length;
    if (many) rows.push({ key: `c:${src.connectionId}`, kind: 'connection', level: 1, label: src.connectionName, connectionId: src.connectionId, cameras: [] });
    for (const store of src.stores) {
      const all = storeCameras(src.connectionId, store);
      if (all.length === 0) continue;
      const storeHit = words.length === 0 || hit(store.name);
      const cams = storeHit ? all : all.filter((c) => hit(`${store.name} ${c.channelName}`));
      if (cams.length === 0) continue;
      stores++;
      if (rows.length >= maxCameraRows) {
        more++;
        continue;
      }
      const key = storeKey({ connectionId: src.connectionId, storeUuid: store.uuid });
      const open = expanded.has(key) !== (!storeHit && words.length > 0);
      const level = many ? 2 : 1;
      rows.push({ key: `s:${key}`, kind: 'store', level, label: store.name, connectionId: src.connectionId, expanded: open, store, cameras: all });
      const names = open ? tileNames(all) : null;
      if (open) for (const c of cams) rows.push({ key: `k:${cameraKey(c)}`, kind: 'camera', level: level + 1, label: names?.get(cameraKey(c))?.camera ?? c.channelName, connectionId: src.connectionId, store, cameras: [c] });
    }
    if (many && rows.length === before + 1 && words.length > 0) rows.pop();
  }
  return { rows, stores, more };
}
