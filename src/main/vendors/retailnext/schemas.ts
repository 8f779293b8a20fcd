import { z } from 'zod';

/** Lenient schemas of RetailNext answers: unknown fields are ignored, fields the console needs are named. */

const nullableString = z.string().nullish();
const nullableNumber = z.number().nullish();

export const locationNode = z.object({
  uuid: z.string(),
  name: z.string(),
  location_type: z.string(),
  parent_uuid: nullableString,
  area: nullableNumber,
  archive_date: nullableString,
  type: z.string().optional(),
  store_id: z.union([z.string(), z.number()]).nullish().transform((v) => (v === null || v === undefined ? v : String(v))),
  occupancy_limit: nullableNumber,
  time_zone: nullableString,
  pos_id: nullableString,
  pos_division_id: nullableString,
  staff_hour_id: nullableString,
  aggregate_to_parent: z.boolean().nullish(),
  aggregate_to_store: z.boolean().nullish(),
});
export type LocationNode = z.output<typeof locationNode>;

/** v2 query answers `nodes` as a list of lists; flattening keeps every node. */
export const locationQueryResponse = z.object({ nodes: z.array(z.union([z.array(locationNode), locationNode])) }).transform((r) => r.nodes.flat());
/** The v2 query answer's shape without its nodes checked (they are checked in slices: see queryLocations). */
export const locationQueryEnvelope = z.object({ nodes: z.array(z.unknown()) });

/** v1 location list: a bare list, or a list under `locations`/`nodes`. */
export const locationListV1 = z
  .union([z.array(locationNode), z.object({ locations: z.array(locationNode) }), z.object({ nodes: z.array(z.union([z.array(locationNode), locationNode])) })])
  .transform((r) => (Array.isArray(r) ? r : 'locations' in r ? r.locations : r.nodes.flat()));

export const storeHoursEntry = z.object({
  store_uuid: z.string(),
  effective_day: z.string(),
  open: nullableString,
  close: nullableString,
});
export type StoreHoursEntry = z.output<typeof storeHoursEntry>;

/**
 * `result` maps store -> day -> hours. The documented example also puts a day's entry directly
 * under `result` (its second store lost its key): accept both shapes.
 */
export const storeHoursResponse = z.object({
  result: z.record(z.string(), z.union([storeHoursEntry, z.record(z.string(), storeHoursEntry)])),
});

const datamineGroup: z.ZodType<DatamineGroup> = z.lazy(() =>
  z.object({
    type: z.string().optional(),
    uuid: z.string().optional(),
    name: z.string().optional(),
    qualified_name: z.string().optional(),
    from: z.unknown().optional(),
    through: z.unknown().optional(),
    value: z.unknown().optional(),
    group: datamineGroup.optional(),
    subgroup: datamineGroup.optional(),
    groups: z.array(datamineGroup).optional(),
  }),
);
export interface DatamineGroup {
  type?: string;
  uuid?: string;
  name?: string;
  qualified_name?: string;
  from?: unknown;
  through?: unknown;
  value?: unknown;
  group?: DatamineGroup;
  subgroup?: DatamineGroup;
  groups?: DatamineGroup[];
}

export const datamineDataPoint = z.object({
  value: z.number().nullable(),
  validity: z.enum(['complete', 'incomplete', 'imputed']).or(z.string()).optional(),
  group: z.union([datamineGroup, z.array(datamineGroup)]).optional(),
  /** Layered group_bys: one entry per layer (outermost first). */
  groups: z.array(datamineGroup).optional(),
  index: z.number().optional(),
});
export type DatamineDataPoint = z.output<typeof datamineDataPoint>;

export const datamineMetric = z.object({
  name: z.string(),
  ok: z.boolean().optional(),
  error: z.string().optional(),
  data: z.array(datamineDataPoint).default([]),
});

export const datamineResponse = z.object({
  ok: z.boolean().optional(),
  error: z.string().optional(),
  metrics: z.array(datamineMetric),
});
export type DatamineResponse = z.output<typeof datamineResponse>;

export const userSchema = z.object({
  type: z.string(),
  name: z.string().nullish(),
  email: z.string(),
  id: z.string(),
  disabled: z.boolean().default(false),
  user_profile_id: nullableString,
  location_profile_id: nullableString,
  location_ids: z.array(z.string()).nullish(),
  last_sign_in_at: nullableString,
  current_sign_in_at: nullableString,
  invitation_accepted: z.boolean().nullish(),
  invitation_locale: nullableString,
});
export type RnUser = z.output<typeof userSchema>;
export const usersResponse = z.object({ users: z.array(userSchema) });
export const userResponse = z.object({ user: userSchema });

export const userProfileSchema = z.object({
  id: z.string(),
  name: z.string(),
  enterprise_groups: z.array(z.unknown()).default([]),
  use_idle_timeout: z.boolean().nullish(),
  idle_timeout: nullableNumber,
  subscription_admin: z.boolean().default(false),
  visible_dashboard_widgets: z
    .object({
      pages: z.array(z.string()).default([]),
      data_types: z.array(z.string()).default([]),
      admin_tasks: z.array(z.string()).default([]),
      allow_individual_activity: z.array(z.string()).default([]),
    })
    .partial()
    .nullish(),
});
export type RnUserProfile = z.output<typeof userProfileSchema>;
export const userProfilesResponse = z.union([z.object({ user_profiles: z.array(userProfileSchema) }).transform((r) => r.user_profiles), z.object({ user_profile: userProfileSchema }).transform((r) => [r.user_profile]), userProfileSchema.transform((p) => [p])]);

