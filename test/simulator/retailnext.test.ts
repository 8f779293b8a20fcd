import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEstate } from '../../src/simulator/estate/generate';
import { formatWithOffset } from '../../src/simulator/estate/time';
import { healthAlerts } from '../../src/simulator/retailnext/health';
import { keysOf, startTestSim, type TestSim } from './simHelpers';

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.sim.close();
});

const CASPAR = 'aec3dc7e-9e2c-11e5-9bb4-0e5ba9bee1b9';

describe('RetailNext authentication', () => {
  it('refuses a request without credentials with 401 and a Basic challenge', async () => {
    const res = await fetch(`${t.sim.baseUrls.retailnext}/v1/location`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect(await res.json()).toMatchObject({ ok: false });
  });

  it('refuses a wrong secret key', async () => {
    const bad = 'Basic ' + Buffer.from(`${t.sim.credentials.retailnext.accessKey}:wrong`).toString('base64');
    expect((await t.rn('/v1/location', { headers: { authorization: bad } })).status).toBe(401);
  });

  it('keys belong to one subscription', async () => {
    const c = t.sim.credentials.retailnext;
    const basic = 'Basic ' + Buffer.from(`${c.accessKey}:${c.secretKey}`).toString('base64');
    const res = await fetch(`${t.sim.url}/retailnext/other/v1/location`, { headers: { authorization: basic } });
    expect([401, 404]).toContain(res.status);
  });
});

describe('RetailNext v1 paging', () => {
  it('answers 206 with X-Page-Next while pages remain, then 200 (the documented X-Page-Length: 20 example)', async () => {
    const first = await t.rn('/v1/location', { pageLength: 20 });
    expect(first.status).toBe(206);
    expect(first.headers.get('x-page-next')).toBe('20');
    expect(await first.json()).toHaveLength(20);
    const seen = new Set<string>();
    let start: string | null = '0';
    let pages = 0;
    let lastStatus = 0;
    while (start !== null) {
      const res = await t.rn('/v1/location', { pageLength: 20, pageStart: start });
      const page = (await res.json()) as { uuid: string }[];
      page.forEach((l) => seen.add(l.uuid));
      lastStatus = res.status;
      start = res.headers.get('x-page-next');
      if (start !== null) expect(res.status).toBe(206);
      pages++;
    }
    expect(lastStatus).toBe(200);
    const total = t.sim.estate.regions.length + t.sim.estate.stores.length + t.sim.estate.sublocations.length;
    expect(seen.size).toBe(total);
    expect(pages).toBe(Math.ceil(total / 20));
  });

  it('defaults to and caps at 100 entries per page', async () => {
    const def = await t.rn('/v1/location');
    expect(await def.json()).toHaveLength(100);
    expect(def.headers.get('x-page-next')).toBe('100');
    const big = await t.rn('/v1/location', { pageLength: 500 });
    expect(await big.json()).toHaveLength(100);
  });

  it('rejects a nonsense page length or start', async () => {
    expect((await t.rn('/v1/location', { headers: { 'x-page-length': 'abc' } })).status).toBe(400);
    expect((await t.rn('/v1/location', { pageStart: -3 })).status).toBe(400);
  });
});

describe('RetailNext locations', () => {
  it('query: the documented example (stores only, store_id and occupancy_limit)', async () => {
    const res = await t.rn('/v2/location', {
      json: { extra_fields: ['store.store_id', 'store.occupancy_limit'], where: { and: [{ location_types: ['store'] }] } },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { nodes: Record<string, unknown>[][] };
    const nodes = body.nodes.flat();
    expect(nodes).toHaveLength(t.sim.estate.stores.length);
    expect(nodes.every((n) => n.location_type === 'store')).toBe(true);
    const caspar = nodes.find((n) => n.uuid === CASPAR)!;
    expect(caspar).toEqual({
      store_id: '50',
      occupancy_limit: 50,
      location_type: 'store',
      area: null,
      uuid: CASPAR,
      parent_uuid: '22940210-f49b-11e6-944b-c0001cd87189',
      name: 'Caspar City Plaza',
      type: 'location',
      archive_date: null,
    });
  });

  it('query: time zone of one store by uuid (the occupancy section example)', async () => {
    const res = await t.rn('/v2/location', { json: { extra_fields: ['store.time_zone'], where: { uuids: ['dace69f6-b307-11e9-819d-0000698cf233'] } } });
    const nodes = ((await res.json()) as { nodes: Record<string, unknown>[][] }).nodes.flat();
    expect(nodes).toHaveLength(1);
    expect(keysOf(nodes[0])).toEqual(['archive_date', 'area', 'location_type', 'name', 'parent_uuid', 'time_zone', 'type', 'uuid']);
    expect(nodes[0]).toMatchObject({ name: 'San Jose Store', time_zone: 'America/Los_Angeles' });
  });

  it('query: every type filter, and errors for unknown types or extra fields', async () => {
    for (const type of ['display', 'entrance', 'fitting_room', 'other', 'store', 'region']) {
      const res = await t.rn('/v2/location', { json: { where: { and: [{ location_types: [type] }] } } });
      const nodes = ((await res.json()) as { nodes: { location_type: string }[][] }).nodes.flat();
      expect(nodes.length, type).toBeGreaterThan(0);
      expect(new Set(nodes.map((n) => n.location_type))).toEqual(new Set([type]));
    }
    expect((await t.rn('/v2/location', { json: { where: { location_types: ['kiosk'] } } })).status).toBe(400);
    expect((await t.rn('/v2/location', { json: { extra_fields: ['store.secret'] } })).status).toBe(400);
  });

  it('create: the documented display example, then it is listed', async () => {
    const res = await t.rn('/v2/location/create', {
      json: { name: 'Front Table', parent_uuid: '2512a786-a117-11ea-874c-8000df845ed7', location_type: 'display', area: 53.1, aggregate_to_parent: true, aggregate_to_store: false },
    });
    expect(res.status).toBe(200);
    const created = (await res.json()) as Record<string, unknown>;
    expect(keysOf(created)).toEqual(['aggregate_to_parent', 'aggregate_to_store', 'archive_date', 'area', 'location_type', 'name', 'parent_uuid', 'type', 'uuid']);
    expect(created).toMatchObject({ location_type: 'display', aggregate_to_parent: true, aggregate_to_store: false, area: 53.1, parent_uuid: '2512a786-a117-11ea-874c-8000df845ed7', name: 'Front Table', type: 'location', archive_date: null });
    expect(created.uuid).toMatch(/^[0-9a-f-]{36}$/);
    const q = await t.rn('/v2/location', { json: { where: { uuids: [created.uuid] } } });
    expect(((await q.json()) as { nodes: unknown[][] }).nodes.flat()).toHaveLength(1);
  });

  it('create: entrance aggregation defaults, regions, and refusals', async () => {
    const ent = (await (await t.rn('/v2/location/create', { json: { name: 'Side Door', parent_uuid: CASPAR, location_type: 'entrance' } })).json()) as Record<string, unknown>;
    expect(ent).toMatchObject({ aggregate_to_parent: true, aggregate_to_store: true });
    const other = (await (await t.rn('/v2/location/create', { json: { name: 'Office', parent_uuid: CASPAR, location_type: 'other' } })).json()) as Record<string, unknown>;
    expect(other).toMatchObject({ aggregate_to_parent: false, aggregate_to_store: false });
    const region = await t.rn('/v2/location/create', { json: { name: 'Mountain', parent_uuid: t.sim.estate.subscriptionUuid, location_type: 'region' } });
    expect(region.status).toBe(200);
    expect(await region.json()).toMatchObject({ location_type: 'region', name: 'Mountain' });
    expect((await t.rn('/v2/location/create', { json: { name: 'New Store', parent_uuid: '22940210-f49b-11e6-944b-c0001cd87189', location_type: 'store' } })).status).toBe(400);
    expect((await t.rn('/v2/location/create', { json: { name: 'Bad', parent_uuid: CASPAR, location_type: 'region' } })).status).toBe(400);
    expect((await t.rn('/v2/location/create', { json: { name: 'Bad', parent_uuid: '22940210-f49b-11e6-944b-c0001cd87189', location_type: 'display' } })).status).toBe(400);
    expect((await t.rn('/v2/location/create', { json: { parent_uuid: CASPAR, location_type: 'display' } })).status).toBe(400);
  });

  it('update: the documented example (name, parent, area, occupancy limit)', async () => {
    const willow = '86b03ba2-a117-11ea-802c-c00010892d7a';
    const res = await t.rn(`/v2/location/${willow}`, { method: 'PUT', json: { name: 'Willow Glen Updated', parent_uuid: '286b1000-f8b1-11e7-9337-c0009584d333', area: 270.8, occupancy_limit: 20 } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      occupancy_limit: 20,
      location_type: 'store',
      area: 270.8,
      uuid: willow,
      parent_uuid: '286b1000-f8b1-11e7-9337-c0009584d333',
      name: 'Willow Glen Updated',
      type: 'location',
      archive_date: null,
    });
    // the bulk-update example: one PUT per store with only occupancy_limit
    const bulk = await t.rn('/v2/location/18ef3a2e-cc3f-11e6-8d5c-0000124e6871', { method: 'PUT', body: '{"occupancy_limit": 40}' });
    expect(await bulk.json()).toMatchObject({ occupancy_limit: 40 });
    expect((await t.rn('/v2/location/00000000-0000-0000-0000-000000000000', { method: 'PUT', json: { name: 'x' } })).status).toBe(404);
    expect((await t.rn('/v2/location/22940210-f49b-11e6-944b-c0001cd87189', { method: 'PUT', json: { occupancy_limit: 5 } })).status).toBe(400);
    expect((await t.rn(`/v2/location/${willow}`, { method: 'PUT', json: { parent_uuid: CASPAR } })).status).toBe(400);
  });
});

describe('RetailNext store hours', () => {
  it('answers the documented example per store and day, including closed days left out', async () => {
    const stores = ['aec3dc7e-9e2c-11e5-9bb4-0e5ba9bee1b9', 'aec5c886-9e2c-11e5-9bb7-0e5ba9bee1b9'];
    const res = await t.rn('/v1/storehours', { json: { stores, start_date: '2021-01-15T00:00:00Z', end_date: '2021-01-22T00:00:00Z' } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: Record<string, Record<string, Record<string, string>>> };
    expect(Object.keys(body.result).sort()).toEqual([...stores].sort());
    for (const uuid of stores) {
      const days = body.result[uuid]!;
      const store = t.sim.estate.stores.find((s) => s.uuid === uuid)!;
      const openDays = [15, 16, 17, 18, 19, 20, 21, 22].filter((d) => store.hours[new Date(Date.UTC(2021, 0, d)).getUTCDay()] !== null);
      expect(Object.keys(days)).toHaveLength(openDays.length);
      for (const [key, entry] of Object.entries(days)) {
        expect(keysOf(entry)).toEqual(['close', 'effective_day', 'open', 'store_uuid']);
        expect(entry.store_uuid).toBe(uuid);
        expect(entry.effective_day).toBe(key);
        expect(entry.open).toMatch(/^2021-01-\d\dT\d\d:00:00Z$/);
        expect(entry.close! > entry.open!).toBe(true);
      }
    }
  });

  it('shows overnight hours closing the next day', async () => {
    const night = t.sim.estate.stores.find((s) => s.hours.some((h) => h && h.close <= h.open))!;
    const res = await t.rn('/v1/storehours', { json: { stores: [night.uuid], start_date: '2026-04-19T00:00:00Z', end_date: '2026-04-19T00:00:00Z' } });
    const entry = ((await res.json()) as { result: Record<string, Record<string, { open: string; close: string }>> }).result[night.uuid]!['2026-04-19T00:00:00Z']!;
    expect(entry).toMatchObject({ open: '2026-04-19T22:00:00Z', close: '2026-04-20T06:00:00Z' });
  });

  it('requires stores and dates', async () => {
    expect((await t.rn('/v1/storehours', { json: { start_date: '2021-01-15T00:00:00Z', end_date: '2021-01-22T00:00:00Z' } })).status).toBe(400);
    expect((await t.rn('/v1/storehours', { json: { stores: [CASPAR], start_date: 'yesterday', end_date: '2021-01-22T00:00:00Z' } })).status).toBe(400);
  });
});

describe('RetailNext users and profiles', () => {
  const USER_FIELDS = ['current_sign_in_at', 'disabled', 'email', 'id', 'invitation_accepted', 'invitation_locale', 'last_sign_in_at', 'location_profile_id', 'name', 'type', 'user_profile_id'];

  it('lists users with the documented fields, filtered by type and email', async () => {
    const all = (await (await t.rn('/v1/users')).json()) as { users: Record<string, unknown>[] };
    const doc = all.users.find((u) => u.id === '2abe8330-5e0f-11ea-8522-c0009d2f3ea6')!;
    expect(keysOf(doc)).toEqual(USER_FIELDS);
    expect(doc).toMatchObject({ type: 'local', name: 'RetailNext_User', email: 'retailnextuser@domain.com', invitation_locale: 'en_US' });
    const sso = (await (await t.rn('/v1/users?type=SSO')).json()) as { users: { type: string }[] };
    expect(sso.users.length).toBeGreaterThan(0);
    expect(sso.users.every((u) => u.type === 'sso')).toBe(true);
    const byEmail = (await (await t.rn('/v1/users?email=storemanager0@domain.com')).json()) as { users: { email: string }[] };
    expect(byEmail.users.map((u) => u.email)).toEqual(['storemanager0@domain.com']);
  });

  it('creates an SSO user (documented example) and refuses bad ones', async () => {
    const user = { email: 'sandra.bloch@domain.com', type: 'sso', name: 'Sandra Bloch', disabled: false, user_profile_id: '8b26a6c0-5027-11eb-8039-8000f92819c5', location_profile_id: '9e701012-4c76-11e7-853d-c0001c66456e' };
    const res = await t.rn('/v1/users', { json: { user } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { user: Record<string, unknown> };
    expect(keysOf(body.user)).toEqual(['disabled', 'email', 'id', 'location_profile_id', 'name', 'type', 'user_profile_id']);
    expect(body.user).toMatchObject(user);
    expect((await t.rn('/v1/users', { json: { user } })).status).toBe(409);
    expect((await t.rn('/v1/users', { json: { user: { ...user, email: 'x@domain.com', type: 'local' } } })).status).toBe(400);
    expect((await t.rn('/v1/users', { json: { user: { ...user, email: 'not-an-email' } } })).status).toBe(400);
    expect((await t.rn('/v1/users', { json: { user: { ...user, email: 'y@domain.com', user_profile_id: 'nope' } } })).status).toBe(400);
  });

  it('updates profiles (documented example), then custom locations replace the location profile', async () => {
    const id = '332e3c2e-5029-11eb-8b74-40002f864572';
    const res = await t.rn(`/v1/users/${id}`, { method: 'PUT', json: { user_profile_id: '74178848-bbf4-11e8-8fcb-40000e637ca2', location_profile_id: '93334489-6d6a-11eb-9ec3-00000d9c1e4f' } });
    expect(res.status).toBe(200);
    const u1 = ((await res.json()) as { user: Record<string, unknown> }).user;
    expect(keysOf(u1)).toEqual(USER_FIELDS);
    expect(u1).toMatchObject({ name: 'RN user', email: 'rnuser@domain.com', user_profile_id: '74178848-bbf4-11e8-8fcb-40000e637ca2', location_profile_id: '93334489-6d6a-11eb-9ec3-00000d9c1e4f' });
    const ids = ['3749e26c-a7da-11e8-9eae-40007c493637', '64b13bf4-35af-11e7-9c1c-c000609b0f52'];
    const u2 = ((await (await t.rn(`/v1/users/${id}`, { method: 'PUT', json: { location_ids: ids } })).json()) as { user: Record<string, unknown> }).user;
    expect(u2.location_ids).toEqual(ids);
    expect(u2).not.toHaveProperty('location_profile_id');
    expect((await t.rn(`/v1/users/${id}`, { method: 'PUT', json: { location_ids: ['no-such-location'] } })).status).toBe(400);
    expect((await t.rn('/v1/users/unknown', { method: 'PUT', json: { user_profile_id: '74178848-bbf4-11e8-8fcb-40000e637ca2' } })).status).toBe(404);
  });

  it('lists user profiles and location profiles, and one by id', async () => {
    const ups = (await (await t.rn('/v1/user_profiles')).json()) as { user_profiles: Record<string, unknown>[] };
    const api = ups.user_profiles.find((p) => p.id === 'b43dfbe6-1b4d-11e9-93fd-4000551d9e45')!;
    expect(keysOf(api)).toEqual(['enterprise_groups', 'id', 'idle_timeout', 'name', 'subscription_admin', 'use_idle_timeout', 'visible_dashboard_widgets']);
    expect(keysOf(api.visible_dashboard_widgets)).toEqual(['admin_tasks', 'allow_individual_activity', 'data_types', 'pages']);
    expect(((await (await t.rn('/v1/user_profiles/b43dfbe6-1b4d-11e9-93fd-4000551d9e45')).json()) as { user_profiles: unknown[] }).user_profiles).toHaveLength(1);
    const lps = (await (await t.rn('/v1/location_profiles')).json()) as { location_profiles: Record<string, unknown>[] };
    expect(lps.location_profiles.find((p) => p.id === 'bffb9ff6-1b4d-11e9-8b97-000006c38736')).toEqual({
      id: 'bffb9ff6-1b4d-11e9-8b97-000006c38736',
      name: 'API Example',
      enterprise_groups: [],
      location_ids: ['e235aee4-cf7a-11e5-973e-8000a847d47a'],
    });
    expect((await t.rn('/v1/location_profiles/nope')).status).toBe(404);
  });
});

describe('RetailNext health alerts', () => {
  type Alert = Record<string, unknown> & { uuid: string; resolved: boolean; alert_creation_time: string };
  const alerts = async (json: unknown = {}): Promise<Alert[]> => ((await (await t.rn('/v1/healthalerts', { json })).json()) as { result: Alert[] }).result;

  it('answers the documented fields', async () => {
    const list = await alerts();
    expect(list.length).toBeGreaterThan(0);
    for (const a of list.slice(0, 20)) {
      expect(keysOf(a)).toEqual(['alert_creation_time', 'description', 'event_time', 'obsolete', 'resolved', 'resolved_time', 'severity', 'store_name', 'store_uuid', 'subject_id', 'subject_name', 'type', 'uuid']);
      expect(a.alert_creation_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
    }
    expect(list.some((a) => a.resolved) && list.some((a) => !a.resolved)).toBe(true);
    expect(list.some((a) => a.subject_id === '20:C3:A4:80:09:69' && a.store_name === 'Caspar City Plaza')).toBe(true);
  });

  it('start_time keeps the alerts created before it', async () => {
    const cut = '2026-04-15T00:00:00Z';
    const list = await alerts({ start_time: cut });
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((a) => Date.parse(a.alert_creation_time) < Date.parse(cut))).toBe(true);
    expect((await t.rn('/v1/healthalerts', { json: { start_time: 'soon' } })).status).toBe(400);
  });

  it('alerts open and resolve as time passes', async () => {
    const before = await alerts();
    const openBefore = before.filter((a) => !a.resolved).map((a) => a.uuid);
    t.clock.ms += 3 * 86_400_000;
    try {
      const after = await alerts();
      const byId = new Map(after.map((a) => [a.uuid, a]));
      // some alert open three days ago is resolved now, and new ones were raised
      expect(openBefore.some((id) => byId.get(id)?.resolved === true)).toBe(true);
      const known = new Set(before.map((a) => a.uuid));
      expect(after.some((a) => !known.has(a.uuid))).toBe(true);
    } finally {
      t.clock.ms -= 3 * 86_400_000;
    }
  });
});

describe('RetailNext inventory', () => {
  type Page<K extends string> = { ok: boolean; next_page: string } & Record<K, Record<string, unknown>[]>;

  it('cameras: the documented fields, every type and vendor, cursor pages to "end"', async () => {
    const seen: Record<string, unknown>[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 100; i++) {
      const res = await t.rn('/v1/inventory/cameras', { pageLength: 30, headers: cursor ? { 'x-page-start': cursor } : {} });
      expect(res.status).toBe(200);
      const page = (await res.json()) as Page<'cameras'>;
      expect(page.ok).toBe(true);
      seen.push(...page.cameras);
      if (page.next_page === 'end') break;
      expect(page.next_page).toBe(t.sim.estate.cameras[seen.length]!.device_id);
      cursor = page.next_page;
    }
    expect(seen).toHaveLength(t.sim.estate.cameras.length);
    const aisle = seen.find((c) => c.device_id === '20:C3:13:0F:1D:2A')!;
    expect(keysOf(aisle)).toEqual([
      'analytics', 'appliance_id', 'configuration_summary', 'device_id', 'device_name', 'height', 'last_heard', 'model', 'network_configuration',
      'private_ip', 'public_ip', 'serial_number', 'store_uuid', 'type', 'vendor', 'video_channel_count', 'video_channel_uuids',
    ]);
    expect(aisle).toMatchObject({ type: 1, device_name: 'Aisle Camera', store_uuid: 'a434a682-30a0-11ea-896a-00005f259c6e', vendor: 'RetailNext', model: 'Aurora', video_channel_uuids: ['d86d75e2-3338-11ea-95e3-000071946766'], video_channel_count: 1 });
    expect(keysOf(aisle.network_configuration)).toEqual(['dns', 'gateway', 'ip', 'mode', 'ntp']);
    expect(keysOf(aisle.analytics)).toEqual(['direction_line_configured', 'dwell_zone_count', 'traffic_line_count']);
    expect(new Set(seen.map((c) => c.type))).toEqual(new Set([0, 1, 2]));
    expect(new Set(seen.map((c) => c.vendor))).toEqual(new Set(['RetailNext', 'Xovis', 'Brickstream', 'Axis']));
    const now = t.clock.ms;
    expect(seen.some((c) => now - Date.parse(c.last_heard as string) > 86_400_000)).toBe(true);
    expect(seen.some((c) => (c.video_channel_count as number) === 0 && c.type !== 2)).toBe(true);
  });

  it('cameras of one store (store_uuid)', async () => {
    const store = 'a434a682-30a0-11ea-896a-00005f259c6e';
    const page = (await (await t.rn(`/v1/inventory/cameras?store_uuid=${store}`)).json()) as Page<'cameras'>;
    expect(page.next_page).toBe('end');
    expect(page.cameras.length).toBe(t.sim.estate.stores.find((s) => s.uuid === store)!.cameraIndexes.length);
    expect(page.cameras.every((c) => c.store_uuid === store)).toBe(true);
  });

  it('cameras: a 4th concurrent request gets 429, the first three succeed', async () => {
    t.sim.faults.set({ id: 'hold', vendor: 'retailnext', endpoint: 'inventory.cameras', kind: 'latency', ms: 400 });
    try {
      const held = [0, 1, 2].map(() => t.rn('/v1/inventory/cameras', { pageLength: 1 }));
      await new Promise((r) => setTimeout(r, 100));
      const fourth = await t.rn('/v1/inventory/cameras', { pageLength: 1 });
      expect(fourth.status).toBe(429);
      expect(fourth.headers.get('retry-after')).toBeTruthy();
      const statuses = await Promise.all(held.map(async (p) => (await p).status));
      expect(statuses).toEqual([200, 200, 200]);
    } finally {
      t.sim.faults.clear('hold');
    }
    // once they finished, requests pass again
    expect((await t.rn('/v1/inventory/cameras', { pageLength: 1 })).status).toBe(200);
  });

  it('channels and appliances: the documented fields', async () => {
    const ch = (await (await t.rn('/v1/inventory/channels')).json()) as Page<'channels'>;
    const desk = ch.channels.find((c) => c.channel_uuid === '9290bc70-3480-11ea-81c9-c000c7e8079e')!;
    expect(keysOf(desk)).toEqual([
      'blur_video', 'channel_uuid', 'device_id', 'frame_rate', 'maximun_retention_days', 'minimum_retention_days', 'name', 'record_on_motion',
      'recording_enabled', 'resolution', 'snapshot_enabled', 'snapshot_interval_secs', 'snapshot_resolution',
    ]);
    expect(desk).toMatchObject({ name: 'Registration Desk', device_id: '92710a06-3480-11ea-9877-40003d3dd9a9' });
    const allChannels = t.sim.estate.channels;
    expect(new Set(allChannels.map((c) => c.recording_enabled)).size).toBe(2);
    expect(new Set(allChannels.map((c) => c.resolution)).size).toBeGreaterThan(2);
    const ap = (await (await t.rn('/v1/inventory/appliances')).json()) as Page<'store_appliances'>;
    expect(ap.next_page).toBe('end');
    const doc = ap.store_appliances.find((a) => a.appliance_id === '323231f8-6afg-11eb-8684-4000fc072082')!;
    expect(keysOf(doc)).toEqual(['appliance_id', 'mac_address', 'network_configuration', 'private_ip', 'public_ip', 'store_uuid']);
    expect(doc).toMatchObject({ store_uuid: 'af21ffd8-9e2c-11e5-9bc9-0e5ba9bee1b9', mac_address: '00:0D:29:60:FB:CB' });
  });

  it('an unknown cursor is a 400', async () => {
    expect((await t.rn('/v1/inventory/cameras', { headers: { 'x-page-start': 'nope' } })).status).toBe(400);
  });
});

describe('routing', () => {
  it('404 for unknown paths and 405 for wrong methods', async () => {
    expect((await t.rn('/v1/nothing')).status).toBe(404);
    const res = await t.rn('/v1/users', { method: 'DELETE' });
    expect(res.status).toBe(405);
  });
});

describe('RetailNext health alerts, built once for the pages of a list', () => {
  it('a store moved to another zone has its alerts written in the new zone; the rest stay the same', () => {
    const estate = generateEstate(11, 'demo');
    const now = Date.parse('2026-06-10T12:00:00Z');
    const before = healthAlerts(estate, now);
    const moved = estate.stores.find((s) => s.uuid === before[0]!.store_uuid)!;
    const zone = moved.time_zone === 'Asia/Tokyo' ? 'America/New_York' : 'Asia/Tokyo';
    moved.time_zone = zone;
    const after = healthAlerts(estate, now);
    expect(after.map((a) => a.uuid)).toEqual(before.map((a) => a.uuid));
    for (const [i, a] of after.entries()) {
      if (a.store_uuid !== moved.uuid) expect(a).toEqual(before[i]);
      else expect(a.alert_creation_time.slice(-6)).toBe(zone === 'Asia/Tokyo' ? '+09:00' : formatWithOffset(zone, a.createdMs).slice(-6));
    }
  });
});

describe('RetailNext health alerts on the large estate', () => {
  let large: TestSim;
  beforeAll(async () => {
    large = await startTestSim({ scale: 'large', seed: 20240601 });
  });
  afterAll(async () => {
    await large.sim.close();
  });

  it('pages the whole list, byte for byte as it was when each page built the whole list (digest taken then)', async () => {
    // Every page of the list at two clock times and with a start_time, as a sync reads it; the
    // digest is of the answers when each page built and sorted all ~18,000 alerts.
    const digest = crypto.createHash('sha256');
    let pages = 0;
    for (const [shiftMs, json] of [[0, {}], [5 * 3_600_000 + 1234, {}], [0, { start_time: '2026-04-10T06:00:00Z' }]] as const) {
      large.clock.ms += shiftMs;
      try {
        for (let start: string | undefined = '0'; start !== undefined; pages++) {
          const res = await large.rn('/v1/healthalerts', { json, pageStart: start, pageLength: 100 });
          digest.update(`${res.status} ${res.headers.get('x-page-next')}\n`).update(await res.text());
          start = res.headers.get('x-page-next') ?? undefined;
        }
      } finally {
        large.clock.ms -= shiftMs;
      }
    }
    expect(pages).toBeGreaterThan(300);
    expect(digest.digest('hex')).toBe('f9f281348ba69783f845e10539cde16f7617b73b6b884fb8d1396bfe63a1ee34');
  }, 120_000); // 300+ pages over real HTTP: 5 s on a quiet machine, past 30 s with the machine's CPUs taken

  it('store hours page by page, byte for byte as when each page built every entry of the query (digest taken then)', async () => {
    // As a sync asks (100 stores x 7 days, 7 pages), and a year of three stores (overnight ones included).
    const stores = large.sim.estate.stores;
    const queries = [0, 100, 2500, 4900].map((i) => ({ stores: stores.slice(i, i + 100).map((s) => s.uuid), start_date: '2026-04-13T00:00:00Z', end_date: '2026-04-19T00:00:00Z' }));
    const overnight = stores.find((s) => s.hours.some((h) => h !== null && h.close <= h.open))!;
    expect(overnight).toBeDefined();
    queries.push({ stores: [stores[7]!.uuid, stores[8]!.uuid, overnight.uuid], start_date: '2025-04-20T00:00:00Z', end_date: '2026-04-19T00:00:00Z' });
    const digest = crypto.createHash('sha256');
    let pages = 0;
    for (const json of queries) {
      for (let start: string | undefined = '0'; start !== undefined; pages++) {
        const res = await large.rn('/v1/storehours', { json, pageStart: start, pageLength: 100 });
        digest.update(`${res.status} ${res.headers.get('x-page-next')}\n`).update(await res.text());
        start = res.headers.get('x-page-next') ?? undefined;
      }
    }
    expect(pages).toBeGreaterThan(30);
    expect(digest.digest('hex')).toBe('c8db274f6892af098f84b63cc30e62c857a4790af66c5dc44f24e43561e2aa12');
  }, 120_000);
});
