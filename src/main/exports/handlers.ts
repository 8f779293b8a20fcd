import type { exportCalls } from '../../shared/exports/contract';
import type { ConnectionsService } from '../connections/service';
import type { CoreContext } from '../core/context';
import type { HandlersFor } from '../core/handlers';
import { ExportsService, type ExportsOptions } from './service';
import { VideoSourcesService } from './sources';

/** Builds the export services once per core; the live wall reuses the same source list. */
export function createExports(ctx: CoreContext, connections: ConnectionsService, options: ExportsOptions = {}): { sources: VideoSourcesService; service: ExportsService } {
  const sources = new VideoSourcesService(ctx, connections);
  return { sources, service: new ExportsService(ctx, connections, sources, options) };
}

export function exportHandlers(deps: { sources: VideoSourcesService; service: ExportsService }): HandlersFor<typeof exportCalls> {
  const { sources, service } = deps;
  return {
    'exports.sources': async ({ connectionId, refresh }) => sources.get(connectionId, refresh),
    'exports.settings': async () => service.settings(),
    'exports.chooseFolder': () => service.chooseFolder(),
    'exports.start': (input) => service.start(input),
    'exports.list': async () => service.list(),
    'exports.cancel': ({ id }) => service.cancel(id),
    'exports.resume': async ({ id }) => service.resume(id),
    'exports.retry': ({ id }) => service.retry(id),
    'exports.deleteRemote': ({ id }) => service.deleteRemote(id),
    'exports.verify': ({ id }) => service.verify(id),
    'exports.open': ({ id, target }) => service.open(id, target),
  };
}
