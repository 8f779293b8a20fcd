import { fail } from '../../shared/contract/errors';
import type { Core } from '../compose';
import { mediaBasePath } from '../live/httpMedia';
import type { MediaRequest, MediaResponse } from '../live/service';
import type { AnswerEnd } from './coreHost';

/** What a shell needs of the core, wherever it runs: answers and events as JSON text, live media. */
export interface CoreClient {
  call(name: string, input: unknown): { id: number; result: Promise<string> };
  /** The same call, its long answer handed on in parts as they come (see CoreHost.callInParts). */
  callInParts(name: string, input: unknown, onPart: (part: string) => void): { id: number; result: Promise<AnswerEnd> };
  cancel(id: number): void;
  onEvent(listener: (json: string) => void): () => void;
  handle(req: MediaRequest): Promise<MediaResponse>;
}

/** A core running in this very process, seen as a CoreClient (component tests of the shells). */
export function inProcessClient(core: Core): CoreClient {
  core.media.expose(mediaBasePath);
  let nextId = 1;
  const open = new Map<number, { settle: (json: string) => void; controller: AbortController }>();
  const client: CoreClient = {
    // An answer made in this process is one string already: it comes whole.
    callInParts(name, input) {
      const { id, result } = client.call(name, input);
      return { id, result: result.then((json) => ({ json, whole: true })) };
    },
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
    onEvent: (listener) => core.subscribe((event, payload) => listener(JSON.stringify({ event, payload }))),
    handle: (req) => core.media.handle(req),
  };
  return client;
}
