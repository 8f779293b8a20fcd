import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExterosClient } from '../../src/main/vendors/exteros/client';
import { FlowClient } from '../../src/main/vendors/flow/client';
import { RetailNextClient } from '../../src/main/vendors/retailnext/client';
import { groupKey } from '../../src/main/vendors/retailnext/datamine';
import { vendorTarget } from '../../src/main/vendors/target';
import { exterosConnection, flowConnection, retailNextConnection } from './helpers/connections';
import { startTestServer, type TestServer } from './helpers/server';
import { HttpPools } from '../../src/main/vendors/http/pools';

/** The documents' own example answers, pasted verbatim (only their `...` elisions removed). */
const fixture = (name: string) => fs.readFileSync(path.join(__dirname, 'fixtures', `${name}.json`), 'utf8');

const routes: Record<string, string> = {
  'POST /v2/location': 'rn-location-query',
  'POST /v2/location/create': 'rn-location-create',
  'PUT /v2/location/x': 'rn-location-update',
  'POST /v1/storehours': 'rn-storehours',
  'POST /v2/datamine': 'rn-datamine-traffic',
  'GET /v1/users': 'rn-users',
  'POST /v1/users': 'rn-user-create',
  'PUT /v1/users/u1': 'rn-user-custom-locations',
  'GET /v1/user_profiles': 'rn-user-profiles',
  'GET /v1/location_profiles': 'rn-location-profiles',
  'POST /v1/healthalerts': 'rn-healthalerts',
  'POST /v1/predictedtraffic': 'rn-predictedtraffic',
  'POST /v1/zone_transitions': 'rn-zone-transitions',
  'GET /v1/fpafloorplans': 'rn-fpafloorplans',
  'GET /v1/inventory/cameras': 'rn-cameras',
  'GET /v1/inventory/channels': 'rn-channels',
  'GET /v1/inventory/appliances': 'rn-appliances',
  'POST /v1/hlsapitoken': 'rn-hlstoken',
  'POST /kpis/hourly': 'flow-hourly',
  'GET /v1/traffic/impression-counts/madison-ave-store/2020-01-01': 'exteros-impressions',
  'GET /v1/locations': 'exteros-locations',
  'GET /v1/locations/last-update/madison-ave-store': 'exteros-last-update',
};

const pools = new HttpPools();

