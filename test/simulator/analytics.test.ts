/* eslint-disable @typescript-eslint/no-explicit-any -- response JSON is walked freely; the assertions check its shape */
// RetailNext analytics endpoints of the simulator over real HTTP: datamine (every date-range form,
// time ranges, group_bys, occupancy, overnight hours), occupancy adjust, predicted traffic limits,
// zone transitions and FPA floorplans. The clock is pinned: Wed 2021-03-10 20:00Z (12:00 in LA).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSublocation, findLocation } from '../../src/simulator/estate/lookup';
import { OVERNIGHT_STORE_INDEX } from '../../src/simulator/estate/fixtures';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index';

const NOW = Date.parse('2021-03-10T20:00:00Z');
const CASPAR = 'aec3dc7e-9e2c-11e5-9bb4-0e5ba9bee1b9';
const OAKRIDGE = 'aec5c886-9e2c-11e5-9bb7-0e5ba9bee1b9';
const SAN_JOSE = 'dace69f6-b307-11e9-819d-0000698cf233';
const VALLEY_FAIR = '813737be-9f9d-11ea-8372-000008adea78';
const GARDEN_STATION = 'af1fd977-9e2c-11e5-9bbe-0e5ba9bee1b9';

let sim: RunningSimulator;
let auth: string;

beforeAll(async () => {
  sim = await startSimulator({ now: () => new Date(NOW) });
  const c = sim.credentials.retailnext;
  auth = 'Basic ' + Buffer.from(`${c.accessKey}:${c.secretKey}`).toString('base64');
});
afterAll(async () => {
  await sim.close();
});

