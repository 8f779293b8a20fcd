// RetailNext video stream: POST /v1/hlsapitoken, then /v1/hls/<channel>.m3u8?token=... (no API keys:
// players such as VLC open the URL as is). Live streams are ffmpeg processes started on demand,
// stopped when nobody has fetched them for a while, frozen by the stallLive fault.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cameraByDeviceId, estateIndex, findLocation, storesUnder } from '../estate/lookup';
import type { Channel, Estate } from '../estate/types';
import type { SimContext } from '../http/context';
import { HttpError } from '../http/errors';
import { isRecord, sendJson, sendText } from '../http/json';
import type { Router, SimRequest } from '../http/router';
import { LiveEncoder } from './liveEncoder';
import { rewritePlaylist } from './playlist';
import { TokenStore, type StreamToken } from './tokens';

/** An encoder nobody fetched for this long is stopped (override: RETAIL_SIM_HLS_IDLE_MS). */
export const DEFAULT_IDLE_MS = 30_000;
const SWEEP_MS = 1_000;

const CORS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
  'Access-Control-Allow-Headers': 'Range, Content-Type, Accept',
  'Access-Control-Expose-Headers': 'Content-Length, Content-Range, Content-Type',
  'Access-Control-Max-Age': '600',
};

function corsError(status: number, message: string): HttpError {
  return new HttpError(status, message, CORS);
}

/** Whether a token's location contains the channel: the store itself, a region above it, the whole subscription, or the sublocation its camera watches. */
export function locationContainsChannel(estate: Estate, locationUuid: string, channel: Channel): boolean {
  if (locationUuid === channel.store_uuid || locationUuid === estate.subscriptionUuid) return true;
  const loc = findLocation(estate, locationUuid);
  if (!loc) return false;
  if (loc.location_type === 'region') return storesUnder(estate, loc.uuid).some((s) => s.uuid === channel.store_uuid);
  if (loc.location_type === 'store') return false;
  return cameraByDeviceId(estate, channel.camera_device_id)?.sublocation_uuid === loc.uuid;
}

export function register(router: Router, ctx: SimContext): void {
  const tokens = new TokenStore(() => ctx.now().getTime());
  const encoders = new Map<string, LiveEncoder>();
  const idleMs = Number(process.env.RETAIL_SIM_HLS_IDLE_MS) > 0 ? Number(process.env.RETAIL_SIM_HLS_IDLE_MS) : DEFAULT_IDLE_MS;
  let closed = false;

  const stallTarget = (channelUuid: string) => ({ vendor: 'retailnext', routeName: 'hls.playlist', path: `/v1/hls/${channelUuid}.m3u8` });

  /** Apply stallLive (kill) or its clearing (restart) to one encoder. */
  const applyStall = (enc: LiveEncoder): void => {
    const stall = ctx.faults.isActive('stallLive', stallTarget(enc.channelUuid));
    if (stall && enc.running) {
      enc.stalled = true;
      void enc.stop('SIGKILL');
    } else if (!stall && enc.stalled && !closed) {
      enc.start();
    }
  };

  const sweeper = setInterval(() => {
    const now = Date.now();
    for (const enc of encoders.values()) {
      applyStall(enc);
      // SIGKILL, not SIGTERM: ffmpeg would end the playlist, and a player that sees #EXT-X-ENDLIST stops
      if (enc.running && now - enc.lastAccessMs > idleMs) void enc.stop('SIGKILL');
    }
  }, SWEEP_MS);
  sweeper.unref();

  ctx.onClose(async () => {
    closed = true;
    clearInterval(sweeper);
    await Promise.all([...encoders.values()].map((e) => e.stop('SIGKILL')));
  });

  const access = (r: SimRequest): { channel: Channel; token: StreamToken } => {
    const token = tokens.find(r.query.get('token'));
    if (!token) throw corsError(401, r.query.get('token') ? 'stream token is invalid or has expired' : 'a stream token is required (?token=)');
    const channelUuid = r.params.channel ?? '';
    const channel = estateIndex(ctx.estate).channelsByUuid.get(channelUuid);
    if (!channel) throw corsError(404, `video channel ${channelUuid} not found`);
    if (!locationContainsChannel(ctx.estate, token.locationUuid, channel)) {
      throw corsError(403, 'this stream token does not give access to this channel');
    }
    return { channel, token };
  };

  router.post('retailnext', '/v1/hlsapitoken', 'hls.token', async (r) => {
    const body = await r.json();
    const uuid = isRecord(body) ? body.location_uuid : undefined;
    if (typeof uuid !== 'string' || uuid === '') throw new HttpError(400, '"location_uuid" is required');
    if (uuid !== ctx.estate.subscriptionUuid && !findLocation(ctx.estate, uuid)) throw new HttpError(404, `location ${uuid} not found`);
    sendJson(r.res, 200, { token: tokens.issue(uuid).token });
  });

  const preflight = (r: SimRequest): void => {
    r.res.writeHead(204, CORS);
    r.res.end();
  };
  router.add({ method: 'OPTIONS', vendor: 'retailnext', path: '/v1/hls/:channel.m3u8', name: 'hls.preflight', auth: false, noFaults: true, handler: preflight });
  router.add({ method: 'OPTIONS', vendor: 'retailnext', path: '/v1/hls/:channel/:segment', name: 'hls.preflight', auth: false, noFaults: true, handler: preflight });

  router.get(
    'retailnext',
    '/v1/hls/:channel.m3u8',
    'hls.playlist',
    async (r) => {
      const { channel, token } = access(r);
      if (closed) throw corsError(503, 'simulator is closing');
      let enc = encoders.get(channel.channel_uuid);
      if (!enc) {
        enc = new LiveEncoder(ctx.workDir, channel.channel_uuid);
        encoders.set(channel.channel_uuid, enc);
      }
      enc.lastAccessMs = Date.now();
      applyStall(enc);
      if (!enc.running && !enc.stalled) enc.start();
      if (!(await enc.ready())) throw corsError(503, 'the live stream did not start in time; retry');
      const text = enc.readPlaylist() ?? '';
      sendText(r.res, 200, rewritePlaylist(text, channel.channel_uuid, token.token), {
        ...CORS,
        'Content-Type': 'application/vnd.apple.mpegurl',
        'Cache-Control': 'no-cache, no-store',
      });
    },
    { auth: false },
  );

  router.get(
    'retailnext',
    '/v1/hls/:channel/:segment',
    'hls.segment',
    (r) => {
      const { channel } = access(r);
      const name = r.params.segment ?? '';
      if (!/^seg\d+\.ts$/.test(name)) throw corsError(404, 'no such segment');
      const enc = encoders.get(channel.channel_uuid);
      const path = enc ? join(enc.dir, name) : '';
      if (!enc || !existsSync(path)) throw corsError(404, 'segment not found (it may have left the live window)');
      enc.lastAccessMs = Date.now();
      let data: Buffer;
      try {
        data = readFileSync(path);
      } catch {
        throw corsError(404, 'segment not found (it may have left the live window)');
      }
      sendText(r.res, 200, data, { ...CORS, 'Content-Type': 'video/mp2t', 'Cache-Control': 'max-age=60' });
    },
    { auth: false },
  );
}
