import type { exportCalls } from '../../shared/exports/contract';
import type { HandlersFor } from '../core/handlers';
import type { VideoSourcesService } from '../video/sources';
import type { ExportsService } from './service';

export function exportHandlers(deps: { sources: VideoSourcesService; service: ExportsService }): HandlersFor<typeof exportCalls> {
  const { sources, service } = deps;
  return {
    'exports.sources': async ({ connectionId, refresh }, { signal }) => sources.get(connectionId, refresh, signal),
    'exports.settings': async () => service.settings(),
    'exports.chooseFolder': () => service.chooseFolder(),
    'exports.startPreview': (input, { signal }) => service.startPreview(input, signal),
    'exports.confirm': ({ previewId }, { signal }) => service.confirm(previewId, signal),
    'exports.list': async () => service.list(),
    'exports.cancel': ({ id }) => service.cancel(id),
    'exports.resume': async ({ id }) => service.resume(id),
    'exports.retryPreview': async ({ id }) => service.retryPreview(id),
    'exports.deletePreview': async ({ id }) => service.deletePreview(id),
    'exports.verify': ({ id }) => service.verify(id),
    'exports.preview': async ({ id }) => service.preview(id),
    'exports.open': ({ id, target }) => service.open(id, target),
  };
}
