import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateEstate } from '../../src/simulator/estate/generate';
import { dayKpis, hourlyKpi, isOpenAt, quarterKpis, sumCounts } from '../../src/simulator/estate/kpi';
import { estateIndex } from '../../src/simulator/estate/lookup';

const hash = (v: unknown): string => createHash('sha256').update(JSON.stringify(v)).digest('hex');

describe('estate generation', () => {
  it('same seed, same estate; another seed, another estate', () => {
    expect(hash(generateEstate(7, 'demo'))).toBe(hash(generateEstate(7, 'demo')));
    expect(hash(generateEstate(7, 'demo'))).not.toBe(hash(generateEstate(8, 'demo')));
  });

  it('the demo estate: about 3 regions and 25 stores with everything the console audits', () => {
    const e = generateEstate(3, 'demo');
    expect(e.regions.filter((r) => r.parent_uuid === e.subscriptionUuid)).toHaveLength(3);
    expect(e.stores).toHaveLength(25);
    expect(new Set(e.sublocations.map((s) => s.location_type))).toEqual(new Set(['entrance', 'display', 'fitting_room', 'other']));
    expect(new Set(e.stores.map((s) => s.time_zone)).size).toBeGreaterThanOrEqual(3);
    expect(e.stores.some((s) => s.hours.some((h) => h !== null && h.open === '22:00' && h.close === '06:00'))).toBe(true);
    // cameras of every type and vendor
    expect(new Set(e.cameras.map((c) => c.type))).toEqual(new Set([0, 1, 2]));
    expect(new Set(e.cameras.map((c) => c.vendor))).toEqual(new Set(['RetailNext', 'Xovis', 'Brickstream', 'Axis']));
    // quiet and misconfigured ones
    expect(e.cameras.some((c) => c.lastHeardAgoSec > 86_400)).toBe(true);
    const counters = e.cameras.filter((c) => c.type !== 0 && c.sublocation_uuid && e.sublocations.find((s) => s.uuid === c.sublocation_uuid)?.location_type === 'entrance');
    expect(counters.some((c) => c.analytics.traffic_line_count === 0) || counters.some((c) => !c.analytics.direction_line_configured)).toBe(true);
    expect(e.cameras.some((c) => c.network_configuration.mode === 1 && (c.network_configuration.gateway === '' || c.network_configuration.dns === '' || c.network_configuration.ntp === ''))).toBe(true);
    expect(e.cameras.some((c) => c.type !== 2 && c.video_channel_count === 0)).toBe(true);
    // appliances, one without cameras
    const used = new Set(e.cameras.map((c) => c.appliance_id));
    expect(e.appliances.some((a) => !used.has(a.appliance_id))).toBe(true);
    // channel settings vary
    for (const key of ['recording_enabled', 'record_on_motion', 'blur_video', 'snapshot_enabled'] as const) {
      expect(new Set(e.channels.map((c) => c[key])).size, key).toBe(2);
    }
    expect(new Set(e.channels.map((c) => c.frame_rate)).size).toBeGreaterThan(2);
    // unique identifiers
    expect(new Set(e.cameras.map((c) => c.device_id)).size).toBe(e.cameras.length);
    expect(new Set(e.stores.map((s) => s.flowCode)).size).toBe(e.stores.length);
    expect(new Set(e.stores.map((s) => s.exterosName)).size).toBe(e.stores.length);
    // users of both kinds, and alerts to derive
    expect(new Set(e.users.map((u) => u.type))).toEqual(new Set(['local', 'sso']));
    expect(e.alertSources.length).toBeGreaterThan(0);
  });

  it('the large estate: 5,000 stores and 40,000 cameras with unique ids', () => {
    const e = generateEstate(1, 'large');
    expect(e.stores).toHaveLength(5000);
    expect(e.cameras).toHaveLength(40_000);
    const idx = estateIndex(e);
    expect(idx.camerasByDeviceId.size).toBe(40_000);
    expect(idx.storesByFlowCode.size).toBe(5000);
    expect(idx.storesByExterosName.size).toBe(5000);
    expect(idx.locations.size).toBe(e.regions.length + e.stores.length + e.sublocations.length);
  });
});

describe('KPI model', () => {
  const e = generateEstate(11, 'demo');
  const store = e.stores[0]!;

  it('is deterministic and zero outside store hours', () => {
    const at = Date.parse('2026-03-10T19:00:00Z');
    expect(hourlyKpi(e, store, at)).toEqual(hourlyKpi(generateEstate(11, 'demo'), generateEstate(11, 'demo').stores[0]!, at));
    for (const k of dayKpis(e, store, '2026-03-10')) {
      expect(k.open).toBe(isOpenAt(store, k.hourStartUtc));
      if (!k.open) expect(k.trafficIn + k.sales + k.impressions).toBe(0);
    }
    expect(dayKpis(e, store, '2026-03-10').some((k) => k.trafficIn > 0)).toBe(true);
  });

  it('has an hour-of-day and a day-of-week pattern', () => {
    // over a year, midday beats the first open hour, and Saturday beats Monday
    let midday = 0;
    let opening = 0;
    const byWeekday = new Array(7).fill(0) as number[];
    for (let d = 0; d < 364; d++) {
      const date = new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
      const open = dayKpis(e, store, date).filter((k) => k.open);
      if (open.length === 0) continue;
      opening += open[0]!.trafficIn;
      midday += open.find((k) => k.localHour === 13)?.trafficIn ?? 0;
      byWeekday[open[0]!.weekday]! += sumCounts(open).trafficIn;
    }
    expect(midday).toBeGreaterThan(opening);
    expect(byWeekday[6]!).toBeGreaterThan(byWeekday[1]!);
  });

  it('the current hour is partial and grows; the future is zero; quarters sum to the hour', () => {
    const hour = Date.parse('2026-04-18T20:00:00Z');
    const full = hourlyKpi(e, store, hour);
    expect(full.trafficIn).toBeGreaterThan(0);
    const at10 = hourlyKpi(e, store, hour, { now: hour + 10 * 60_000 });
    const at40 = hourlyKpi(e, store, hour, { now: hour + 40 * 60_000 });
    expect(at10.completeness).toBeCloseTo(10 / 60);
    expect(at10.trafficIn).toBeLessThanOrEqual(at40.trafficIn);
    expect(at40.trafficIn).toBeLessThanOrEqual(full.trafficIn);
    expect(at10.trafficIn).toBeLessThan(full.trafficIn);
    expect(hourlyKpi(e, store, hour, { now: hour - 1 }).trafficIn).toBe(0);
    for (const now of [undefined, hour + 10 * 60_000, hour + 40 * 60_000]) {
      const q = quarterKpis(e, store, hour, { now });
      const h = hourlyKpi(e, store, hour, { now });
      expect(sumCounts(q)).toEqual(sumCounts([h]));
      expect(h.perEntrance.reduce((s, p) => s + p.enters, 0)).toBe(h.trafficIn);
    }
  });

  it('the overnight store trades across midnight', () => {
    const night = e.stores.find((s) => s.hours.some((h) => h?.open === '22:00'))!;
    const day = dayKpis(e, night, '2026-04-15');
    const openHours = day.filter((k) => k.open).map((k) => k.localHour);
    expect(openHours).toEqual([0, 1, 2, 3, 4, 5, 22, 23]);
    expect(day.filter((k) => k.open).every((k) => k.trafficIn >= 0)).toBe(true);
  });
});
