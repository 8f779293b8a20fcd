import type { SyncDataset } from '../../shared/sync/types';

/** A cache table a snapshot writes: its columns in insert order. `snapshot_id`, `connection_id`, `fetched_at` are added. */
export interface CacheTable {
  name: string;
  columns: readonly string[];
}

export const cacheTables = {
  locations: { name: 'cache_locations', columns: ['uuid', 'name', 'location_type', 'parent_uuid', 'store_id', 'time_zone', 'area', 'occupancy_limit', 'archive_date', 'extra'] },
  storeHours: { name: 'cache_store_hours', columns: ['store_uuid', 'day', 'open', 'close'] },
  cameras: { name: 'cache_cameras', columns: ['device_id', 'store_uuid', 'appliance_id', 'device_name', 'device_type', 'vendor', 'model', 'serial_number', 'private_ip', 'public_ip', 'last_heard', 'channel_count', 'channel_uuids', 'raw'] },
  channels: { name: 'cache_channels', columns: ['channel_uuid', 'device_id', 'name', 'resolution', 'frame_rate', 'recording_enabled', 'raw'] },
  appliances: { name: 'cache_appliances', columns: ['appliance_id', 'store_uuid', 'mac_address', 'private_ip', 'public_ip', 'raw'] },
  healthAlerts: { name: 'cache_health_alerts', columns: ['uuid', 'store_uuid', 'store_name', 'type', 'severity', 'description', 'subject_id', 'subject_name', 'event_time', 'created_time', 'resolved', 'resolved_time', 'obsolete'] },
  users: { name: 'cache_users', columns: ['id', 'email', 'name', 'type', 'disabled', 'user_profile_id', 'location_profile_id', 'location_ids', 'last_sign_in_at', 'current_sign_in_at', 'invitation_accepted'] },
  userProfiles: { name: 'cache_user_profiles', columns: ['id', 'name', 'subscription_admin', 'raw'] },
  locationProfiles: { name: 'cache_location_profiles', columns: ['id', 'name', 'location_ids'] },
} as const satisfies Record<string, CacheTable>;

/** The tables that make up each snapshot dataset (a snapshot of `inventory` spans three). */
export const datasetTables: Record<Exclude<SyncDataset, 'kpis'>, readonly CacheTable[]> = {
  locations: [cacheTables.locations],
  store_hours: [cacheTables.storeHours],
  inventory: [cacheTables.cameras, cacheTables.channels, cacheTables.appliances],
  health_alerts: [cacheTables.healthAlerts],
  users: [cacheTables.users, cacheTables.userProfiles, cacheTables.locationProfiles],
};

export type { SqlValue } from '../db/writeJob';
