import type { connectionCalls } from '../../shared/connections/contract';
import type { CoreContext } from '../core/context';
import type { HandlersFor } from '../core/handlers';
import type { ConnectionsService } from './service';

export function connectionHandlers(_ctx: CoreContext, connections: ConnectionsService): HandlersFor<typeof connectionCalls> {
  return {
    'connections.list': async () => connections.list(),
    'connections.save': async (input) => connections.save(input),
    'connections.remove': async ({ id }) => {
      await connections.remove(id);
      return { removed: true as const };
    },
    'connections.test': async ({ id }, { signal }) => connections.test(id, { signal }),
  };
}
