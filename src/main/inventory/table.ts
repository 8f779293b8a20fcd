import { deviceTypeLabel, inventoryColumns, type Cell, type InventoryKind } from '../../shared/inventory/columns';
import type { CameraNames } from '../../shared/inventory/contract';
import type { InventoryTable } from '../../shared/inventory/query';
import type { EstateModel, NetworkRec } from '../estate/model';
import { storeLabel } from '../estate/names';
import type { EstateService } from '../estate/service';

const networkLabel = (n: NetworkRec | null): string | null => (n === null || n.mode === null ? null : n.mode === 0 ? 'DHCP' : n.mode === 1 ? 'Static' : `unknown (${n.mode})`);
const blank = (s: string | null | undefined): string | null => (s === undefined || s === null || s === '' ? null : s);

/** The network columns a camera and an appliance share. */
const networkCells = (d: { privateIp: string | null; publicIp: string | null; net: NetworkRec | null }): Record<string, Cell> => ({
  private_ip: blank(d.privateIp),
  public_ip: blank(d.publicIp),
  network: networkLabel(d.net),
  static_ip: blank(d.net?.ip),
  gateway: blank(d.net?.gateway),
  dns: blank(d.net?.dns),
  ntp: blank(d.net?.ntp),
});

/** The inventory lists, each built once per model of the estate. */
export class InventoryTables {
  private kept: { model: EstateModel; byKind: Map<InventoryKind, InventoryTable>; names?: CameraNames } | null = null;

  constructor(private readonly estate: EstateService) {}

  /** One list of the model (the current one unless given). */
  table(kind: InventoryKind, model: EstateModel = this.estate.model()): InventoryTable {
    if (this.kept?.model !== model) this.kept = { model, byKind: new Map() };
    let table = this.kept.byKind.get(kind);
    if (!table) this.kept.byKind.set(kind, (table = inventoryTable(model, kind)));
    return table;
  }

  /** The cameras' MAC addresses, names and stores (the command palette's list), built once per model. */
  cameraNames(model: EstateModel = this.estate.model()): CameraNames {
    if (this.kept?.model !== model) this.kept = { model, byKind: new Map() };
    if (!this.kept.names) {
      const stores: string[] = [];
      const storeIndex = new Map<string, number>();
      const cameras = model.cameras.map((c): CameraNames['cameras'][number] => {
        let at = -1;
        if (c.storeUuid) {
          at = storeIndex.get(c.storeUuid) ?? -1;
          if (at < 0) {
            at = stores.push(storeLabel(model, c.storeUuid)) - 1;
            storeIndex.set(c.storeUuid, at);
          }
        }
        return [c.deviceId, c.name || c.deviceId, at];
      });
      this.kept.names = { stores, cameras };
    }
    return this.kept.names;
  }

  /**
   * The first rows of a list for the first screen, without reading every device: cameras straight
   * from SQL (LIMIT) with store names from the top model; the full table when the core has it
   * already, or for appliances and channels (these need every camera to be joined).
   */
  firstRows(kind: InventoryKind, first: number): InventoryTable {
    const full = this.estate.peekModel();
    if (!full && kind === 'cameras') {
      const top = this.estate.topModel();
      const part = inventoryTable({ ...top, cameras: this.estate.firstCameras(first) }, kind);
      const total = this.estate.cameraCount();
      return part.rows.length < total ? { ...part, partial: true, total } : part;
    }
    const table = this.table(kind, full ?? this.estate.model());
    return table.rows.length <= first ? table : { ...table, rows: table.rows.slice(0, first), partial: true, total: table.rows.length };
  }
}

/** One inventory list as compact rows in the order of its column definitions. */
function inventoryTable(model: EstateModel, kind: InventoryKind): InventoryTable {
  const columns = inventoryColumns[kind].map((c) => c.id);
  const store = (uuid: string | null) => storeLabel(model, uuid);
  let rows: Cell[][];
  let fetched: string | null = null;
  const fetchedOf = (connectionId: string | undefined) => (connectionId ? (model.snapshots.get(connectionId)?.get('inventory') ?? null) : null);
  if (kind === 'cameras') {
    rows = model.cameras.map((c) => {
      const byId: Record<string, Cell> = {
        store: store(c.storeUuid),
        device_name: blank(c.name),
        type: deviceTypeLabel(c.type),
        vendor: blank(c.vendor) ?? 'unknown',
        model: blank(c.model),
        device_id: c.deviceId,
        serial_number: blank(c.serial),
        ...networkCells(c),
        last_heard: c.lastHeard,
        height: c.height,
        traffic_lines: c.trafficLines,
        dwell_zones: c.dwellZones,
        direction_line: c.directionLine,
        channel_count: c.channelCount,
        appliance_id: c.applianceId,
        store_uuid: c.storeUuid,
      };
      return columns.map((id) => byId[id] ?? null);
    });
    fetched = fetchedOf(model.cameras[0]?.connectionId);
  } else if (kind === 'appliances') {
    const cams = new Map<string, number>();
    for (const c of model.cameras) if (c.applianceId) cams.set(`${c.connectionId}|${c.applianceId}`, (cams.get(`${c.connectionId}|${c.applianceId}`) ?? 0) + 1);
    rows = model.appliances.map((a) => {
      const byId: Record<string, Cell> = {
        store: store(a.storeUuid),
        appliance_id: a.applianceId,
        mac_address: blank(a.mac),
        ...networkCells(a),
        camera_count: cams.get(`${a.connectionId}|${a.applianceId}`) ?? 0,
        store_uuid: a.storeUuid ?? '',
      };
      return columns.map((id) => byId[id] ?? null);
    });
    fetched = fetchedOf(model.appliances[0]?.connectionId);
  } else {
    rows = model.channels.map((ch) => {
      const byId: Record<string, Cell> = {
        store: store(ch.camera?.storeUuid ?? null),
        name: blank(ch.name),
        camera: ch.camera ? (blank(ch.camera.name) ?? ch.camera.deviceId) : 'no camera lists it',
        camera_mac: ch.camera?.deviceId ?? null,
        resolution: blank(ch.resolution),
        frame_rate: ch.frameRate,
        recording: ch.recording,
        record_on_motion: ch.recordOnMotion,
        min_retention: ch.minRetention,
        max_retention: ch.maxRetention,
        blur: ch.blur,
        snapshots: ch.snapshots,
        snapshot_interval: ch.snapshotInterval,
        snapshot_resolution: blank(ch.snapshotResolution),
        channel_uuid: ch.channelUuid,
        device_uuid: blank(ch.deviceUuid),
        store_uuid: ch.camera?.storeUuid ?? '',
      };
      return columns.map((id) => byId[id] ?? null);
    });
    fetched = fetchedOf(model.channels[0]?.connectionId);
  }
  return { kind, columns, rows, fetchedAt: fetched };
}
