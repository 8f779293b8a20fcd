import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/contract/errors';
import type { LiveSession } from '../../shared/live/types';
import type { ConnectionsService } from '../connections/service';
import type { CoreContext } from '../core/context';
import type { RetailNextClient } from '../vendors/retailnext/client';
import { retailNextClient } from '../video/retailNextClient';
import type { MediaRequest, MediaResponse } from '../video/media';
import type { VideoSourcesService } from '../video/sources';
import { rewriteForProxy } from './playlist';

export type { MediaRequest, MediaResponse } from '../video/media';

interface Session {
  view: LiveSession;
  client: RetailNextClient;
  token: string;
  refreshing: Promise<string> | null;
  tokenFetches: number;
  channels: Set<string>;
  /** per channel: segment name -> vendor URL, from the latest playlist */
  segments: Map<string, Map<string, string>>;
  lastUsed: number;
}

const maxSessions = 64;
const upstreamTimeoutMs = 10_000;

/**
 * Live video: the core asks RetailNext for a store's stream token and serves the player's playlists
 * and segments itself, at addresses below the page's own media path that the page's hls.js loader
 * asks for over its own channel to the core (the desktop window's port, browser mode's page socket),
 * never through a shell; so the page's CSP stays `'self'` and neither the API secret nor the vendor's
 * token reaches the player. A 401/403 from the vendor gets one fresh token, then the player is told.
 * A request given up (its signal) stops its vendor request.
 */
export class LiveService {
  private readonly sessions = new Map<string, Session>();
  private base: string | null = null;

  constructor(
    private readonly ctx: CoreContext,
    private readonly connections: ConnectionsService,
    private readonly sources: VideoSourcesService,
  ) {}

  /** Called by a shell: where it serves handle() ("/media" on the page's own origin, in both shells). */
  expose(base: string): void {
    this.base = base.replace(/\/+$/, '');
  }

  /** `signal` is the call's: a cancelled open stops its requests and keeps no session. */
  async open(connectionId: string, storeUuid: string, signal?: AbortSignal): Promise<LiveSession> {
    if (this.base === null) throw new AppError('internal', 'This console has no media route, so live video cannot play here.');
    const store = await this.sources.store(connectionId, storeUuid, signal);
    if (!store) throw new AppError('not_found', 'This store is not in the RetailNext account any more (or has no video).');
    const client = await retailNextClient(this.connections, connectionId, signal);
    const token = await client.hlsToken(storeUuid, { signal });
    const sessionId = randomBytes(18).toString('base64url');
    const channels = store.appliances.flatMap((a) => a.channels);
    const view: LiveSession = {
      sessionId,
      connectionId,
      storeUuid,
      storeName: store.name,
      timeZone: store.timeZone,
      openedAt: this.ctx.now().toISOString(),
      channels: channels.map((c) => ({ uuid: c.uuid, name: c.name, applianceId: c.applianceId, url: `${this.base}/live/${sessionId}/${encodeURIComponent(c.uuid)}.m3u8` })),
    };
    this.sessions.set(sessionId, { view, client, token, refreshing: null, tokenFetches: 1, channels: new Set(channels.map((c) => c.uuid)), segments: new Map(), lastUsed: Date.now() });
    this.trim();
    return view;
  }

  close(sessionId: string): { closed: boolean } {
    return { closed: this.sessions.delete(sessionId) };
  }

  /** How many tokens a session asked for (1 + refreshes); for tests and diagnostics. */
  tokenFetches(sessionId: string): number {
    return this.sessions.get(sessionId)?.tokenFetches ?? 0;
  }

