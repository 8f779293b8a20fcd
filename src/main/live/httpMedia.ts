import type http from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { MediaRoute } from './service';

/** Live video goes through this path of the console's own origin (the page's CSP allows only 'self'). */
export const mediaBasePath = '/media';

/** Streams one media answer of the core (playlist, segment, or a clip's bytes); the server's guard has already run. */
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
