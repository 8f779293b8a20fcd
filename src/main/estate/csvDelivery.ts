import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/contract/errors';
import type { CoreContext } from '../core/context';

export interface CsvDelivery {
  saved: boolean;
  path: string | null;
  fileName: string;
  csv: string | null;
  rows: number;
}

/**
 * Desktop: asks the user for a folder and writes the file there (never overwriting: a number is
 * added). Browser mode has no native dialog: the CSV goes back to the page, which downloads it.
 */
export async function deliverCsv(ctx: CoreContext, fileName: string, csv: string, rows: number): Promise<CsvDelivery> {
  if (!ctx.shell.chooseFolder) return { saved: false, path: null, fileName, csv, rows };
  return saveCsv(ctx, fileName, csv, rows);
}

/** Desktop: the folder dialog, then the file (a read worker hands the CSV as bytes: written as they are). */
export async function saveCsv(ctx: CoreContext, fileName: string, csv: string | Uint8Array, rows: number): Promise<CsvDelivery> {
  const choose = ctx.shell.chooseFolder;
  if (!choose) throw new AppError('internal', 'This console cannot save a file by itself.', 'saveCsv without a folder dialog');
  const folder = await choose({ title: 'Save the CSV in…' });
  if (!folder) return { saved: false, path: null, fileName, csv: null, rows };
  const ext = path.extname(fileName);
  const stem = fileName.slice(0, -ext.length);
  for (let n = 0; n < 1000; n++) {
    const file = path.join(folder, n === 0 ? fileName : `${stem} (${n})${ext}`);
    try {
      await fs.writeFile(file, csv, { flag: 'wx' });
      ctx.shell.showItemInFolder?.(file);
      return { saved: true, path: file, fileName: path.basename(file), csv: null, rows };
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'EEXIST') continue;
      if (code === 'ENOSPC') throw new AppError('disk_full', 'The disk is full: the CSV was not saved.');
      throw new AppError('internal', 'The CSV could not be written in that folder.', (e as Error).message);
    }
  }
  throw new AppError('conflict', 'That folder already has too many files of that name.');
}
