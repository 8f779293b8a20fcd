import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { DemoCredentials } from '../credentials';
import { HttpError, type Vendor } from './errors';

function same(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export interface SimAuth {
  /** HTTP basic auth with the subscription's access key and secret key */
  retailnext(req: IncomingMessage, subscription: string | undefined): boolean;
  /** X-Secret-Key */
  flow(req: IncomingMessage): boolean;
  /** Authorization: <key> (a "Bearer " prefix is tolerated: the docs mention OAuth 2.0) */
  exteros(req: IncomingMessage): boolean;
  /** Throw the vendor's 401 unless the request carries its credentials. */
  check(vendor: Vendor, req: IncomingMessage, subscription: string | undefined): void;
  knownSubscription(subscription: string | undefined): boolean;
}

export function createAuth(creds: DemoCredentials): SimAuth {
  const auth: SimAuth = {
    knownSubscription: (sub) => sub === creds.retailnext.subscription,
    retailnext(req, subscription) {
      if (subscription !== creds.retailnext.subscription) return false;
      const h = header(req, 'authorization');
      if (!h || !/^basic /i.test(h)) return false;
      const decoded = Buffer.from(h.slice(6).trim(), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return false;
      return same(decoded.slice(0, colon), creds.retailnext.accessKey) && same(decoded.slice(colon + 1), creds.retailnext.secretKey);
    },
    flow(req) {
      const key = header(req, 'x-secret-key');
      return key !== undefined && same(key, creds.flow.apiKey);
    },
    exteros(req) {
      const h = header(req, 'authorization');
      if (!h) return false;
      const key = h.replace(/^bearer\s+/i, '').trim();
      return same(key, creds.exteros.apiKey);
    },
    check(vendor, req, subscription) {
      if (vendor === 'retailnext') {
        if (!auth.retailnext(req, subscription)) {
          throw new HttpError(401, 'Unauthorized: invalid access key or secret key', { 'WWW-Authenticate': 'Basic realm="RetailNext API"' });
        }
      } else if (vendor === 'flow') {
        if (!auth.flow(req)) throw new HttpError(401, 'Authentication error: check the API key (X-Secret-Key) and the request format');
      } else if (vendor === 'exteros') {
        if (!auth.exteros(req)) throw new HttpError(401, 'Your API key is wrong.');
      }
    },
  };
  return auth;
}
