export const inventoryKinds = ['cameras', 'appliances', 'channels'] as const;
export type InventoryKind = (typeof inventoryKinds)[number];

export type CellType = 'text' | 'number' | 'bool' | 'time';
export type Cell = string | number | boolean | null;

export interface ColumnDef {
  id: string;
  label: string;
  type: CellType;
  /** Shown when the user has not chosen columns yet. */
  shown: boolean;
}

const col = (id: string, label: string, type: CellType = 'text', shown = true): ColumnDef => ({ id, label, type, shown });

/** The documented fields of each inventory list, in display order. The first column is always the store. */
export const inventoryColumns: Record<InventoryKind, readonly ColumnDef[]> = {
  cameras: [
    col('store', 'Store'),
    col('device_name', 'Name'),
    col('type', 'Device type'),
    col('vendor', 'Vendor'),
    col('model', 'Model'),
    col('device_id', 'MAC address'),
    col('serial_number', 'Serial number', 'text', false),
    col('private_ip', 'Private IP'),
    col('public_ip', 'Public IP', 'text', false),
    col('network', 'DHCP or static'),
    col('static_ip', 'Static IP', 'text', false),
    col('gateway', 'Gateway', 'text', false),
    col('dns', 'DNS', 'text', false),
    col('ntp', 'NTP', 'text', false),
    col('last_heard', 'Last heard', 'time'),
    col('height', 'Height (mm)', 'number', false),
    col('traffic_lines', 'Traffic lines', 'number'),
    col('dwell_zones', 'Dwell zones', 'number', false),
    col('direction_line', 'Direction line', 'bool'),
    col('channel_count', 'Channels', 'number'),
    col('appliance_id', 'Appliance', 'text', false),
    col('store_uuid', 'Store UUID', 'text', false),
  ],
  appliances: [
    col('store', 'Store'),
    col('appliance_id', 'Appliance ID'),
    col('mac_address', 'MAC address'),
    col('private_ip', 'Private IP'),
    col('public_ip', 'Public IP'),
    col('network', 'DHCP or static'),
    col('static_ip', 'Static IP', 'text', false),
    col('gateway', 'Gateway', 'text', false),
    col('dns', 'DNS', 'text', false),
    col('ntp', 'NTP', 'text', false),
    col('camera_count', 'Cameras', 'number'),
    col('store_uuid', 'Store UUID', 'text', false),
  ],
  channels: [
    col('store', 'Store'),
    col('name', 'Channel'),
    col('camera', 'Camera'),
    col('camera_mac', 'Camera MAC'),
    col('resolution', 'Resolution'),
    col('frame_rate', 'FPS', 'number'),
    col('recording', 'Recording', 'bool'),
    col('record_on_motion', 'Record on motion', 'bool'),
    col('min_retention', 'Min retention (days)', 'number', false),
    col('max_retention', 'Retention (days)', 'number'),
    col('blur', 'Blur', 'bool'),
    col('snapshots', 'Snapshots', 'bool'),
    col('snapshot_interval', 'Snapshot interval (s)', 'number', false),
    col('snapshot_resolution', 'Snapshot resolution', 'text', false),
    col('channel_uuid', 'Channel UUID', 'text', false),
    col('device_uuid', 'Device UUID', 'text', false),
    col('store_uuid', 'Store UUID', 'text', false),
  ],
};

export const inventoryLabels: Record<InventoryKind, string> = { cameras: 'Cameras', appliances: 'Appliances', channels: 'Channels' };

/** Device type codes of RetailNext's camera inventory. */
export function deviceTypeLabel(type: number | null | undefined): string {
  if (type === 0) return 'Monocular camera';
  if (type === 1) return 'Aurora';
  if (type === 2) return 'Xovis/Brickstream';
  return type === null || type === undefined ? 'unknown' : `unknown (${type})`;
}

export function formatCell(value: Cell, type: CellType): string {
  if (value === null || value === '') return '';
  if (type === 'bool') return value === true ? 'yes' : value === false ? 'no' : String(value);
  if (type === 'time' && typeof value === 'string') return value.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC');
  return String(value);
}
