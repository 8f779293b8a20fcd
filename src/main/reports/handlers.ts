import fs from 'node:fs/promises';
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
      const file = path.join(dir, path.basename(fileName));
      await savePdf(file, bytes);
      ctx.shell.showItemInFolder?.(file);
      return { saved: true, path: file };
    },
  };
}

/** Writes the PDF off the core's loop (a PDF of many pages is megabytes); a failure in words, no half file left. */
async function savePdf(file: string, bytes: Buffer): Promise<void> {
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, bytes);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    await fs.rm(file, { force: true }).catch(() => undefined);
    if (code === 'ENOSPC' || code === 'EDQUOT') throw new AppError('disk_full', 'The disk is full: the PDF was not saved. Free some space and export it again.');
    throw new AppError('internal', `The PDF could not be saved in ${path.dirname(file)}.`, e instanceof Error ? e.message : String(e));
  }
}