  async handle(req: MediaRequest): Promise<MediaResponse> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(405, 'only GET');
    const m = /^\/live\/([A-Za-z0-9_-]{8,64})\/([^/]+?)(?:\.m3u8|\/([^/]+))$/.exec(req.path);
    if (!m) return plain(404, 'no such media');
    const session = this.sessions.get(m[1]!);
    if (!session) return plain(401, 'this live session is unknown or closed; open the store again');
    let channel: string;
    let segment: string | undefined;
    try {
      channel = decodeURIComponent(m[2]!);
      segment = m[3] === undefined ? undefined : decodeURIComponent(m[3]);
    } catch {
      return plain(400, 'bad path');
    }
    if (!session.channels.has(channel)) return plain(403, 'this channel is not part of the live session');
    session.lastUsed = Date.now();
    return segment === undefined ? this.playlist(session, channel, req.signal) : this.segment(session, channel, segment, req.signal);
  }

  private async playlist(session: Session, channel: string, signal?: AbortSignal): Promise<MediaResponse> {
    let upstreamUrl = session.client.hlsStreamUrl(channel, session.token);
    let res = await upstream(upstreamUrl, signal);
    if (res.status === 401 || res.status === 403) {
      await drain(res);
      const token = await this.refresh(session).catch(() => null);
      if (!token) return plain(res.status, 'RetailNext refused the stream token and a fresh one could not be had');
      upstreamUrl = session.client.hlsStreamUrl(channel, token);
      res = await upstream(upstreamUrl, signal);
    }
    if (res.status === 0) return plain(502, 'RetailNext cannot be reached');
    if (res.status !== 200) {
      await drain(res);
      return plain(res.status === 401 || res.status === 403 || res.status === 404 ? res.status : 502, `RetailNext answered ${res.status}`);
    }
    const text = await res.text();
    const { text: rewritten, segments } = rewriteForProxy(text, upstreamUrl, channel);
    session.segments.set(channel, segments);
    return {
      status: 200,
      headers: { 'Content-Type': 'application/vnd.apple.mpegurl', 'Cache-Control': 'no-store' },
      body: new TextEncoder().encode(rewritten),
    };
  }

  private async segment(session: Session, channel: string, name: string, signal?: AbortSignal): Promise<MediaResponse> {
    const known = session.segments.get(channel)?.get(name);
    if (!known) return plain(404, 'segment not in the current playlist');
    const withToken = (token: string): string => {
      const u = new URL(known);
      if (u.searchParams.has('token')) u.searchParams.set('token', token);
      return u.toString();
    };
    let res = await upstream(withToken(session.token), signal);
    if (res.status === 401 || res.status === 403) {
      await drain(res);
      const token = await this.refresh(session).catch(() => null);
      if (!token) return plain(res.status, 'RetailNext refused the stream token');
      res = await upstream(withToken(token), signal);
    }
    if (res.status === 0) return plain(502, 'RetailNext cannot be reached');
    if (res.status !== 200 || !res.body) {
      await drain(res);
      return plain(res.status === 404 ? 404 : res.status === 401 || res.status === 403 ? res.status : 502, `RetailNext answered ${res.status}`);
    }
    const headers: Record<string, string> = { 'Content-Type': res.headers.get('content-type') ?? 'video/mp2t', 'Cache-Control': 'no-store' };
    const length = res.headers.get('content-length');
    if (length) headers['Content-Length'] = length;
    return { status: 200, headers, body: res.body };
  }

  /** One refresh at a time per session; concurrent players share it. */
  private refresh(session: Session): Promise<string> {
    session.refreshing ??= session.client
      .hlsToken(session.view.storeUuid)
      .then((token) => {
        session.token = token;
        session.tokenFetches++;
        return token;
      })
      .finally(() => setTimeout(() => (session.refreshing = null), 2000).unref());
    return session.refreshing;
  }

  private trim(): void {
    if (this.sessions.size <= maxSessions) return;
    const oldest = [...this.sessions.entries()].sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    for (const [id] of oldest.slice(0, this.sessions.size - maxSessions)) this.sessions.delete(id);
  }
}

async function upstream(url: string, given?: AbortSignal): Promise<Response> {
  const timeout = AbortSignal.timeout(upstreamTimeoutMs);
  try {
    return await fetch(url, { signal: given ? AbortSignal.any([given, timeout]) : timeout, redirect: 'follow', headers: { accept: '*/*' } });
  } catch {
    return fakeOffline();
  }
}

/** A stand-in for "no answer": status 0 is not constructible, so it is a flagged object. */
function fakeOffline(): Response {
  return { status: 0, body: null, headers: new Headers(), text: async () => '' } as unknown as Response;
}

async function drain(res: Response): Promise<void> {
  await res.body?.cancel().catch(() => undefined);
}

function plain(status: number, message: string): MediaResponse {
  return { status, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }, body: new TextEncoder().encode(JSON.stringify({ error: message })) };
}

export type { MediaRoute } from '../video/media';
