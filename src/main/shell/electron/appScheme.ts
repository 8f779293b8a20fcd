import fs from 'node:fs';
import { contentSecurityPolicy } from '../../../shared/security/csp';
import { liveNotHere, mediaBasePath, servedByShell } from '../../live/httpMedia';
import { contentTypeOf, rendererFile } from '../staticFiles';

/**
 * The desktop window's own origin: a custom privileged scheme serving the built renderer and the
 * core's media route (Electron's security guide: no file://, whose pages reach every file and
 * share one origin with them). A downloaded clip's preview is served on this same origin under
 * /media, as browser mode does: no CORS, no bypassCSP, and the page's CSP stays 'self'. Live video
 * is not: the page's hls.js loader takes it from the core over the window's own MessagePort.
 */
export const appScheme = 'roc-app';
export const appHost = 'console';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

/** A standard, secure scheme (an origin of its own, like https) that fetch and streamed media can use; nothing more. */
export const appSchemePrivileges = { standard: true, secure: true, supportFetchAPI: true, stream: true } as const;

export interface MediaAnswer {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | ReadableStream<Uint8Array> | null;
}

export interface AppSchemeSources {
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** The core's media route (a downloaded clip's preview; live media is refused here), when the core has one. */
  media?: (path: string, method: string, range: string | null) => Promise<MediaAnswer>;
  /** Development builds only: electron-vite's server, from which the renderer's files are taken. */
  devServer?: string;
}

const securityHeaders = { 'X-Content-Type-Options': 'nosniff', 'Cross-Origin-Resource-Policy': 'same-origin' };

/** The answer of the app scheme to one request (the shell hands it to protocol.handle). */
export async function answerAppRequest(request: { url: string; method: string; headers?: { get(name: string): string | null } }, sources: AppSchemeSources): Promise<Response> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return text(400, 'Bad address');
  }
  if (url.protocol !== `${appScheme}:` || url.host !== appHost) return text(404, 'Not found');
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers: { Allow: 'GET, HEAD' } });

  if (url.pathname.startsWith(`${mediaBasePath}/`)) {
    if (!sources.media) return text(404, 'Not found');
    if (!servedByShell(url.pathname.slice(mediaBasePath.length))) return text(404, liveNotHere);
    try {
      const answer = await sources.media(url.pathname.slice(mediaBasePath.length), request.method, request.headers?.get('range') ?? null);
      const body = request.method === 'HEAD' ? null : (answer.body as ConstructorParameters<typeof Response>[0]);
      return new Response(body, { status: answer.status, headers: { ...answer.headers, ...securityHeaders } });
    } catch {
      return text(502, 'The stream could not be read');
    }
  }

  const page = { 'Content-Security-Policy': contentSecurityPolicy, ...securityHeaders, 'Cache-Control': 'no-store' };
  if (sources.devServer) {
    const upstream = await fetch(new URL(`${url.pathname}${url.search}`, sources.devServer), { method: request.method });
    const headers = new Headers(upstream.headers);
    for (const [k, v] of Object.entries(page)) headers.set(k, v);
    return new Response(upstream.body, { status: upstream.status, headers });
  }
  const file = rendererFile(sources.rendererDir, url.pathname);
  if (!file) return text(400, 'Bad path');
  try {
    const body = await fs.promises.readFile(file);
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: { ...page, 'Content-Type': contentTypeOf(file) } });
  } catch {
    return text(404, 'Not found');
  }
}

function text(status: number, body: string): Response {
  return new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders } });
}
