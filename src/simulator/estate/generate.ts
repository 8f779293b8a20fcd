import { Rng } from './rng';
import {
  BRANDS,
  DOC_ALERT_CAMERA,
  DOC_APPLIANCE,
  DOC_CAMERA,
  DOC_CHANNEL,
  EXTRA_REGION_ZONES,
  FIRST_NAMES,
  FIXED_LOCATION_PROFILES,
  FIXED_REGIONS,
  FIXED_STORES,
  FIXED_USER_PROFILES,
  FIXED_USERS,
  LAST_NAMES,
  OVERNIGHT_STORE_INDEX,
  PLACE_SUFFIXES,
  PLACE_WORDS,
} from './fixtures';
import type {
  AlertSource,
  Appliance,
  Camera,
  Channel,
  DayHours,
  Estate,
  EstateSize,
  LocationProfile,
  NetworkConfiguration,
  Region,
  Store,
  Sublocation,
  SublocationType,
  User,
  UserProfile,
} from './types';

export const ESTATE_SIZES = {
  demo: { regions: 3, stores: 25, camerasPerStore: 8, users: 12, alertSources: 12 },
  large: { regions: 50, stores: 5000, camerasPerStore: 8, users: 400, alertSources: 2000 },
} satisfies Record<string, EstateSize>;

export type EstateScale = keyof typeof ESTATE_SIZES | EstateSize;

export function resolveSize(scale: EstateScale | undefined): EstateSize {
  if (scale === undefined) return ESTATE_SIZES.demo;
  if (typeof scale === 'string') {
    const size = ESTATE_SIZES[scale];
    if (!size) throw new Error(`unknown estate scale "${String(scale)}" (demo or large)`);
    return size;
  }
  return scale;
}

const SUBSCRIPTION_UUID = '0f5c4a2e-f49b-11e6-8000-c0001cd80000';

/** Same seed and size, same estate: every random choice comes from one seeded stream. */
export function generateEstate(seed: number, size: EstateScale = 'demo'): Estate {
  const sz = resolveSize(size);
  const rng = new Rng(seed);
  const regions = buildRegions(rng, sz);
  const gen = new EstateBuilder(rng, seed);
  const leafRegions = regions.map((r) => ({ region: r, zones: zonesOf(r, regions) }));
  const stores: Store[] = [];
  const usedStoreIds = new Set(FIXED_STORES.map((s) => s.store_id));
  let nextStoreId = 116;
  const usedExteros = new Set<string>();
  for (let i = 0; i < sz.stores; i++) {
    const fixed = FIXED_STORES[i];
    let store: Store;
    if (fixed) {
      store = gen.store(i, {
        uuid: fixed.uuid,
        name: fixed.name,
        store_id: fixed.store_id,
        parent: fixed.region,
        time_zone: fixed.time_zone,
        occupancy_limit: fixed.occupancy_limit,
        area: fixed.area,
        exterosName: fixed.exterosName,
        exterosStaleHours: fixed.exterosStaleHours ?? null,
      });
    } else {
      const leaf = leafRegions[(i * 7 + rng.int(0, 2)) % leafRegions.length] ?? leafRegions[0]!;
      while (usedStoreIds.has(String(nextStoreId))) nextStoreId++;
      const storeId = String(nextStoreId++);
      store = gen.store(i, {
        uuid: rng.uuid(),
        name: `${rng.pick(PLACE_WORDS)} ${rng.pick(PLACE_SUFFIXES)}${sz.stores > 200 ? ` #${storeId}` : ''}`,
        store_id: storeId,
        parent: leaf.region.uuid,
        time_zone: rng.pick(leaf.zones),
        occupancy_limit: rng.chance(0.85) ? rng.int(2, 40) * 5 : null,
        area: rng.chance(0.9) ? rng.int(12, 300) * 100 : null,
        exterosName: undefined,
        exterosStaleHours: rng.chance(0.1) ? rng.int(3, 24 * 40) : null,
      });
    }
    let slug = store.exterosName;
    while (usedExteros.has(slug)) slug = `${store.exterosName}-${store.store_id}`;
    store.exterosName = slug;
    usedExteros.add(slug);
    stores.push(store);
  }
  for (const store of stores) gen.fillStore(store, sz);
  const userProfiles = buildUserProfiles();
  const locationProfiles = buildLocationProfiles(rng, regions, stores);
  const users = buildUsers(rng, sz, userProfiles, locationProfiles, stores);
  const alertSources = buildAlertSources(rng, sz, stores, gen.cameras, gen.appliances);
  return {
    seed,
    size: sz,
    subscriptionUuid: SUBSCRIPTION_UUID,
    regions,
    stores,
    sublocations: gen.sublocations,
    cameras: gen.cameras,
    channels: gen.channels,
    appliances: gen.appliances,
    users,
    userProfiles,
    locationProfiles,
    alertSources,
  };
}