export const locationProfileSchema = z.object({
  id: z.string(),
  name: z.string(),
  enterprise_groups: z.array(z.unknown()).default([]),
  location_ids: z.array(z.string()).default([]),
});
export type RnLocationProfile = z.output<typeof locationProfileSchema>;
export const locationProfilesResponse = z.union([z.object({ location_profiles: z.array(locationProfileSchema) }).transform((r) => r.location_profiles), z.object({ location_profile: locationProfileSchema }).transform((r) => [r.location_profile]), locationProfileSchema.transform((p) => [p])]);

export const healthAlertSchema = z.object({
  uuid: z.string(),
  alert_creation_time: nullableString,
  description: nullableString,
  event_time: nullableString,
  resolved: z.boolean().default(false),
  resolved_time: nullableString,
  severity: nullableString,
  store_uuid: nullableString,
  store_name: nullableString,
  subject_id: nullableString,
  subject_name: nullableString,
  type: nullableString,
  obsolete: z.boolean().nullish(),
});
export type RnHealthAlert = z.output<typeof healthAlertSchema>;
export const healthAlertsResponse = z.object({ result: z.array(healthAlertSchema).nullable().transform((r) => r ?? []) });

export const predictedTrafficResponse = z.object({
  ok: z.boolean().optional(),
  error: z.string().nullish(),
  predictions: z.array(z.object({ time: z.string(), value: z.number() })).nullable().transform((r) => r ?? []),
});

const zone = z.object({ uuid: z.string(), name: z.string(), location_uuid: nullableString, location_name: nullableString });
export const zoneTransitionsResponse = z.object({
  metrics: z.array(
    z.object({
      name: z.string(),
      data: z.array(
        z.object({
          floorplan: z.object({ uuid: z.string(), name: z.string(), store_uuid: nullableString, store_name: nullableString }),
          zones: z.array(zone).default([]),
          transitions: z.array(z.object({ from_zone_id: z.string(), to_zone_id: z.string(), value: z.number(), percentage: z.number().nullish() })).default([]),
        }),
      ),
    }),
  ),
});
export type ZoneTransitionsResponse = z.output<typeof zoneTransitionsResponse>;

export const fpaFloorplan = z.object({
  id: z.string(),
  name: z.string(),
  store_id: nullableString,
  store_name: nullableString,
  zones: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        type: nullableString,
        location_id: nullableString,
        location_name: nullableString,
        area: nullableNumber,
        dwell_time_threshold_ms: nullableNumber,
        zone_threshold_mm: nullableNumber,
        points: z.array(z.object({ x: z.number(), y: z.number() })).default([]),
      }),
    )
    .default([]),
});
export type FpaFloorplan = z.output<typeof fpaFloorplan>;
export const fpaFloorplansResponse = z.union([z.array(fpaFloorplan), fpaFloorplan.transform((f) => [f]), z.object({ floorplans: z.array(fpaFloorplan) }).transform((r) => r.floorplans)]);

const networkConfiguration = z
  .object({ mode: z.number().nullish(), ip: nullableString, gateway: nullableString, dns: nullableString, ntp: nullableString })
  .partial()
  .nullish();

export const cameraSchema = z.object({
  type: z.number().nullish(),
  device_id: z.string(),
  device_name: nullableString,
  store_uuid: z.string(),
  appliance_id: nullableString,
  vendor: nullableString,
  model: nullableString,
  private_ip: nullableString,
  public_ip: nullableString,
  last_heard: nullableString,
  serial_number: nullableString,
  network_configuration: networkConfiguration,
  video_channel_uuids: z.array(z.string()).nullish().transform((v) => v ?? []),
  video_channel_count: nullableNumber,
  configuration_summary: z.record(z.string(), z.unknown()).nullish(),
  analytics: z.object({ traffic_line_count: nullableNumber, dwell_zone_count: nullableNumber, direction_line_configured: z.boolean().nullish() }).partial().nullish(),
  height: nullableNumber,
});
export type RnCamera = z.output<typeof cameraSchema>;
export const camerasPage = z.object({ ok: z.boolean().optional(), next_page: nullableString, cameras: z.array(cameraSchema).nullable().transform((v) => v ?? []) });

export const channelSchema = z.object({
  channel_uuid: z.string(),
  name: nullableString,
  device_id: nullableString,
  resolution: nullableString,
  frame_rate: nullableNumber,
  record_on_motion: z.boolean().nullish(),
  minimum_retention_days: nullableNumber,
  // sic: the vendor spells it "maximun"; accept the correct spelling too
  maximun_retention_days: nullableNumber,
  maximum_retention_days: nullableNumber,
  blur_video: z.boolean().nullish(),
  recording_enabled: z.boolean().nullish(),
  snapshot_enabled: z.boolean().nullish(),
  snapshot_interval_secs: nullableNumber,
  snapshot_resolution: nullableString,
});
export type RnChannel = z.output<typeof channelSchema>;
export const channelsPage = z.object({ ok: z.boolean().optional(), next_page: nullableString, channels: z.array(channelSchema).nullable().transform((v) => v ?? []) });

export const applianceSchema = z.object({
  appliance_id: z.string(),
  store_uuid: nullableString,
  mac_address: nullableString,
  private_ip: nullableString,
  public_ip: nullableString,
  network_configuration: networkConfiguration,
});
export type RnAppliance = z.output<typeof applianceSchema>;
export const appliancesPage = z.object({ ok: z.boolean().optional(), next_page: nullableString, store_appliances: z.array(applianceSchema).nullable().transform((v) => v ?? []) });

export const okResponse = z.object({ ok: z.boolean().optional(), error: z.string().nullish() });
export const hlsTokenResponse = z.object({ token: z.string().min(1) });
