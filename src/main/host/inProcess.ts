import { fail } from '../../shared/contract/errors';
import type { Core } from '../compose';
import { mediaBasePath } from '../live/httpMedia';
import type { MediaRequest, MediaResponse } from '../live/service';
import type { Duplex } from 'node:stream';
import type { Logger } from '../log/logger';
import { pageServer } from './pageSocket';
import type { PageHandoff } from './protocol';

/** What a shell needs of the core, wherever it runs: answers and events as JSON text, a clip preview's media. */
export interface CoreClient {
  call(name: string, input: unknown): { id: number; result: Promise<string> };
  cancel(id: number): void;
  /** The events named, as JSON text. */
  onEvent(names: readonly string[], listener: (json: string) => void): () => void;
  handle(req: MediaRequest): Promise<MediaResponse>;
}

/** A core running in this very process, seen as a CoreClient (component tests of the shells). */
export function inProcessClient(core: Core): CoreClient {
  core.media.expose(mediaBasePath);
  let nextId = 1;
  const open = new Map<number, { settle: (json: string) => void; controller: AbortController }>();
  const client: CoreClient = {
    call(name, input) {
      const id = nextId++;
      const controller = new AbortController();
      const result = new Promise<string>((resolve) => {
        open.set(id, { settle: resolve, controller });
        void core.answer(name, input, controller.signal).then((json) => {
          open.delete(id);
          resolve(json);
        });
      });
      return { id, result };
    },
    cancel(id) {
      const call = open.get(id);
      open.delete(id);
      call?.controller.abort();
      call?.settle(JSON.stringify(fail('cancelled', 'The request was cancelled.')));
    },
    onEvent: (names, listener) => core.subscribe((event, payload) => void (names.includes(event) && listener(JSON.stringify({ event, payload })))),
    handle: (req) => core.media.handle(req),
  };
  return client;
}

/** What browser mode's server needs of the core: a home for each page's socket, and a clip preview's media (CoreHost is one). */
export interface PageHost {
  /** Completes the page's WebSocket handshake and serves it (in the core's process, for a CoreHost). */
  takePage(page: PageHandoff, socket: Duplex): void;
  closePages(): void;
  handle(req: MediaRequest): Promise<MediaResponse>;
}

/** A core running in this very process, as browser mode's server sees it (component tests): the same page serving as the core's process. */
export function inProcessPages(core: Core, log: Logger): PageHost {
  core.media.expose(mediaBasePath);
  const pages = pageServer(core, log);
  return {
    takePage: (page, socket) => pages.accept(page, socket),
    closePages: () => pages.closeAll(),
    handle: (req) => core.media.handle(req),
  };
}