function buildRegions(rng: Rng, sz: EstateSize): Region[] {
  const regions: Region[] = FIXED_REGIONS.map((r) => ({
    uuid: r.uuid,
    name: r.name,
    location_type: 'region',
    parent_uuid: r.parent ?? SUBSCRIPTION_UUID,
    area: null,
    archive_date: null,
  }));
  const fixedTop = FIXED_REGIONS.filter((r) => r.parent === null).length;
  for (let i = fixedTop; i < sz.regions; i++) {
    const extra = EXTRA_REGION_ZONES[(i - fixedTop) % EXTRA_REGION_ZONES.length]!;
    const round = Math.floor((i - fixedTop) / EXTRA_REGION_ZONES.length);
    regions.push({
      uuid: rng.uuid(),
      name: round === 0 ? extra.name : `${extra.name} ${round + 1}`,
      location_type: 'region',
      parent_uuid: SUBSCRIPTION_UUID,
      area: null,
      archive_date: null,
    });
  }
  return regions;
}

const REGION_ZONES = new Map<string, string[]>();
function zonesOf(region: Region, all: Region[]): string[] {
  const fixed = FIXED_REGIONS.find((r) => r.uuid === region.uuid);
  if (fixed) return fixed.zones;
  let zones = REGION_ZONES.get(region.name);
  if (!zones) {
    const base = region.name.replace(/ \d+$/, '');
    zones = EXTRA_REGION_ZONES.find((e) => e.name === base)?.zones ?? ['UTC'];
    REGION_ZONES.set(region.name, zones);
  }
  void all;
  return zones;
}

function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/#/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function weeklyHours(rng: Rng, index: number): (DayHours | null)[] {
  if (index === OVERNIGHT_STORE_INDEX) return Array.from({ length: 7 }, () => ({ open: '22:00', close: '06:00' }));
  const open = rng.pick([9, 10, 10, 10, 11]);
  const close = rng.pick([20, 21, 21, 22]);
  const hours: (DayHours | null)[] = [];
  for (let day = 0; day < 7; day++) {
    if (day === 0) {
      hours.push(rng.chance(0.15) ? null : { open: `${String(open + 1).padStart(2, '0')}:00`, close: '18:00' });
    } else if (day === 6) {
      hours.push({ open: `${String(open).padStart(2, '0')}:00`, close: `${String(Math.min(close + 1, 23)).padStart(2, '0')}:00` });
    } else {
      hours.push({ open: `${String(open).padStart(2, '0')}:00`, close: `${String(close).padStart(2, '0')}:00` });
    }
  }
  return hours;
}

const CHANNEL_RESOLUTIONS = ['1280x960', '1920x1080', '1280x720', '640x480', '1024x768', '2592x1944'];
const SNAPSHOT_RESOLUTIONS = ['1400x1050', '1920x1080', '2592x1944', '1280x960'];

interface StoreSeed {
  uuid: string;
  name: string;
  store_id: string;
  parent: string;
  time_zone: string;
  occupancy_limit: number | null;
  area: number | null;
  exterosName: string | undefined;
  exterosStaleHours: number | null;
}

