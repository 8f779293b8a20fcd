import fs from 'node:fs';
import path from 'node:path';
import type { reportsCalls } from '../../shared/reports/contract';
import { AppError } from '../../shared/contract/errors';
import type { CoreContext } from '../core/context';
import type { HandlersFor } from '../core/handlers';
import { StoreDirectories } from './directory';
import { heatmap } from './heatmap';
import { fetchPredictions, predictionSources, type PredictionDeps } from './predictions';
import { reportTree, runReport } from './report';

/**
 * The reports calls. Wire with `...reportsHandlers(ctx, { connections, sources })`; without
 * `sources`, a prediction fetch reads its stores from `directories` here.
 */
export function reportsHandlers(ctx: CoreContext, deps: Omit<PredictionDeps, 'sources'> & Partial<PredictionDeps>, directories = new StoreDirectories(ctx.db)): HandlersFor<typeof reportsCalls> {
  const predictionDeps: PredictionDeps = { connections: deps.connections, sources: deps.sources ?? (async (nodeId) => predictionSources(directories.current(), nodeId)) };
  return {
    'reports.tree': async () => reportTree(directories.current()),
    'reports.run': async (q) => runReport(ctx.db, q, ctx.now(), directories.current()),
    'reports.heatmap': async (q) => heatmap(ctx.db, q.nodeId, q.from, q.to, directories.current()),
    'reports.fetchPredictions': async (q, { signal }) => fetchPredictions(ctx.db, predictionDeps, q.nodeId, q.days, ctx.now(), signal),
    'reports.exportPdf': async ({ fileName }) => {
      const print = ctx.shell.printToPdf;
      if (!print) return { saved: false, reason: 'Printing to PDF is done by the browser in browser mode.' };
      const dir = path.join(ctx.dataDir, 'reports');
      let bytes: Buffer;
      try {
        bytes = await print();
      } catch (e) {
        throw new AppError('internal', 'The report could not be printed to PDF.', e instanceof Error ? e.message : String(e));
      }
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, path.basename(fileName));
      fs.writeFileSync(file, bytes);
      ctx.shell.showItemInFolder?.(file);
      return { saved: true, path: file };
    },
  };
}
