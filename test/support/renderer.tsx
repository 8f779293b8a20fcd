import { setApiClient, type ApiClient } from '../../src/renderer/src/api/client';
import type { Core } from '../../src/main/compose';

/**
 * Wires the renderer's API client to a real core in this process: component tests exercise the
 * views against the real contract, SQLite and keychain, with only the transport left out. Answers
 * and events are copied as the transport copies them (structured clone): each answer is a new
 * object, as over a port or a socket, and a view never holds the core's own objects.
 */
export function useCoreForRenderer(core: Core, transport: { beforeAnswer?: (name: string, result: unknown) => Promise<void> | void } = {}): void {
  const client: ApiClient = {
    // beforeAnswer: a test holds an answer on its way back, as a slow transport or a busy lane would.
    call: (name, input, options) =>
      core.invoke(name, structuredClone(input), options?.signal).then(async (result) => {
        await transport.beforeAnswer?.(name, result);
        return structuredClone(result);
      }) as never,
    subscribe: (name, listener) => core.subscribe((event, payload) => (event as string) === name && listener(structuredClone(payload) as never)),
  };
  setApiClient(client);
}