async function post(path: string, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${sim.baseUrls.retailnext}${path}`, {
    method: 'POST',
    headers: { Authorization: auth, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

const base = {
  metrics: ['traffic_in', 'traffic_out'],
  time_ranges: [{ type: 'store_hours' }],
  group_bys: [{ group: 'date', unit: 'days', value: 1 }],
  locations: [CASPAR],
};

function expectDatePoint(p: any): void {
  expect(p).toEqual({
    value: expect.any(Number),
    validity: expect.stringMatching(/^(complete|incomplete|imputed)$/),
    group: {
      type: 'date',
      from: { gregorian: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), year: expect.any(Number), month: expect.any(Number), day: expect.any(Number) },
      through: { gregorian: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), year: expect.any(Number), month: expect.any(Number), day: expect.any(Number) },
    },
    index: expect.any(Number),
  });
}

describe('datamine: the doc example (last week, store hours, by day)', () => {
  it('answers in the documented shape, one point per day of last week', async () => {
    const { status, json } = await post('/v2/datamine', {
      ...base,
      date_ranges: [{ from: { relative: { add_weeks: -1 } }, to: { relative: { base: { name: 'now' }, truncate_to: 'week' } } }],
      time_zone: 'America/Los_Angeles',
    });
    expect(status).toBe(200);
    expect(json.ok).toBe(true);
    expect(json.metrics.map((m: any) => [m.name, m.ok])).toEqual([['traffic_in', true], ['traffic_out', true]]);
    const data = json.metrics[0].data;
    // Sunday 2021-02-28 .. Saturday 2021-03-06 (weeks start on Sunday)
    expect(data.map((p: any) => p.group.from.gregorian)).toEqual(['2021-02-28', '2021-03-01', '2021-03-02', '2021-03-03', '2021-03-04', '2021-03-05', '2021-03-06']);
    data.forEach((p: any, i: number) => {
      expectDatePoint(p);
      expect(p.index).toBe(i);
      expect(p.value).toBeGreaterThan(0);
    });
  });

  it('writes the retail-calendar year/month/day the doc shows beside the gregorian date', async () => {
    const { json } = await post('/v2/datamine', {
      ...base,
      date_ranges: [{ from: { gregorian: '2021-02-21T00:00:00' }, to: { gregorian: '2021-02-22T00:00:00' } }],
      time_zone: 'America/Los_Angeles',
    });
    expect(json.metrics[0].data[0].group.from).toEqual({ gregorian: '2021-02-21', year: 2021, month: 1, day: 22 });
  });
});

describe('datamine: date-range forms', () => {
  const days = async (date_range: unknown, tz = 'America/Los_Angeles'): Promise<string[]> => {
    const { status, json } = await post('/v2/datamine', { ...base, date_ranges: [date_range], time_zone: tz });
    expect(status, JSON.stringify(json)).toBe(200);
    return json.metrics[0].data.map((p: any) => p.group.from.gregorian);
  };

  it('name: today to now (needs a time zone)', async () => {
    expect(await days({ from: { name: 'today' }, to: { name: 'now' } })).toEqual(['2021-03-10']);
    const { status, json } = await post('/v2/datamine', { ...base, date_ranges: [{ from: { name: 'today' }, to: { name: 'now' } }] });
    expect(status).toBe(400);
    expect(json).toEqual({ ok: false, error: expect.stringContaining('time_zone') });
  });

  it('gregorian', async () => {
    expect(await days({ from: { gregorian: '2021-02-27T00:00:00Z' }, to: { gregorian: '2021-02-28T00:00:00Z' } }, 'UTC')).toEqual(['2021-02-27']);
  });

  it('absolute: year 2021 week 2 day 4 to week 3', async () => {
    // week 1 of 2021 starts Sunday Jan 3; week 2 day 4 = Wed Jan 13; week 3 starts Sun Jan 17
    expect(await days({ from: { absolute: { year: 2021, week: 2, day: 4 } }, to: { absolute: { year: 2021, week: 3 } } })).toEqual([
      '2021-01-13', '2021-01-14', '2021-01-15', '2021-01-16',
    ]);
  });

  it('relative with a base: from 2021-02-27 plus 5 days', async () => {
    expect(await days({ from: { relative: { base: { gregorian: '2021-02-27T00:00:00Z' } } }, to: { relative: { add_days: 5 } } }, 'UTC')).toEqual([
      '2021-02-27', '2021-02-28', '2021-03-01', '2021-03-02', '2021-03-03',
    ]);
  });

  it('mixed: June 2020 plus 4 months, by month', async () => {
    const { json } = await post('/v2/datamine', {
      ...base,
      group_bys: [{ group: 'date', unit: 'months', value: 1 }],
      date_ranges: [{ from: { absolute: { year: 2020, month: 6 } }, to: { relative: { add_months: 4 } } }],
      time_zone: 'America/Los_Angeles',
    });
    expect(json.metrics[0].data.map((p: any) => [p.group.from.gregorian, p.group.through.gregorian])).toEqual([
      ['2020-06-01', '2020-06-30'], ['2020-07-01', '2020-07-31'], ['2020-08-01', '2020-08-31'], ['2020-09-01', '2020-09-30'],
    ]);
  });

  it('mixed: month to date', async () => {
    const d = await days({ from: { relative: { base: { name: 'now' }, truncate_to: 'month' } }, to: { name: 'now' } });
    expect(d[0]).toBe('2021-03-01');
    expect(d[d.length - 1]).toBe('2021-03-10');
  });

  it('both sides relative without a base is refused', async () => {
    const { status, json } = await post('/v2/datamine', { ...base, date_ranges: [{ from: { relative: { add_days: -1 } }, to: { relative: { add_days: 1 } } }], time_zone: 'UTC' });
    expect(status).toBe(400);
    expect(json.error).toMatch(/base/);
  });

  it('limits the span: 5 years for one store, 2 years for several', async () => {
    const long = { from: { gregorian: '2018-01-01T00:00:00Z' }, to: { gregorian: '2021-01-01T00:00:00Z' } };
    const several = await post('/v2/datamine', { ...base, locations: [CASPAR, OAKRIDGE], date_ranges: [long], time_zone: 'UTC' });
    expect(several.status).toBe(400);
    expect(several.json.error).toMatch(/2 years/);
    const tooLong = await post('/v2/datamine', { ...base, date_ranges: [{ from: { gregorian: '2015-01-01T00:00:00Z' }, to: { gregorian: '2021-01-01T00:00:00Z' } }], time_zone: 'UTC' });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.error).toMatch(/5 years/);
  });
});

describe('datamine: time ranges and group_bys', () => {
  it('last 24 hours by location, date and hour (the doc example): layered groups', async () => {
    const { status, json } = await post('/v2/datamine', {
      metrics: ['traffic_in'],
      locations: [CASPAR],
      date_ranges: [{ from: { relative: { add_days: -1 } }, to: { relative: { base: { name: 'now' }, truncate_to: 'minute' } } }],
      time_ranges: [{ from: '00:00', until: '24:00' }],
      group_bys: [
        { group: 'location', unit: '', value: 1 },
        { group: 'date', unit: 'days', value: 1 },
        { group: 'time', unit: 'hours', value: 1 },
      ],
      time_zone: 'America/Los_Angeles',
    });
    expect(status).toBe(200);
    const data = json.metrics[0].data;
    expect(data).toHaveLength(24);
    expect(data[0].groups.map((g: any) => g.type)).toEqual(['location', 'date', 'time']);
    expect(data[0].groups[0]).toEqual({ name: 'Caspar City Plaza', qualified_name: 'Caspar City Plaza', type: 'location', uuid: CASPAR });
    expect(data[0].group).toEqual({ type: 'time', from: '12:00', through: '12:59' });
    expect(data[0].groups[1].from.gregorian).toBe('2021-03-09');
    expect(data[23].group.from).toBe('11:00');
  });

  it('from/until limits the hours; store_hours gives only open hours', async () => {
    const q = (time_ranges: unknown) =>
      post('/v2/datamine', {
        metrics: ['traffic_in'],
        locations: [CASPAR],
        date_ranges: [{ from: { gregorian: '2021-03-09T00:00:00' }, to: { gregorian: '2021-03-10T00:00:00' } }],
        time_ranges,
        group_bys: [{ group: 'time', unit: 'hours', value: 1 }],
        time_zone: 'America/Los_Angeles',
      });
    const window = await q([{ from: '10:30', until: '13:00' }]);
    expect(window.json.metrics[0].data.map((p: any) => p.group.from)).toEqual(['10:00', '11:00', '12:00']);
    const open = await q([{ type: 'store_hours' }]);
    // Caspar City Plaza is open 11:00-22:00 on Tuesdays
    const hours = open.json.metrics[0].data.map((p: any) => p.group.from);
    expect(hours[0]).toBe('11:00');
    expect(hours[hours.length - 1]).toBe('21:00');
    const byQuarter = await q([{ from: '12:00', until: '13:00' }]);
    expect(byQuarter.json.metrics[0].data).toHaveLength(1);
  });

  it('minutes and day_of_week groups; metrics are consistent across groupings', async () => {
    const range = [{ from: { gregorian: '2021-03-01T00:00:00' }, to: { gregorian: '2021-03-08T00:00:00' } }];
    const common = { metrics: ['traffic_in'], locations: [CASPAR], date_ranges: range, time_ranges: [{ type: 'store_hours' }], time_zone: 'America/Los_Angeles' };
    const byDay = await post('/v2/datamine', { ...common, group_bys: [{ group: 'day_of_week', unit: '', value: 1 }] });
    const byQuarterHour = await post('/v2/datamine', { ...common, group_bys: [{ group: 'time', unit: 'minutes', value: 15 }] });
    const byLocation = await post('/v2/datamine', { ...common, group_bys: [{ group: 'location', unit: '', value: 1 }] });
    const days = byDay.json.metrics[0].data;
    expect(days.map((p: any) => p.group.day_of_week)).toEqual(['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']);
    const sum = (d: any[]) => d.reduce((a, p) => a + p.value, 0);
    const total = byLocation.json.metrics[0].data[0].value;
    expect(sum(days)).toBe(total);
    expect(Math.abs(sum(byQuarterHour.json.metrics[0].data) - total)).toBeLessThanOrEqual(byQuarterHour.json.metrics[0].data.length);
    expect(byQuarterHour.json.metrics[0].data[1].group).toEqual({ type: 'time', from: '11:15', through: '11:29' });
  });

  it('rejects bad group_bys and time ranges with 400', async () => {
    const range = [{ from: { gregorian: '2021-03-01T00:00:00Z' }, to: { gregorian: '2021-03-02T00:00:00Z' } }];
    for (const bad of [
      { group_bys: [{ group: 'location', unit: 'days', value: 1 }] },
      { group_bys: [{ group: 'time', unit: 'days', value: 1 }] },
      { group_bys: [{ group: 'date', unit: 'days', value: 0 }] },
      { group_bys: [{ group: 'weather', unit: '', value: 1 }] },
      { time_ranges: [{ from: '12:00', until: '11:00' }] },
      { time_ranges: [{ type: 'open_hours' }] },
    ]) {
      const { status, json } = await post('/v2/datamine', { ...base, date_ranges: range, time_zone: 'UTC', ...bad });
      expect(status, JSON.stringify(bad)).toBe(400);
      expect(json.ok).toBe(false);
    }
  });

  it('ok per metric: an unknown metric is not ok, the others are', async () => {
    const { status, json } = await post('/v2/datamine', {
      ...base,
      metrics: ['traffic_in', 'no_such_metric'],
      date_ranges: [{ from: { gregorian: '2021-03-01T00:00:00Z' }, to: { gregorian: '2021-03-02T00:00:00Z' } }],
    });
    expect(status).toBe(200);
    expect(json.ok).toBe(false);
    expect(json.metrics[0].ok).toBe(true);
    expect(json.metrics[1]).toMatchObject({ name: 'no_such_metric', ok: false, error: expect.any(String) });
  });

  it('an unknown location gives ok:false with a description', async () => {
    const { json } = await post('/v2/datamine', {
      ...base,
      locations: ['00000000-0000-0000-0000-000000000000'],
      date_ranges: [{ from: { gregorian: '2021-03-01T00:00:00Z' }, to: { gregorian: '2021-03-02T00:00:00Z' } }],
    });
    expect(json.ok).toBe(false);
    expect(json.metrics[0]).toMatchObject({ ok: false, error: expect.stringMatching(/not found or not permitted/) });
  });

  it('validity flags come from the data and a day is as bad as its worst hour', async () => {
    const { json } = await post('/v2/datamine', {
      metrics: ['traffic_in'],
      locations: [CASPAR],
      date_ranges: [{ from: { gregorian: '2021-01-01T00:00:00' }, to: { gregorian: '2021-03-01T00:00:00' } }],
      time_ranges: [{ type: 'store_hours' }],
      group_bys: [{ group: 'date', unit: 'days', value: 1 }],
      time_zone: 'America/Los_Angeles',
    });
    const flags = new Set(json.metrics[0].data.map((p: any) => p.validity));
    expect(flags.has('complete')).toBe(true);
    expect(flags.size).toBeGreaterThan(1);
  });
});

describe('datamine: overnight store hours', () => {
  it('prefixes hours that spill into the next day with "+" and counts them to the opening day', async () => {
    const store = sim.estate.stores[OVERNIGHT_STORE_INDEX]!;
    expect(store.hours[2]).toEqual({ open: '22:00', close: '06:00' });
    const { json } = await post('/v2/datamine', {
      metrics: ['traffic_in'],
      locations: [store.uuid],
      date_ranges: [{ from: { gregorian: '2021-03-02T00:00:00' }, to: { gregorian: '2021-03-04T00:00:00' } }],
      time_ranges: [{ type: 'store_hours' }],
      group_bys: [{ group: 'date', unit: 'days', value: 1 }, { group: 'time', unit: 'hours', value: 1 }],
      time_zone: store.time_zone,
    });
    const tuesday = json.metrics[0].data.filter((p: any) => p.groups[0].from.gregorian === '2021-03-02').map((p: any) => p.group.from);
    expect(tuesday).toEqual(['22:00', '23:00', '+00:00', '+01:00', '+02:00', '+03:00', '+04:00', '+05:00']);
  });
});

describe('occupancy', () => {
  const occupancyQuery = (tz: string) => ({
    date_ranges: [{ from: { name: 'today' }, to: { name: 'now' } }],
    group_bys: [{ group: 'location', unit: '', value: 0 }],
    locations: [SAN_JOSE],
    metrics: ['total_occupancy', 'occupancy_limit'],
    time_ranges: [{ type: 'store_hours' }],
    time_zone: tz,
  });

  it('current occupancy (doc example: traffic and total_occupancy, to +1 day)', async () => {
    const { status, json } = await post('/v2/datamine', {
      date_ranges: [{ from: { name: 'today' }, to: { relative: { add_days: 1 } } }],
      group_bys: [{ group: 'location', unit: '', value: 0 }],
      locations: [SAN_JOSE],
      metrics: ['traffic_in', 'traffic_out', 'total_occupancy'],
      time_ranges: [{ type: 'store_hours' }],
      time_zone: 'America/Los_Angeles',
    });
    expect(status).toBe(200);
    const [tin, tout, occ] = json.metrics;
    const group = { name: 'San Jose Store', qualified_name: 'San Jose Store', type: 'location', uuid: SAN_JOSE };
    for (const m of json.metrics) expect(m.data).toEqual([{ group, index: 0, validity: expect.any(String), value: expect.any(Number) }]);
    // the running count is kept at zero or more through the day, so it ends at least at in - out and at most at in
    expect(occ.data[0].value).toBeGreaterThanOrEqual(Math.max(0, tin.data[0].value - tout.data[0].value));
    expect(occ.data[0].value).toBeLessThanOrEqual(tin.data[0].value);
    expect(tin.data[0].value).toBeGreaterThan(0);
  });

  it('"local" time zone: total_occupancy and occupancy_limit', async () => {
    const { status, json } = await post('/v2/datamine', occupancyQuery('local'));
    expect(status).toBe(200);
    expect(json.metrics.map((m: any) => m.name)).toEqual(['total_occupancy', 'occupancy_limit']);
    expect(json.metrics[1].data[0].value).toBe(300);
    expect(json.metrics[0].data[0].value).toBeGreaterThanOrEqual(0);
  });

  it('"local" gives no current occupancy for a store closed now, not its last reading of the day', async () => {
    // 21:30 in Los Angeles on that Wednesday: San Jose closed at 21:00 after a day of traffic.
    const late = await startSimulator({ now: () => new Date('2021-03-11T05:30:00Z') });
    try {
      const res = await fetch(`${late.baseUrls.retailnext}/v2/datamine`, {
        method: 'POST',
        headers: { Authorization: auth, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(occupancyQuery('local')),
      });
      expect(res.status).toBe(200);
      const json = (await res.json()) as { metrics: { name: string; data: unknown[] }[] };
      expect(json.metrics.map((m) => [m.name, m.data.length])).toEqual([['total_occupancy', 0], ['occupancy_limit', 0]]);
      // at noon (the shared simulator's clock), open, it has one
      const open = await post('/v2/datamine', occupancyQuery('local'));
      expect(open.json.metrics[0].data).toHaveLength(1);
    } finally {
      await late.close();
    }
  });

  it('a store told to be open now (/__sim/open-now, for tests at any hour) has hours around now and a current reading', async () => {
    // 21:30 in Los Angeles: San Jose closed at 21:00.
    const late = await startSimulator({ now: () => new Date('2021-03-11T05:30:00Z') });
    try {
      const datamine = () =>
        fetch(`${late.baseUrls.retailnext}/v2/datamine`, {
          method: 'POST',
          headers: { Authorization: auth, 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify(occupancyQuery('local')),
        }).then(async (r) => (await r.json()) as { metrics: { name: string; data: unknown[] }[] });
      expect((await datamine()).metrics[0]!.data).toHaveLength(0);
      const root = late.baseUrls.retailnext.replace(/\/retailnext\/.*$/, '');
      const opened = await fetch(`${root}/__sim/open-now`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ store_uuid: SAN_JOSE }) });
      expect(opened.status).toBe(200);
      // from 18:00 to 02:00 the next day, every day
      expect(await opened.json()).toEqual({ store_uuid: SAN_JOSE, hours: { open: '18:00', close: '02:00' } });
      expect((await datamine()).metrics.map((m) => [m.name, m.data.length])).toEqual([['total_occupancy', 1], ['occupancy_limit', 1]]);
      const unknown = await fetch(`${root}/__sim/open-now`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ store_uuid: 'no-such-store' }) });
      expect(unknown.status).toBe(404);
    } finally {
      await late.close();
    }
  });

  it('"local" answers at the exact millisecond of a store\'s midnight: an overnight store open then has its count, from its opening', async () => {
    const store = sim.estate.stores[OVERNIGHT_STORE_INDEX]!; // open 22:00 to 06:00 in Los Angeles
    // midnight of Thursday 2021-03-11 in Los Angeles (08:00Z); 00:30 and the opening instant (22:00) the evening before
    const midnight = Date.parse('2021-03-11T08:00:00Z');
    let now = midnight;
    const pinned = await startSimulator({ now: () => new Date(now) });
    const read = async (locations: string[], tz = 'local') => {
      const res = await fetch(`${pinned.baseUrls.retailnext}/v2/datamine`, {
        method: 'POST',
        headers: { Authorization: auth, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ ...occupancyQuery(tz), locations }),
      });
      return { status: res.status, json: (await res.json()) as any };
    };
    try {
      const atMidnight = await read([store.uuid, SAN_JOSE]);
      expect(atMidnight.status).toBe(200);
      // San Jose (closed at midnight) has no reading; the overnight store has one, with its limit
      expect(atMidnight.json.metrics.map((m: any) => m.data.map((p: any) => p.group.uuid))).toEqual([[store.uuid], [store.uuid]]);
      const occupancyAt = (json: any) => json.metrics[0].data[0].value as number;
      expect(atMidnight.json.metrics[1].data[0].value).toBe(store.occupancy_limit);
      // its count runs on past midnight: what was counted in the evening is still part of "today"
      const adjusted = await fetch(`${pinned.baseUrls.retailnext}/v1/occupancy/adjust`, {
        method: 'POST',
        headers: { Authorization: auth, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ store_uuid: store.uuid, adjustment_time: '2021-03-11T07:00:00+00:00', adjustment_count: 40 }),
      });
      expect(adjusted.status).toBe(200);
      now = midnight + 30 * 60_000;
      const after = await read([store.uuid]);
      expect(after.status).toBe(200);
      expect(occupancyAt(after.json)).toBeGreaterThanOrEqual(40);
      // the opening instant: open, nobody counted yet
      now = Date.parse('2021-03-11T06:00:00Z');
      const opening = await read([store.uuid]);
      expect(opening.json.metrics[0].data.map((p: any) => p.value)).toEqual([0]);
      // UTC midnight and the zone's midnight in the doc's other form (an explicit zone, "now" cut to the last complete bucket): the day so far, empty
      now = Date.parse('2021-03-11T00:00:00Z');
      expect((await read([SAN_JOSE])).status).toBe(200);
      now = midnight;
      const named = await read([SAN_JOSE], 'America/Los_Angeles');
      expect(named.status).toBe(200);
      expect(named.json.metrics[0].data).toEqual([]);
    } finally {
      await pinned.close();
    }
  });

  it('"local" refuses queries outside its restrictions', async () => {
    const q = occupancyQuery('local');
    for (const bad of [
      { ...q, metrics: ['traffic_in'] },
      { ...q, group_bys: [{ group: 'date', unit: 'days', value: 1 }] },
      { ...q, date_ranges: [{ from: { name: 'yesterday' }, to: { name: 'now' } }] },
      { ...q, time_ranges: [{ from: '00:00', until: '24:00' }] },
    ]) {
      const { status, json } = await post('/v2/datamine', bad);
      expect(status).toBe(400);
      expect(json.error).toMatch(/local/);
    }
  });

  it('occupancy adjust (doc example) changes total_occupancy; refused outside hours and without a limit', async () => {
    const before = (await post('/v2/datamine', { ...occupancyQuery('local'), locations: [VALLEY_FAIR] })).json.metrics[0].data[0].value;
    const ok = await post('/v1/occupancy/adjust', { store_uuid: VALLEY_FAIR, adjustment_time: '2021-03-10T19:00:00+00:00', adjustment_count: 5 });
    expect(ok.status).toBe(200);
    expect(ok.json.ok).toBe(true);
    const after = (await post('/v2/datamine', { ...occupancyQuery('local'), locations: [VALLEY_FAIR] })).json.metrics[0].data[0].value;
    expect(after).toBe(before + 5);

    const closed = await post('/v1/occupancy/adjust', { store_uuid: VALLEY_FAIR, adjustment_time: '2021-03-10T09:00:00+00:00', adjustment_count: 5 });
    expect(closed.status).toBe(400);
    expect(closed.json.error).toMatch(/store hours/);

    const zero = await post('/v1/occupancy/adjust', { store_uuid: VALLEY_FAIR, adjustment_count: 0 });
    expect(zero.status).toBe(400);

    const noLimit = sim.estate.stores.find((s) => s.occupancy_limit === null && s.hours[3] !== null);
    expect(noLimit, 'the estate has a store without an occupancy limit').toBeDefined();
    const refused = await post('/v1/occupancy/adjust', { store_uuid: noLimit!.uuid, adjustment_count: 2 });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatch(/occupancy limit/);

    const unknown = await post('/v1/occupancy/adjust', { store_uuid: '00000000-0000-0000-0000-000000000000', adjustment_count: 1 });
    expect(unknown.status).toBe(404);
  });
});

describe('predicted traffic', () => {
  it('doc example: 15-minute predictions for 7 future days during store hours', async () => {
    const { status, json } = await post('/v1/predictedtraffic', { store_uuid: OAKRIDGE, first_day: '2021-03-17', last_day: '2021-03-23' });
    expect(status).toBe(200);
    expect(json.ok).toBe(true);
    expect(json.error).toBe('');
    const p = json.predictions;
    expect(p[0]).toEqual({ time: expect.stringMatching(/^2021-03-17T\d{2}:00:00Z$/), value: expect.any(Number) });
    expect(p[p.length - 1].time).toMatch(/^2021-03-23T\d{2}:45:00Z$/);
    const steps = p.slice(1, 5).map((x: any, i: number) => Date.parse(x.time) - Date.parse(p[i].time));
    expect(steps).toEqual([900_000, 900_000, 900_000, 900_000]);
    expect(p.some((x: any) => x.value > 0)).toBe(true);
  });

  it('refuses past days, more than 7 days, and beyond 31 days', async () => {
    const cases: [string, string, RegExp][] = [
      ['2021-03-10', '2021-03-12', /future/],
      ['2021-03-05', '2021-03-08', /future/],
      ['2021-03-12', '2021-03-19', /7 days/],
      ['2021-04-09', '2021-04-12', /31 days/],
    ];
    for (const [first_day, last_day, msg] of cases) {
      const { status, json } = await post('/v1/predictedtraffic', { store_uuid: OAKRIDGE, first_day, last_day });
      expect(status, `${first_day}..${last_day}`).toBe(400);
      expect(json).toMatchObject({ ok: false, error: expect.stringMatching(msg) });
    }
  });

  it('allows 3 concurrent requests; the 4th gets 429', async () => {
    const body = { store_uuid: OAKRIDGE, first_day: '2021-03-12', last_day: '2021-03-13' };
    const statuses = (await Promise.all([1, 2, 3, 4].map(() => post('/v1/predictedtraffic', body)))).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 429]);
    // and the limit is released afterwards
    expect((await post('/v1/predictedtraffic', body)).status).toBe(200);
  });
});

describe('FPA floorplans and zone transitions', () => {
  it('lists floorplans with zones in the documented shape', async () => {
    const res = await fetch(`${sim.baseUrls.retailnext}/v1/fpafloorplans`, { headers: { Authorization: auth } });
    expect(res.status).toBe(200);
    const plans = (await res.json()) as any[];
    expect(plans.length).toBeGreaterThan(0);
    const plan = plans.find((p) => p.store_id === CASPAR);
    expect(plan).toMatchObject({ id: expect.any(String), name: expect.any(String), store_id: CASPAR, store_name: 'Caspar City Plaza' });
    const zone = plan.zones[0];
    expect(Object.keys(zone).sort()).toEqual(['area', 'dwell_time_threshold_ms', 'id', 'location_id', 'location_name', 'name', 'points', 'type', 'zone_threshold_mm']);
    expect(zone.points[0]).toEqual(zone.points[zone.points.length - 1]);
    const one = await fetch(`${sim.baseUrls.retailnext}/v1/fpafloorplans/${plan.id}`, { headers: { Authorization: auth } });
    expect(await one.json()).toEqual(plan);
    const byStore = await fetch(`${sim.baseUrls.retailnext}/v1/stores/${CASPAR}/fpafloorplans`, { headers: { Authorization: auth } });
    expect(await byStore.json()).toEqual([plan]);
    expect((await fetch(`${sim.baseUrls.retailnext}/v1/fpafloorplans/nope`, { headers: { Authorization: auth } })).status).toBe(404);
  });

  it('zone transitions: the doc example', async () => {
    // The doc's zone locations (Entrance Zone, Denim Zone of Garden Station), if the estate lacks them.
    const docZones = [
      ['f1cc33f2-3329-11ea-9b32-80001a18e60d', 'Entrance Zone', 'entrance'],
      ['cdf7322e-3329-11ea-8e45-80003c755d3e', 'Denim Zone', 'display'],
    ] as const;
    for (const [uuid, name, type] of docZones) {
      if (!findLocation(sim.estate, uuid)) {
        addSublocation(sim.estate, { uuid, name, location_type: type, parent_uuid: GARDEN_STATION, store_uuid: GARDEN_STATION, area: null, archive_date: null, aggregate_to_parent: type === 'entrance', aggregate_to_store: type === 'entrance' });
      }
    }
    const { status, json } = await post('/v1/zone_transitions', {
      locations: ['cdf7322e-3329-11ea-8e45-80003c755d3e', 'f1cc33f2-3329-11ea-9b32-80001a18e60d'],
      date_ranges: [{ start: '2021-02-15', finish: '2021-02-22' }],
      metrics: ['customer'],
      transitions: 'direct_and_indirect',
      dwells: 'all_traffic',
      time_ranges: [{ start: '10:30', finish: '13:00' }],
      days_of_week: ['friday', 'saturday'],
    });
    expect(status).toBe(200);
    expect(json.metrics).toHaveLength(1);
    expect(json.metrics[0].name).toBe('customer');
    const [plan] = json.metrics[0].data;
    expect(plan.floorplan).toEqual({ uuid: expect.any(String), name: expect.any(String), store_uuid: GARDEN_STATION, store_name: 'Garden Station' });
    expect(plan.zones.map((z: any) => z.location_name).sort()).toEqual(['Denim Zone', 'Entrance Zone']);
    expect(plan.transitions).toHaveLength(4);
    for (const from of plan.zones) {
      const rows = plan.transitions.filter((t: any) => t.from_zone_id === from.uuid);
      expect(rows).toHaveLength(2);
      const pct = rows.reduce((a: number, t: any) => a + t.percentage, 0);
      expect(pct).toBeGreaterThanOrEqual(99);
      expect(pct).toBeLessThanOrEqual(101);
      expect(rows.every((t: any) => t.value > 0)).toBe(true);
    }
    const bad = await post('/v1/zone_transitions', { locations: [CASPAR], date_ranges: [{ start: '2021-02-15', finish: '2021-02-22' }] });
    expect(bad.status).toBe(400);
  });

  it('datamine over FPA zone locations: visitors, dwells and average dwell, consistent with the zone transitions', async () => {
    const get = async (path: string) => (await fetch(`${sim.baseUrls.retailnext}${path}`, { headers: { Authorization: auth } })).json() as Promise<any>;
    const [plan] = (await get(`/v1/stores/${SAN_JOSE}/fpafloorplans`)) as any[];
    const zones = plan.zones.slice(0, 8);
    const locations = zones.map((z: any) => z.location_id);
    const { status, json } = await post('/v2/datamine', {
      locations,
      metrics: ['traffic_in', 'dwells', 'average_dwell_time'],
      date_ranges: [{ from: { absolute: { year: 2021, month: 3, day: 1 } }, to: { absolute: { year: 2021, month: 3, day: 8 } } }],
      time_ranges: [{ type: 'store_hours' }],
      group_bys: [{ group: 'location', unit: '', value: 1 }],
      time_zone: 'America/Los_Angeles',
    });
    expect(status).toBe(200);
    expect(json.ok).toBe(true);
    const byName = Object.fromEntries(json.metrics.map((m: any) => [m.name, new Map(m.data.map((p: any) => [p.group.uuid, p.value]))])) as Record<string, Map<string, number>>;
    const flows = await post('/v1/zone_transitions', { locations, date_ranges: [{ start: '2021-03-01', finish: '2021-03-07' }], dwells: 'all_traffic' });
    const out = new Map<string, number>();
    for (const t of flows.json.metrics[0].data[0].transitions) out.set(t.from_zone_id, (out.get(t.from_zone_id) ?? 0) + t.value);
    for (const z of zones) {
      const visitors = byName.traffic_in!.get(z.location_id)!;
      const dwells = byName.dwells!.get(z.location_id)!;
      expect(visitors).toBeGreaterThan(0);
      // the flows leaving a zone never outnumber its visitors; most visitors do not dwell
      expect(out.get(z.id)!).toBeLessThanOrEqual(visitors);
      expect(dwells).toBeGreaterThan(visitors * 0.3);
      expect(dwells).toBeLessThan(visitors * 0.6);
      expect(byName.average_dwell_time!.get(z.location_id)!).toBeGreaterThan(5);
    }
    const seconds = (name: RegExp) => byName.average_dwell_time!.get(zones.find((z: any) => name.test(z.name)).location_id)!;
    expect(seconds(/Fitting/)).toBeGreaterThan(seconds(/Entrance/));
    // a store has no dwells: null, not a made-up number
    const store = await post('/v2/datamine', { ...base, metrics: ['traffic_in', 'dwells'], group_bys: [{ group: 'location', unit: '', value: 1 }], date_ranges: [{ from: { absolute: { year: 2021, month: 3, day: 1 } }, to: { absolute: { year: 2021, month: 3, day: 2 } } }] });
    expect(store.json.metrics[1].data[0].value).toBeNull();
  });

  it('stores have tens of zones per floor, some several floors, and the documented awkward cases', async () => {
    const get = async (path: string) => (await fetch(`${sim.baseUrls.retailnext}${path}`, { headers: { Authorization: auth } })).json() as Promise<any>;
    const plans = (await get('/v1/fpafloorplans')) as any[];
    const byStore = new Map<string, any[]>();
    for (const p of plans) byStore.set(p.store_id, [...(byStore.get(p.store_id) ?? []), p]);
    expect([...byStore.values()].some((ps) => ps.length >= 2)).toBe(true);
    expect([...byStore.values()].some((ps) => ps.length === 1)).toBe(true);
    const drawn = plans.filter((p) => p.zones.length > 4);
    expect(drawn.every((p) => p.zones.length >= 18 && p.zones.length <= 45)).toBe(true);
    for (const p of drawn) {
      // zone ids unique, types from the document, areas match the polygons, staff areas present
      expect(new Set(p.zones.map((z: any) => z.id)).size).toBe(p.zones.length);
      expect(p.zones.every((z: any) => z.type === 'fpa' || z.type === 'staff')).toBe(true);
      expect(p.zones.some((z: any) => z.type === 'staff')).toBe(true);
      for (const z of p.zones) {
        let sum = 0;
        for (let i = 0; i + 1 < z.points.length; i++) sum += z.points[i].x * z.points[i + 1].y - z.points[i + 1].x * z.points[i].y;
        expect(Math.abs(Math.abs(sum) / 2 - z.area)).toBeLessThan(1);
      }
    }
    const sanJose = byStore.get(SAN_JOSE)!;
    expect(sanJose.length).toBeGreaterThanOrEqual(2);
    expect(sanJose.map((p) => p.name)).toContain('San Jose Store Level 2');
    expect((await get(`/v1/stores/${SAN_JOSE}/fpafloorplans`)).map((p: any) => p.id)).toEqual(sanJose.map((p) => p.id));
    expect((await get(`/v1/fpafloorplans/${sanJose[1].id}`)).name).toBe(sanJose[1].name);
    expect(byStore.get('9c1f2a65-0b7e-11ea-8d71-c0003468a1b2')!.every((p) => p.zones.length === 0)).toBe(true);
    const mezzanine = plans.find((p) => p.name.endsWith('Mezzanine'));
    expect(mezzanine.zones.some((z: any) => z.points.length < 3)).toBe(true);
  });

  it('v1 paging: 100 floorplans a page at most', async () => {
    const res = await fetch(`${sim.baseUrls.retailnext}/v1/fpafloorplans`, { headers: { Authorization: auth, 'X-Page-Length': '5' } });
    expect(res.status).toBe(206);
    expect(((await res.json()) as any[]).length).toBe(5);
    expect(res.headers.get('x-page-next')).toBe('5');
  });

  it('zone transitions follow the floorplan: every zone of a floor, nearer zones more, totals follow traffic', async () => {
    const [plan] = (await (await fetch(`${sim.baseUrls.retailnext}/v1/stores/${VALLEY_FAIR}/fpafloorplans`, { headers: { Authorization: auth } })).json()) as any[];
    const locations = [...new Set(plan.zones.map((z: any) => z.location_id))];
    const total = async (finish: string) => {
      const { status, json } = await post('/v1/zone_transitions', { locations, date_ranges: [{ start: '2021-03-01', finish }], metrics: ['all'] });
      expect(status).toBe(200);
      const data = json.metrics[0].data;
      expect(data).toHaveLength(1);
      expect(data[0].floorplan.uuid).toBe(plan.id);
      expect(data[0].zones.map((z: any) => z.uuid).sort()).toEqual(plan.zones.map((z: any) => z.id).sort());
      expect(data[0].transitions).toHaveLength(plan.zones.length ** 2);
      return { sum: data[0].transitions.reduce((a: number, t: any) => a + t.value, 0), rows: data[0].transitions };
    };
    const week = await total('2021-03-07');
    const day = await total('2021-03-01');
    expect(week.sum).toBeGreaterThan(day.sum * 3);
    // from an entrance, the nearest other zone gets more than the farthest
    const centre = (z: any) => ({ x: z.points[0].x, y: z.points[0].y });
    const entrance = plan.zones.find((z: any) => /Entrance/.test(z.name));
    const others = plan.zones.filter((z: any) => z.id !== entrance.id && z.type === 'fpa' && !/Entrance|Checkout/.test(z.name));
    const dist = (z: any) => Math.hypot(centre(z).x - centre(entrance).x, centre(z).y - centre(entrance).y);
    others.sort((a: any, b: any) => dist(a) - dist(b));
    const value = (to: any) => week.rows.find((t: any) => t.from_zone_id === entrance.id && t.to_zone_id === to.id).value;
    expect(value(others[0])).toBeGreaterThan(value(others[others.length - 1]));
  });
});
