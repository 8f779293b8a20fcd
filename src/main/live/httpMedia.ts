import type http from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { mediaBasePath } from '../../shared/live/mediaFrame';
import type { MediaRoute } from './service';

export { mediaBasePath } from '../../shared/live/mediaFrame';

/**
 * What of the media route a shell still serves over HTTP: a downloaded clip's preview only. Live
 * playlists and segments go to the page over its own channel to the core (the hls.js loader), never
 * through the shell, whose loop serves the windows.
 */
export function servedByShell(pathBelowBase: string): boolean {
  return pathBelowBase.startsWith('/clips/');
}

/** The answer of a shell to a live media address (hls.js on an older page, a stray request). */
export const liveNotHere = 'Live video is not served here: the console plays it over its own connection to the core.';

/** Streams one media answer (a clip preview's bytes: servedByShell); the server's guard has already run. */
export function serveMedia(route: Pick<MediaRoute, 'handle'>, req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void {
  route
    .handle({ path: pathname.slice(mediaBasePath.length), method: req.method ?? 'GET', range: req.headers.range ?? null })
    .then((answer) => {
      res.writeHead(answer.status, { ...answer.headers, 'X-Content-Type-Options': 'nosniff', 'Cross-Origin-Resource-Policy': 'same-origin' });
      if (req.method === 'HEAD' || answer.body === null) return void res.end();
      if (answer.body instanceof Uint8Array) return void res.end(answer.body);
      const body = Readable.fromWeb(answer.body as NodeReadableStream<Uint8Array>);
      body.on('error', () => res.destroy());
      res.on('close', () => body.destroy());
      body.pipe(res);
    })
    .catch(() => {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end();
    });
}
