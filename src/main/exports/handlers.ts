import type { exportCalls } from '../../shared/exports/contract';
import type { HandlersFor } from '../core/handlers';
import type { VideoSourcesService } from '../video/sources';
import type { ExportsService } from './service';

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
    'exports.preview': async ({ id }) => service.preview(id),
    'exports.open': ({ id, target }) => service.open(id, target),
  };
}
