import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestCore } from '../support/core';
import { tempDir } from '../support/temp';

// reports.exportPdf: the shell prints the window, the core writes the bytes in its data folder (fs.promises,
// off the core's loop); a folder that cannot be written or a full disk is said in words.
const pdf = Buffer.from('%PDF-1.4\n% a report page\n%%EOF\n');

function coreWithPrinter(dataDir = tempDir('roc-pdf-')) {
  const shown: string[] = [];
  const core = startTestCore({ dataDir, shellServices: { printToPdf: async () => pdf, showItemInFolder: (file) => void shown.push(file) } });
  return { core, dataDir, shown };
}

describe('reports.exportPdf', () => {
  it('writes the printed PDF in the data folder and shows it', async () => {
    const { core, dataDir, shown } = coreWithPrinter();
    const file = path.join(dataDir, 'reports', 'Traffic week.pdf');
    expect(await core.invoke('reports.exportPdf', { fileName: 'Traffic week.pdf' })).toEqual({ ok: true, value: { saved: true, path: file } });
    expect(fs.readFileSync(file)).toEqual(pdf);
    expect(shown).toEqual([file]);
  });

  it('a reports folder that cannot be made (a file stands in its place): said in words, nothing shown', async () => {
    const { core, dataDir, shown } = coreWithPrinter();
    fs.writeFileSync(path.join(dataDir, 'reports'), 'not a folder');
    const result = await core.invoke('reports.exportPdf', { fileName: 'Traffic week.pdf' });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: `The PDF could not be saved in ${path.join(dataDir, 'reports')}.` } });
    expect(result.ok ? '' : result.error.detail).toMatch(/EEXIST|ENOTDIR/);
    expect(shown).toEqual([]);
    expect(fs.readFileSync(path.join(dataDir, 'reports'), 'utf8')).toBe('not a folder');
  });

  it.skipIf(!fs.existsSync('/dev/full'))('a full disk (the file is /dev/full): said in words, no half file left', async () => {
    const { core, dataDir, shown } = coreWithPrinter();
    const file = path.join(dataDir, 'reports', 'Traffic week.pdf');
    fs.mkdirSync(path.dirname(file));
    fs.symlinkSync('/dev/full', file);
    expect(await core.invoke('reports.exportPdf', { fileName: 'Traffic week.pdf' })).toEqual({
      ok: false,
      error: { code: 'disk_full', message: 'The disk is full: the PDF was not saved. Free some space and export it again.' },
    });
    expect(fs.existsSync(file)).toBe(false);
    expect(shown).toEqual([]);
  });
});