class EstateBuilder {
  readonly sublocations: Sublocation[] = [];
  readonly cameras: Camera[] = [];
  readonly channels: Channel[] = [];
  readonly appliances: Appliance[] = [];
  private macCounter = 0;

  constructor(
    private readonly rng: Rng,
    private readonly seed: number,
  ) {}

  store(index: number, s: StoreSeed): Store {
    const rng = this.rng;
    return {
      uuid: s.uuid,
      name: s.name,
      location_type: 'store',
      parent_uuid: s.parent,
      area: s.area,
      archive_date: null,
      index,
      store_id: s.store_id,
      pos_id: `POS-${s.store_id}`,
      pos_division_id: `DIV-${(index % 7) + 1}`,
      staff_hour_id: `SH${s.store_id.padStart(5, '0')}`,
      time_zone: s.time_zone,
      occupancy_limit: s.occupancy_limit,
      bandwidth_limit_kilobits_per_second: null,
      hours: weeklyHours(rng, index),
      flowCode: s.store_id,
      exterosName: s.exterosName ?? slugify(s.name),
      brand: BRANDS[index % 10 === 9 ? 2 : index % 5 === 4 ? 1 : 0]!,
      exterosStaleHours: s.exterosStaleHours,
      trafficScale: 0.4 + rng.next() * 1.6,
      entranceUuids: [],
      sublocationUuids: [],
      cameraIndexes: [],
      applianceIds: [],
    };
  }

  private uniqueMac(prefix: string): string {
    // An odd multiplier is a bijection mod 2^24: unique suffixes for up to 16M devices.
    const n = (Math.imul(++this.macCounter, 0x9e3779) + this.seed * 7919) & 0xffffff;
    const hex = n.toString(16).toUpperCase().padStart(6, '0');
    return `${prefix}:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`;
  }

  private privateIp(): string {
    const rng = this.rng;
    return rng.chance(0.5) ? `10.${rng.int(0, 40)}.${rng.int(0, 255)}.${rng.int(2, 254)}` : `192.168.${rng.int(0, 99)}.${rng.int(2, 254)}`;
  }

