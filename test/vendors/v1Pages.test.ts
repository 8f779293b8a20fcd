import { afterEach, describe, expect, it } from 'vitest';
import { RetailNextClient } from '../../src/main/vendors/retailnext/client';
import { vendorTarget } from '../../src/main/vendors/target';
import { retailNextConnection } from './helpers/connections';
import { json, startTestServer, type TestServer } from './helpers/server';
import { HttpPools } from '../../src/main/vendors/http/pools';

/** A scripted RetailNext that pages every v1 answer, POST queries included, at `per` entries. */
const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function pagingServer(per: number, answer: (path: string, body: Record<string, unknown>) => { entries: unknown[]; wrap: (page: unknown[]) => unknown }, opts: { forgetNext?: boolean } = {}) {
  const server = await startTestServer((req, res, body) => {
    const { entries, wrap } = answer(req.url ?? '', body ? (JSON.parse(body) as Record<string, unknown>) : {});
    const start = Number(req.headers['x-page-start'] ?? 0);
    const page = entries.slice(start, start + per);
    const more = start + per < entries.length;
    json(res, more ? 206 : 200, wrap(page), more && !opts.forgetNext ? { 'x-page-next': String(start + per) } : {});
  });
  servers.push(server);
  return new RetailNextClient(vendorTarget(retailNextConnection(server.url), 'secret', pools));
}

const pools = new HttpPools();

describe('RetailNext v1 POST reads read every page', () => {
  const alert = (i: number) => ({ uuid: `a${i}`, store_uuid: 's', type: 'connectiondown', severity: 'critical', resolved: false, obsolete: false });

  it('health alerts', async () => {
    const rn = await pagingServer(100, () => ({ entries: Array.from({ length: 250 }, (_, i) => alert(i)), wrap: (result) => ({ result }) }));
    expect((await rn.healthAlerts('2026-12-04T00:00:00Z')).map((a) => a.uuid)).toEqual(Array.from({ length: 250 }, (_, i) => `a${i}`));
  });

  it('store hours', async () => {
    const rn = await pagingServer(100, (_p, body) => {
      const stores = body.stores as string[];
      const entries = stores.flatMap((s) => Array.from({ length: 7 }, (_, d) => ({ s, key: `2026-12-0${d + 1}T00:00:00Z` })));
      return {
        entries,
        wrap: (page) => {
          const result: Record<string, Record<string, unknown>> = {};
          for (const e of page as typeof entries) (result[e.s] ??= {})[e.key] = { store_uuid: e.s, effective_day: e.key, open: e.key, close: e.key };
          return { result };
        },
      };
    });
    const stores = Array.from({ length: 100 }, (_, i) => `store-${i}`);
    const hours = await rn.storeHours(stores, '2026-12-01', '2026-12-07');
    expect(hours).toHaveLength(700);
    expect(new Set(hours.map((h) => `${h.store_uuid}|${h.effective_day}`)).size).toBe(700);
  });

  it('predicted traffic (a week of 15-minute steps is 672 entries)', async () => {
    const rn = await pagingServer(100, () => ({ entries: Array.from({ length: 672 }, (_, i) => ({ time: new Date(Date.UTC(2026, 11, 7) + i * 900_000).toISOString(), value: i })), wrap: (predictions) => ({ ok: true, error: '', predictions }) }));
    const p = await rn.predictedTraffic('s', '2026-12-07', '2026-12-13');
    expect(p).toHaveLength(672);
    expect(p.at(-1)?.value).toBe(671);
  });

  it('a 206 without X-Page-Next is not taken as the end: bad_response, nothing half-read', async () => {
    const rn = await pagingServer(100, () => ({ entries: Array.from({ length: 150 }, (_, i) => alert(i)), wrap: (result) => ({ result }) }), { forgetNext: true });
    await expect(rn.healthAlerts()).rejects.toMatchObject({ code: 'bad_response', message: expect.stringContaining('said more results exist but not where they start') });
  });
});
