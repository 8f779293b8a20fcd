import { z } from 'zod';
import type { ConnectionView } from '../../shared/connections/types';
import { AppError } from '../../shared/contract/errors';
import { httpRequest, type HttpDeadlines } from './http/client';
import { parseAndValidate, parseJsonBody } from './http/validate';
import { vendorTarget } from './target';
import type { HttpPools } from './http/pools';
import { localDate } from './dates';

export interface TestConnectionOptions {
  signal?: AbortSignal;
  deadlines?: Partial<HttpDeadlines>;
  /** Injected clock for "today" (Flow); defaults to the machine's. */
  now?: () => Date;
}

/**
 * Calls one cheap endpoint with the given credentials and says what happened, or throws AppError
 * with the exact failure (auth_failed, offline, tls, timeout, vendor_error, bad_response).
 */
export async function testConnection(conn: ConnectionView, secret: string, http: HttpPools, opts: TestConnectionOptions = {}): Promise<{ latencyMs: number; summary: string }> {
  const target = vendorTarget(conn, secret, http);
  const common = {
    vendor: target.label,
    auth: target.auth,
    pools: http,
    signal: opts.signal,
    deadlines: { idleMs: 10_000, totalMs: 12_000, ...opts.deadlines },
    // A button click wants a quick, exact answer: one retry for a blip, no long backoff.
    backoff: { attempts: 2, baseMs: 200, capMs: 500, maxRetryAfterMs: 2_000 },
  } as const;
  const started = performance.now();
  const done = () => Math.round(performance.now() - started);

  switch (conn.vendor) {
    case 'retailnext': {
      const what = 'list locations';
      const res = await httpRequest({ ...common, what, method: 'GET', url: `${target.baseUrl}/v1/location`, headers: { 'x-page-length': '1' } });
      parseJsonBody(target.label, what, res.text);
      const more = res.status === 206 || res.headers.get('x-page-next') !== null;
      return { latencyMs: done(), summary: `RetailNext accepted the keys for subscription "${conn.settings.subscription}"${more ? ' and lists its locations' : ''}.` };
    }
    case 'flow': {
      const code = conn.settings.storeCodes[0];
      if (!code) throw new AppError('invalid_input', 'Add at least one Flow store code to test this connection.');
      const what = 'read hourly KPIs';
      const date = localDate(opts.now?.() ?? new Date());
      const res = await httpRequest({
        ...common,
        what,
        method: 'POST',
        url: `${target.baseUrl}/kpis/hourly`,
        headers: { 'accept-language': conn.settings.language || 'en' },
        json: { date, storeCodes: [code] },
      });
      const body = parseAndValidate(target.label, what, z.object({ data: z.array(z.unknown()) }), res.text);
      return { latencyMs: done(), summary: `Flow accepted the API key: ${body.data.length} hourly record${body.data.length === 1 ? '' : 's'} today for store ${code}.` };
    }
    case 'exteros': {
      const what = 'list locations';
      const res = await httpRequest({ ...common, what, method: 'GET', url: `${target.baseUrl}/v1/locations` });
      const body = parseAndValidate(target.label, what, z.array(z.unknown()), res.text);
      return { latencyMs: done(), summary: `Exteros accepted the API key: ${body.length} location${body.length === 1 ? '' : 's'}.` };
    }
  }
}
