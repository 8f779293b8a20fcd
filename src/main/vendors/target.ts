import { vendorLabels, type ConnectionView, type Vendor } from '../../shared/connections/types';
import { AppError } from '../../shared/contract/errors';
import type { HttpTiming } from './http/client';
import type { HttpPools } from './http/pools';

/** Where and how to reach one connection's vendor account: base address and credential headers. */
export interface VendorTarget {
  vendor: Vendor;
  label: string;
  /** No trailing slash; the documented paths are appended (RetailNext `/v1/location`, Flow `/kpis/hourly`). */
  baseUrl: string;
  auth: Record<string, string>;
  /** Prefix of concurrency-limit keys: one account of one vendor. */
  limitScope: string;
  connection: ConnectionView;
  /** Deadlines, retries and answer size for every request to this target (the layer's defaults otherwise). */
  timing?: HttpTiming;
  /** The core's shared concurrency limits and connection pools. */
  http: HttpPools;
  /** Counts every request sent to this target, pages, retries and redirects included (a sync run's record). */
  counter?: { requests: number };
}

export function defaultBaseUrl(conn: ConnectionView): string {
  switch (conn.vendor) {
    case 'retailnext':
      return `https://${conn.settings.subscription}.api.retailnext.net`;
    case 'flow':
      return 'https://reporting-api.flow-insight.com/rest';
    case 'exteros':
      return 'https://api.exteros.com';
  }
}

export function vendorTarget(conn: ConnectionView, secret: string, http: HttpPools): VendorTarget {
  if (!secret) throw new AppError('auth_failed', `No key is saved for the ${vendorLabels[conn.vendor]} connection "${conn.name}". Add it in the connection settings.`);
  const baseUrl = (conn.baseUrl ?? defaultBaseUrl(conn)).replace(/\/+$/, '');
  const label = vendorLabels[conn.vendor];
  switch (conn.vendor) {
    case 'retailnext': {
      const basic = Buffer.from(`${conn.settings.accessKey}:${secret}`, 'utf8').toString('base64');
      return { vendor: 'retailnext', label, baseUrl, auth: { authorization: `Basic ${basic}` }, limitScope: `retailnext:${baseUrl}`, connection: conn, http };
    }
    case 'flow':
      return {
        vendor: 'flow',
        label,
        baseUrl,
        auth: { 'x-secret-key': secret },
        limitScope: `flow:${baseUrl}:${fingerprint(secret)}`,
        connection: conn,
        http,
      };
    case 'exteros':
      return { vendor: 'exteros', label, baseUrl, auth: { authorization: secret }, limitScope: `exteros:${baseUrl}:${fingerprint(secret)}`, connection: conn, http };
  }
}

/** A short non-reversible tag so two keys on one host get separate limits without the key in memory maps. */
function fingerprint(secret: string): string {
  let h = 2166136261;
  for (let i = 0; i < secret.length; i++) h = Math.imul(h ^ secret.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}
