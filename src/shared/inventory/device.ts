import type { Finding } from '../audit/rules';

export const deviceKinds = ['camera', 'appliance', 'channel'] as const;
export type DeviceKind = (typeof deviceKinds)[number];

export interface DeviceChannel {
  uuid: string;
  name: string;
  resolution: string | null;
  frameRate: number | null;
  recording: boolean | null;
  retentionDays: number | null;
  snapshots: boolean | null;
}

export interface DeviceAlert {
  connectionId: string;
  uuid: string;
  severity: string;
  type: string;
  description: string;
  createdTime: string | null;
  resolved: boolean;
}

/** One device of the inventory with what the other views know about it (from the cache only). */
export interface DeviceDetail {
  kind: DeviceKind;
  id: string;
  name: string;
  /** "Monocular camera · RetailNext RN-M2", "Store appliance", "Video channel". */
  description: string;
  store: { uuid: string | null; name: string; known: boolean };
  lastHeard: string | null;
  /** Label and value pairs (MAC, IPs, network, serial...), only those the cache has. */
  facts: Array<{ label: string; value: string }>;
  /** The camera's video channels, an appliance's cameras as channels of none, a channel's own camera. */
  channels: DeviceChannel[];
  /** For a channel: its camera; for an appliance: its cameras. */
  related: Array<{ kind: DeviceKind; id: string; name: string }>;
  alerts: DeviceAlert[];
  findings: Finding[];
  fetchedAt: string | null;
}