  private publicIp(): string {
    const rng = this.rng;
    return `${rng.int(24, 210)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
  }

  private network(ip: string, misconfigured: boolean): NetworkConfiguration {
    const rng = this.rng;
    if (!misconfigured && rng.chance(0.8)) return { mode: 0, ip: '', gateway: '', dns: '', ntp: '' };
    const gw = ip.replace(/\.\d+$/, '.1');
    const full: NetworkConfiguration = { mode: 1, ip, gateway: gw, dns: rng.pick(['8.8.8.8', '1.1.1.1', gw]), ntp: 'pool.ntp.org' };
    if (misconfigured) {
      // Static mode with something missing.
      const hole = rng.pick(['gateway', 'dns', 'ntp'] as const);
      full[hole] = '';
    }
    return full;
  }

  private sublocation(store: Store, type: SublocationType, name: string): Sublocation {
    const sub: Sublocation = {
      uuid: this.rng.uuid(),
      name,
      location_type: type,
      parent_uuid: store.uuid,
      area: type === 'entrance' ? null : Math.round(this.rng.next() * 900 + 40) / 10,
      archive_date: null,
      store_uuid: store.uuid,
      aggregate_to_parent: type === 'entrance',
      aggregate_to_store: type === 'entrance',
    };
    this.sublocations.push(sub);
    store.sublocationUuids.push(sub.uuid);
    if (type === 'entrance') store.entranceUuids.push(sub.uuid);
    return sub;
  }

  fillStore(store: Store, sz: EstateSize): void {
    const rng = this.rng;
    const entrances = rng.int(1, 3);
    const entranceNames = ['Main Entrance', 'Mall Entrance', 'Parking Entrance'];
    const subs: Sublocation[] = [];
    for (let e = 0; e < entrances; e++) subs.push(this.sublocation(store, 'entrance', entranceNames[e]!));
    const displays = rng.int(1, 3);
    const displayNames = ['Front Table', 'Denim Wall', 'Window Display', 'Promo Stand'];
    for (let d = 0; d < displays; d++) subs.push(this.sublocation(store, 'display', displayNames[d]!));
    const fitting = rng.int(0, 2);
    for (let f = 0; f < fitting; f++) subs.push(this.sublocation(store, 'fitting_room', `Fitting Room ${f + 1}`));
    if (rng.chance(0.4)) subs.push(this.sublocation(store, 'other', 'Cash Wrap'));

    // Appliances: usually one, sometimes a second one that has no camera attached.
    const applianceCount = rng.chance(0.15) ? 2 : 1;
    const applianceIds: string[] = [];
    for (let a = 0; a < applianceCount; a++) {
      const isDoc = store.uuid === DOC_APPLIANCE.store && a === 0;
      const ip = this.privateIp();
      const appliance: Appliance = {
        appliance_id: isDoc ? DOC_APPLIANCE.appliance_id : rng.uuid(),
        store_uuid: store.uuid,
        mac_address: isDoc ? DOC_APPLIANCE.mac_address : this.uniqueMac('00:0D:29'),
        private_ip: ip,
        network_configuration: this.network(ip, rng.chance(0.05)),
        public_ip: this.publicIp(),
      };
      this.appliances.push(appliance);
      applianceIds.push(appliance.appliance_id);
    }
    store.applianceIds = applianceIds;
    const mainAppliance = applianceIds[0]!;

    const cameraCount = sz.camerasPerStore;
    const entranceSubs = subs.filter((s) => s.location_type === 'entrance');
    const otherSubs = subs.filter((s) => s.location_type !== 'entrance');
    for (let c = 0; c < cameraCount; c++) {
      const watches = c < entranceSubs.length ? entranceSubs[c]! : otherSubs.length > 0 && c % 2 === 0 ? otherSubs[c % otherSubs.length]! : null;
      const isCounter = c < entranceSubs.length;
      this.camera(store, c, watches, isCounter, mainAppliance);
    }
    this.pinDocDevices(store);
  }

  private camera(store: Store, c: number, watches: Sublocation | null, isCounter: boolean, applianceId: string): void {
    const rng = this.rng;
    let type: 0 | 1 | 2;
    let vendor: Camera['vendor'];
    let model: string;
    let prefix: string;
    const roll = rng.next();
    if (isCounter) {
      if (roll < 0.55) [type, vendor, model, prefix] = [1, 'RetailNext', 'Aurora', '20:C3:13'];
      else if (roll < 0.8) [type, vendor, model, prefix] = [2, 'Xovis', rng.pick(['PC2S', 'PC2R', 'PC3']), '00:26:DF'];
      else [type, vendor, model, prefix] = [2, 'Brickstream', rng.pick(['2500', '3D Gen2']), '00:0F:3D'];
    } else if (roll < 0.6) [type, vendor, model, prefix] = [0, 'RetailNext', rng.pick(['RN-M2', 'RN-M3 Fisheye']), '20:C3:A4'];
    else if (roll < 0.85) [type, vendor, model, prefix] = [0, 'Axis', rng.pick(['M3045-V', 'P3225-LV', 'M3106-L']), 'AC:CC:8E'];
    else [type, vendor, model, prefix] = [1, 'RetailNext', 'Aurora', '20:C3:13'];

    const where = watches?.name ?? rng.pick(['Aisle', 'Back Office', 'Stockroom', 'Register', 'Sales Floor']);
    const deviceName = `${where} ${type === 1 ? 'Aurora' : 'Camera'}${c > 3 ? ` ${c}` : ''}`;
    const ip = this.privateIp();
    const misconfigured = rng.chance(0.08);
    const fault = misconfigured ? rng.pick(['no_traffic_line', 'no_direction_line', 'static_incomplete', 'no_channel'] as const) : null;
    const hasVideo = type !== 2;
    const channelCount = hasVideo && fault !== 'no_channel' ? (rng.chance(0.1) ? 2 : 1) : 0;
    const deviceUuid = rng.uuid();
    const cam: Camera = {
      type,
      device_id: this.uniqueMac(prefix),
      device_name: deviceName,
      store_uuid: store.uuid,
      appliance_id: type === 1 || (type === 2 && rng.chance(0.5)) ? '' : applianceId,
      vendor,
      model,
      private_ip: ip,
      public_ip: this.publicIp(),
      serial_number: type === 2 ? String(rng.int(10_000_000, 99_999_999)) : '',
      network_configuration: this.network(ip, fault === 'static_incomplete'),
      video_channel_uuids: [],
      video_channel_count: 0,
      configuration_summary:
        vendor === 'Brickstream'
          ? { device_name: where, site_name: store.name }
          : vendor === 'Xovis'
            ? { sensor_group: store.name, sensor_name: where }
            : {},
      analytics: {
        traffic_line_count: isCounter && fault !== 'no_traffic_line' ? 1 : 0,
        dwell_zone_count: watches && watches.location_type !== 'entrance' ? rng.int(0, 3) : 0,
        direction_line_configured: isCounter && fault !== 'no_direction_line',
      },
      uuid: deviceUuid,
      // Most devices check in every few minutes; about one in twenty has gone quiet for days.
      lastHeardAgoSec: rng.chance(0.05) ? rng.int(2 * 86_400, 60 * 86_400) : rng.int(5, 600),
      sublocation_uuid: watches?.uuid ?? null,
    };
    if (type === 1) cam.height = rng.int(28, 55) * 100 + rng.int(0, 99);
    for (let k = 0; k < channelCount; k++) this.channel(store, cam, k);
    store.cameraIndexes.push(this.cameras.length);
    this.cameras.push(cam);
  }

  private channel(store: Store, cam: Camera, k: number): Channel {
    const rng = this.rng;
    const recording = rng.chance(0.9);
    const minRetention = rng.pick([0, 0, 7, 14, 30]);
    const ch: Channel = {
      channel_uuid: rng.uuid(),
      name: k === 0 ? cam.device_name.replace(/ (Camera|Aurora)/, '') : `${cam.device_name} (wide)`,
      device_id: cam.uuid,
      resolution: rng.pick(CHANNEL_RESOLUTIONS),
      frame_rate: rng.pick([5, 10, 10, 15, 30]),
      record_on_motion: recording && rng.chance(0.5),
      minimum_retention_days: minRetention,
      maximun_retention_days: minRetention === 0 ? rng.pick([0, 30, 90]) : minRetention + rng.pick([0, 30, 60]),
      blur_video: rng.chance(0.2),
      recording_enabled: recording,
      snapshot_enabled: rng.chance(0.6),
      snapshot_interval_secs: rng.pick([60, 300, 300, 900]),
      snapshot_resolution: rng.pick(SNAPSHOT_RESOLUTIONS),
      store_uuid: store.uuid,
      camera_device_id: cam.device_id,
    };
    this.channels.push(ch);
    cam.video_channel_uuids.push(ch.channel_uuid);
    cam.video_channel_count = cam.video_channel_uuids.length;
    return ch;
  }

  /** Give the devices the documents name to cameras of the stores the documents name. */
  private pinDocDevices(store: Store): void {
    const cams = store.cameraIndexes.map((i) => this.cameras[i]!);
    const videoCams = cams.filter((c) => c.video_channel_uuids.length > 0);
    const retarget = (cam: Camera, channelUuid: string, name?: string): void => {
      const ch = this.channels.find((x) => x.channel_uuid === cam.video_channel_uuids[0]);
      if (!ch) return;
      ch.channel_uuid = channelUuid;
      if (name) ch.name = name;
      cam.video_channel_uuids[0] = channelUuid;
    };
    if (store.uuid === DOC_CAMERA.store) {
      const cam = cams.find((c) => c.type === 1 && c.video_channel_uuids.length > 0) ?? videoCams[0];
      if (cam) {
        Object.assign(cam, { type: 1, vendor: 'RetailNext', model: 'Aurora', device_id: DOC_CAMERA.device_id, device_name: DOC_CAMERA.device_name, appliance_id: '', lastHeardAgoSec: 42 });
        if (cam.height === undefined) cam.height = 3860;
        retarget(cam, DOC_CAMERA.channel);
        const ch = this.channels.find((x) => x.channel_uuid === DOC_CAMERA.channel);
        if (ch) ch.camera_device_id = cam.device_id;
      }
    }
    if (store.uuid === DOC_CHANNEL.store) {
      const [first, second] = videoCams;
      if (first) {
        first.uuid = DOC_CHANNEL.device_uuid;
        retarget(first, DOC_CHANNEL.channel_uuid, DOC_CHANNEL.name);
        for (const ch of this.channels) if (ch.camera_device_id === first.device_id) ch.device_id = first.uuid;
      }
      if (second) retarget(second, DOC_CHANNEL.export_channel);
      const aurora = cams.find((c) => c.type === 1 && c !== first && c !== second);
      if (aurora) {
        const oldId = aurora.device_id;
        aurora.device_id = DOC_ALERT_CAMERA.device_id;
        aurora.device_name = DOC_ALERT_CAMERA.device_name;
        for (const ch of this.channels) if (ch.camera_device_id === oldId) ch.camera_device_id = aurora.device_id;
      }
    }
  }
}

function buildUserProfiles(): UserProfile[] {
  const all = {
    pages: ['analytics', 'reports', 'point_of_sale'],
    data_types: [
      'export_analytics_data', 'guest_wifi', 'individual_data', 'mobile_device_detection', 'pos', 'pos_exception_data',
      'pos_individual_transactions', 'pos_transactions_export', 'access_reports', 'staffing_data', 'tracks_and_kinetic_maps', 'traffic',
    ],
    admin_tasks: [
      'health_monitoring_alerts', 'cameras', 'pos_terminals', 'security_event_sources', 'store_appliances', 'fpa', 'pos_uploads',
      'sku_map_uploads', 'staff_hour_uploads', 'traffic_uploads', 'store_hours_uploads', 'goals_uploads', 'currency_uploads',
      'deleted_items', 'dwell_uploads',
    ],
    allow_individual_activity: ['mobile_device_detection'],
  };
  return FIXED_USER_PROFILES.map((p, i) => ({
    id: p.id,
    name: p.name,
    enterprise_groups: [],
    use_idle_timeout: i % 2 === 1,
    idle_timeout: 54000,
    subscription_admin: p.admin,
    visible_dashboard_widgets: {
      pages: i === 1 ? ['analytics', 'reports'] : [...all.pages],
      data_types: i === 1 ? ['traffic', 'pos', 'staffing_data'] : [...all.data_types],
      admin_tasks: i === 0 || p.admin ? [...all.admin_tasks] : i === 3 ? ['cameras', 'security_event_sources'] : [],
      allow_individual_activity: i === 0 ? [...all.allow_individual_activity] : [],
    },
  }));
}

function buildLocationProfiles(rng: Rng, regions: Region[], stores: Store[]): LocationProfile[] {
  const profiles: LocationProfile[] = FIXED_LOCATION_PROFILES.map((p) => ({
    id: p.id,
    name: p.name,
    enterprise_groups: [],
    location_ids: p.locations[0] === '*' ? regions.filter((r) => r.parent_uuid === SUBSCRIPTION_UUID).map((r) => r.uuid) : [...p.locations],
  }));
  const flagship = stores.slice(0, 3).map((s) => s.uuid);
  profiles.push({ id: rng.uuid(), name: 'Flagship Stores', enterprise_groups: ['flagship'], location_ids: flagship });
  return profiles;
}

function buildUsers(rng: Rng, sz: EstateSize, ups: UserProfile[], lps: LocationProfile[], stores: Store[]): User[] {
  const users: User[] = FIXED_USERS.map((u) => ({
    type: u.type,
    name: u.name,
    email: u.email,
    id: u.id,
    disabled: false,
    user_profile_id: u.profile,
    location_profile_id: u.locationProfile,
    last_sign_in_at: '2020-03-04T12:00:28.742Z',
    current_sign_in_at: '2020-03-04T12:01:06.2Z',
    invitation_accepted: true,
    invitation_locale: 'en_US',
  }));
  const seen = new Set(users.map((u) => u.email));
  for (let i = users.length; i < sz.users; i++) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    let email = `${first}.${last}`.toLowerCase() + '@domain.com';
    if (seen.has(email)) email = `${first}.${last}${i}`.toLowerCase() + '@domain.com';
    seen.add(email);
    const sso = rng.chance(0.4);
    const signedIn = rng.chance(0.8);
    const day = rng.int(1, 28);
    const user: User = {
      type: sso ? 'sso' : 'local',
      name: `${first} ${last}`,
      email,
      id: rng.uuid(),
      disabled: rng.chance(0.1),
      user_profile_id: rng.pick(ups).id,
      last_sign_in_at: signedIn ? `2021-0${rng.int(1, 9)}-${String(day).padStart(2, '0')}T0${rng.int(0, 9)}:16:53.597Z` : null,
      current_sign_in_at: signedIn ? `2021-10-${String(day).padStart(2, '0')}T10:21:25.407Z` : null,
      invitation_accepted: signedIn || rng.chance(0.5),
      invitation_locale: rng.pick(['en_US', 'en_US', 'en_GB', 'fr_FR', 'ja_JP']),
    };
    if (rng.chance(0.2)) user.location_ids = [rng.pick(stores).uuid];
    else user.location_profile_id = rng.pick(lps).id;
    users.push(user);
  }
  return users;
}

const ALERT_KINDS = [
  { type: 'connectiondown', description: "Haven't heard from Aurora sensor recently", subject: 'camera' },
  { type: 'connectiondown', description: "Haven't heard from camera recently", subject: 'camera' },
  { type: 'appliancedown', description: "Haven't heard from store appliance recently", subject: 'appliance' },
  { type: 'lowtraffic', description: 'Traffic is much lower than expected', subject: 'store' },
  { type: 'videoloss', description: 'Video signal lost on channel', subject: 'camera' },
] as const;

function buildAlertSources(rng: Rng, sz: EstateSize, stores: Store[], cameras: Camera[], appliances: Appliance[]): AlertSource[] {
  const sources: AlertSource[] = [];
  const caspar = stores.find((s) => s.uuid === DOC_ALERT_CAMERA.store);
  if (caspar) {
    sources.push({
      store_uuid: caspar.uuid,
      subject_id: DOC_ALERT_CAMERA.device_id,
      subject_name: `CCP Aurora (${DOC_ALERT_CAMERA.device_id})`,
      type: 'connectiondown',
      description: "Haven't heard from Aurora sensor recently",
      periodHours: 53,
      phaseHours: 7,
      durationHours: 27,
    });
  }
  const appliancesByStore = new Map<string, Appliance>();
  for (const a of appliances) if (!appliancesByStore.has(a.store_uuid)) appliancesByStore.set(a.store_uuid, a);
  for (let i = sources.length; i < sz.alertSources; i++) {
    const store = stores[(i * 37) % stores.length]!;
    const kind = rng.pick(ALERT_KINDS);
    let subjectId = store.uuid;
    let subjectName = store.name;
    if (kind.subject === 'camera') {
      const cam = cameras[rng.pick(store.cameraIndexes)];
      if (cam) {
        subjectId = cam.device_id;
        subjectName = `${cam.device_name} (${cam.device_id})`;
      }
    } else if (kind.subject === 'appliance') {
      const a = appliancesByStore.get(store.uuid);
      if (a) {
        subjectId = a.mac_address;
        subjectName = `Appliance (${a.mac_address})`;
      }
    }
    sources.push({
      store_uuid: store.uuid,
      subject_id: subjectId,
      subject_name: subjectName,
      type: kind.type,
      description: kind.description,
      periodHours: rng.int(24, 24 * 9),
      phaseHours: rng.int(0, 24 * 9),
      durationHours: rng.int(1, 30),
    });
  }
  return sources;
}
