import { setApiClient, type ApiClient } from '../../src/renderer/src/api/client';
import type { Core } from '../../src/main/compose';

/**
 * Wires the renderer's API client to a real core in this process: component tests exercise the
 * views against the real contract, SQLite and keychain, with only the transport left out. Answers
 * and events are copied as the transport copies them (structured clone): each answer is a new
 * object, as over a port or a socket, and a view never holds the core's own objects.
 */
export function useCoreForRenderer(core: Core): void {
  const client: ApiClient = {
    call: (name, input, options) => core.invoke(name, structuredClone(input), options?.signal).then((result) => structuredClone(result)) as never,
    subscribe: (name, listener) => core.subscribe((event, payload) => (event as string) === name && listener(structuredClone(payload) as never)),
  };
  setApiClient(client);
}
