// The generated estate. Plain data, JSON-serialisable (the determinism test hashes its JSON).
// Times that depend on "now" (last heard, alerts) are stored as offsets and resolved at request time.

export type SublocationType = 'entrance' | 'display' | 'fitting_room' | 'other';
export type LocationType = 'region' | 'store' | SublocationType;

/** Fields every RetailNext location node carries. */
export interface LocationBase {
  uuid: string;
  name: string;
  location_type: LocationType;
  parent_uuid: string;
  /** square feet; null when unknown */
  area: number | null;
  archive_date: string | null;
}

export interface Region extends LocationBase {
  location_type: 'region';
}

/** Opening hours of one weekday, local wall clock "HH:MM". close <= open means it closes the next day. */
export interface DayHours {
  open: string;
  close: string;
}

export interface Store extends LocationBase {
  location_type: 'store';
  /** position in estate.stores */
  index: number;
  store_id: string;
  pos_id: string;
  pos_division_id: string;
  staff_hour_id: string;
  time_zone: string;
  occupancy_limit: number | null;
  bandwidth_limit_kilobits_per_second: number | null;
  /** index 0 = Sunday .. 6 = Saturday; null = closed that day */
  hours: (DayHours | null)[];
  /** Flow store code (the same as store_id). */
  flowCode: string;
  /** Exteros location name (a slug). */
  exterosName: string;
  /** Exteros company/brand. */
  brand: string;
  /** Exteros stopped receiving data this many hours before now (null = up to date). */
  exterosStaleHours: number | null;
  /** relative size of the store's traffic (1 = average) */
  trafficScale: number;
  /** uuids of its sublocations, entrances first (their order gives Flow's "001", "002"...) */
  entranceUuids: string[];
  sublocationUuids: string[];
  cameraIndexes: number[];
  applianceIds: string[];
}

export interface Sublocation extends LocationBase {
  location_type: SublocationType;
  store_uuid: string;
  aggregate_to_parent: boolean;
  aggregate_to_store: boolean;
}

export type Location = Region | Store | Sublocation;

export interface NetworkConfiguration {
  /** 0 = DHCP, 1 = static */
  mode: 0 | 1;
  ip: string;
  gateway: string;
  dns: string;
  ntp: string;
}

/** Camera inventory entry; field names are RetailNext's. */
export interface Camera {
  /** 0 monocular, 1 Aurora, 2 Xovis/Brickstream */
  type: 0 | 1 | 2;
  device_id: string;
  device_name: string;
  store_uuid: string;
  appliance_id: string;
  vendor: 'RetailNext' | 'Xovis' | 'Brickstream' | 'Axis';
  model: string;
  private_ip: string;
  public_ip: string;
  serial_number: string;
  network_configuration: NetworkConfiguration;
  video_channel_uuids: string[];
  video_channel_count: number;
  configuration_summary: Record<string, string>;
  analytics: {
    traffic_line_count: number;
    dwell_zone_count: number;
    direction_line_configured: boolean;
  };
  /** millimetres, Aurora only */
  height?: number;
  /** internal: the device's UUID (channels name it as device_id) */
  uuid: string;
  /** internal: how long before now it was last heard, in seconds */
  lastHeardAgoSec: number;
  /** internal: which sublocation it watches, if any */
  sublocation_uuid: string | null;
}

export interface Channel {
  channel_uuid: string;
  name: string;
  device_id: string;
  resolution: string;
  frame_rate: number;
  record_on_motion: boolean;
  minimum_retention_days: number;
  /** sic: the documents spell it this way */
  maximun_retention_days: number;
  blur_video: boolean;
  recording_enabled: boolean;
  snapshot_enabled: boolean;
  snapshot_interval_secs: number;
  snapshot_resolution: string;
  /** internal */
  store_uuid: string;
  camera_device_id: string;
}

export interface Appliance {
  appliance_id: string;
  store_uuid: string;
  mac_address: string;
  private_ip: string;
  network_configuration: NetworkConfiguration;
  public_ip: string;
}

export interface User {
  type: 'local' | 'sso';
  name: string;
  email: string;
  id: string;
  disabled: boolean;
  user_profile_id: string;
  location_profile_id?: string;
  location_ids?: string[];
  last_sign_in_at: string | null;
  current_sign_in_at: string | null;
  invitation_accepted: boolean;
  invitation_locale: string;
}

export interface UserProfile {
  id: string;
  name: string;
  enterprise_groups: string[];
  use_idle_timeout: boolean;
  idle_timeout: number;
  subscription_admin: boolean;
  visible_dashboard_widgets: {
    pages: string[];
    data_types: string[];
    admin_tasks: string[];
    allow_individual_activity: string[];
  };
}

export interface LocationProfile {
  id: string;
  name: string;
  enterprise_groups: string[];
  location_ids: string[];
}

/**
 * A source of health alerts: every `periodHours` (from `phaseHours` after the epoch) its subject
 * fails for `durationHours`. Alerts are derived from this and now() at request time.
 */
export interface AlertSource {
  store_uuid: string;
  subject_id: string;
  subject_name: string;
  type: string;
  description: string;
  periodHours: number;
  phaseHours: number;
  durationHours: number;
}

export interface EstateSize {
  regions: number;
  stores: number;
  camerasPerStore: number;
  users: number;
  /** how many stores carry a flapping alert source */
  alertSources: number;
}

export interface Estate {
  seed: number;
  size: EstateSize;
  /** the subscription ("Organization") UUID: parent of top-level regions */
  subscriptionUuid: string;
  regions: Region[];
  stores: Store[];
  sublocations: Sublocation[];
  cameras: Camera[];
  channels: Channel[];
  appliances: Appliance[];
  users: User[];
  userProfiles: UserProfile[];
  locationProfiles: LocationProfile[];
  alertSources: AlertSource[];
}