describe("the documents' example responses parse into the right values", () => {
  let server: TestServer;
  let rn: RetailNextClient;
  beforeAll(async () => {
    server = await startTestServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const name = routes[`${req.method} ${url.pathname}`];
      if (!name) {
        res.writeHead(404).end('{}');
        return;
      }
      // The camera example points at a next page: serve an empty last one.
      const body = req.headers['x-page-start'] ? '{"ok": true, "next_page": "end", "cameras": []}' : fixture(name);
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    rn = new RetailNextClient(vendorTarget(retailNextConnection(server.url), 'SK', pools));
  });
  afterAll(() => server.close());

  it('RetailNext locations: query, create, update', async () => {
    const nodes = await rn.queryLocations();
    expect(nodes.map((n) => [n.name, n.store_id, n.occupancy_limit])).toEqual([['Caspar City Plaza', '50', 50], ['Willow Glen', '101', 15]]);
    const created = await rn.createLocation({ name: 'Front Table', parent_uuid: 'p', location_type: 'display' });
    expect([created.uuid, created.area, created.aggregate_to_parent]).toEqual(['fb2d8bf5-c19e-11e8-b05c-40008b55ebf7', 53.1, true]);
    const updated = await rn.updateLocation('x', { occupancy_limit: 20 });
    expect([updated.name, updated.occupancy_limit, updated.area]).toEqual(['Willow Glen Updated', 20, 270.8]);
  });

  it('RetailNext store hours, including the example whose second store lost its key', async () => {
    const hours = await rn.storeHours(['a'], '2021-01-15', '2021-01-22');
    expect(hours.map((h) => [h.store_uuid, h.open, h.close])).toEqual([
      ['aec3dc7e-9e2c-11e5-9bb4-0e5ba9bee1b9', '2021-01-15T10:00:00Z', '2021-01-15T21:00:00Z'],
      ['aec5c886-9e2c-11e5-9bb7-0e5ba9bee1b9', '2021-01-22T09:00:00Z', '2021-01-22T21:00:00Z'],
    ]);
  });

  it('RetailNext datamine: values, validity and date groups', async () => {
    const res = await rn.datamine({ locations: ['a'], metrics: ['traffic_in', 'traffic_out'], date_ranges: [{ from: { gregorian: '2021-02-21T00:00:00Z' }, to: { gregorian: '2021-02-22T00:00:00Z' } }], time_ranges: [{ type: 'store_hours' }], group_bys: [{ group: 'date', unit: 'days', value: 1 }] });
    expect(res.metrics.map((m) => [m.name, m.data[0]!.value, m.data[0]!.validity, groupKey(m.data[0]!).day])).toEqual([
      ['traffic_in', 173, 'complete', '2021-02-21'],
      ['traffic_out', 174, 'complete', '2021-02-21'],
    ]);
  });

  it('RetailNext occupancy examples: location groups and values', () => {
    const occ = JSON.parse(fixture('rn-occupancy')) as { metrics: Array<{ name: string; data: Array<{ value: number; group: { uuid: string } }> }> };
    expect(occ.metrics.map((m) => [m.name, m.data[0]!.value])).toEqual([['traffic_in', 5], ['traffic_out', 4], ['total_occupancy', 1]]);
  });

  it('RetailNext users (list, create with its trailing comma, custom locations) and profiles', async () => {
    const users = await rn.listUsers();
    expect(users.map((u) => [u.email, u.type, u.disabled, u.location_profile_id])).toEqual([['retailnextuser@domain.com', 'local', false, 'fb1fcd84-7b9c-11e7-937e-4000eba63dc2']]);
    const created = await rn.createUser({ email: 'sandra.bloch@domain.com', type: 'sso', name: 'Sandra Bloch' });
    expect([created.id, created.name, created.type]).toEqual(['dc2e3c2e-5029-11eb-8b74-40002f864577', 'Sandra Bloch', 'sso']);
    const custom = await rn.setUserCustomLocations('u1', ['3749e26c-a7da-11e8-9eae-40007c493637']);
    expect(custom.location_ids).toEqual(['3749e26c-a7da-11e8-9eae-40007c493637', '64b13bf4-35af-11e7-9c1c-c000609b0f52']);
    const [profile] = await rn.userProfiles();
    expect([profile!.name, profile!.idle_timeout, profile!.visible_dashboard_widgets?.admin_tasks?.length]).toEqual(['API Example', 54000, 15]);
    const [lp] = await rn.locationProfiles();
    expect(lp!.location_ids).toEqual(['e235aee4-cf7a-11e5-973e-8000a847d47a']);
  });

  it('RetailNext health alerts, predicted traffic, zone transitions, floorplans', async () => {
    const [alert] = await rn.healthAlerts('2021-01-22T00:00:00Z');
    expect([alert!.type, alert!.resolved, alert!.subject_id, alert!.store_name]).toEqual(['connectiondown', true, '20:C3:A4:80:09:69', 'Caspar City Plaza']);
    const predictions = await rn.predictedTraffic('s', '2099-03-17', '2099-03-23');
    expect(predictions.map((p) => p.value)).toEqual([10, 10, 3]);
    const zt = await rn.zoneTransitions({ locations: ['a'], date_ranges: [{ start: '2021-02-15', finish: '2021-02-22' }] });
    expect(zt.metrics[0]!.data[0]!.transitions.map((t) => t.value)).toEqual([170, 147, 42, 19]);
    const [fp] = await rn.fpaFloorplans();
    expect([fp!.name, fp!.zones[0]!.points.length, fp!.zones[0]!.dwell_time_threshold_ms]).toEqual(['API Store Floorplan', 5, 10]);
  });

  it('RetailNext inventory: cameras, channels (maximun_retention_days), appliances', async () => {
    const cameras = await rn.cameras();
    expect(cameras.map((c) => [c.device_id, c.model, c.video_channel_uuids.length, c.height, c.analytics?.traffic_line_count])).toEqual([['20:C3:13:0F:1D:2A', 'Aurora', 1, 3860, 1]]);
    const [channel] = await rn.channels();
    expect([channel!.channel_uuid, channel!.frame_rate, channel!.maximun_retention_days, channel!.snapshot_interval_secs]).toEqual(['9290bc70-3480-11ea-81c9-c000c7e8079e', 10, 0, 300]);
    const [appliance] = await rn.appliances();
    expect([appliance!.appliance_id, appliance!.mac_address]).toEqual(['323231f8-6afg-11eb-8684-4000fc072082', '00:0D:29:60:FB:CB']);
    const token = await rn.hlsToken('loc');
    expect(token).toBe('9wTw-pk1VLsEGzmzaH9vOL-a6RU');
    expect(rn.hlsStreamUrl('ch', token)).toBe(`${server.url}/v1/hls/ch.m3u8?token=9wTw-pk1VLsEGzmzaH9vOL-a6RU`);
  });

  it('Flow: totals across entrances and the eight named demographic groups', async () => {
    const flow = new FlowClient(vendorTarget(flowConnection(server.url), 'FK', pools));
    const [hour] = await flow.hourly(['101'], '2026-04-19', '2026-04-19');
    expect(hour).toEqual({
      storeCode: '101', day: '2026-04-19', hour: 11, enters: 37, exits: 47, entrances: { '001': { enters: 37, exits: 47 } },
      demographics: { male_18_under: 0, male_19_44: 11, male_45_59: 0, male_60_plus: 0, female_18_under: 0, female_19_44: 50, female_45_59: 0, female_60_plus: 0 },
      sales: 51854, transactions: 12, itemsSold: 22,
    });
  });

  it('Exteros: counts, locations (with their trailing commas), last update', async () => {
    const ex = new ExterosClient(vendorTarget(exterosConnection(server.url), 'EK', pools));
    const counts = await ex.counts('impressions', 'madison-ave-store', '2020-01-01');
    expect(counts.map((c) => [c.hour, c.value])).toEqual([[9, 100], [10, 200], [11, 250], [12, 300], [13, 250], [14, 150], [15, 50]]);
    expect((await ex.locations()).map((l) => l.name)).toEqual(['madison-ave-store', '5th-ave-popup']);
    expect(await ex.lastUpdate('madison-ave-store')).toBe('2020-05-30T09:30:10Z');
  });
});
