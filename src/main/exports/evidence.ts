import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EvidenceRecord } from '../../shared/exports/types';
import { exportStem, insideFolder } from './fileNames';

/** Who is running the console, as the OS knows them. */
export function osUserName(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

export const sidecarSuffix = '.evidence.json';

/**
 * Moves the finished partial file to its final name without ever replacing a file: the name gets
 * " (2)", " (3)"... until both the video and its sidecar are free. link() fails on an existing name,
 * so two downloads finishing at once cannot take the same one.
 */
export function placeFinishedFile(partPath: string, folder: string, stemInput: Parameters<typeof exportStem>[0], extension: string): { filePath: string; sidecarPath: string; fileName: string } {
  const stem = exportStem(stemInput);
  for (let n = 1; n < 1000; n++) {
    const fileName = `${stem}${n === 1 ? '' : ` (${n})`}.${extension}`;
    const filePath = insideFolder(folder, fileName);
    const sidecarPath = insideFolder(folder, fileName + sidecarSuffix);
    if (fs.existsSync(sidecarPath)) continue;
    try {
      fs.linkSync(partPath, filePath);
      fs.unlinkSync(partPath);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'EEXIST') continue;
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV') {
        // file systems without hard links: copy exclusively, then drop the partial
        try {
          fs.copyFileSync(partPath, filePath, fs.constants.COPYFILE_EXCL);
        } catch (e2) {
          if ((e2 as { code?: string }).code === 'EEXIST') continue;
          throw e2;
        }
        fs.unlinkSync(partPath);
      } else {
        throw e;
      }
    }
    return { filePath, sidecarPath, fileName };
  }
  throw new Error('no free file name in the export folder');
}

/** The sidecar: the evidence record as JSON beside the video, never overwriting anything. */
export function writeSidecar(record: EvidenceRecord): void {
  const body = {
    kind: 'Retail Ops Console video evidence record',
    version: 1,
    file: path.basename(record.filePath),
    sha256: record.sha256,
    size: record.size,
    exportId: record.exportId,
    who: record.who,
    when: record.when,
    store: { uuid: record.storeUuid, name: record.storeName, timeZone: record.timeZone },
    channels: record.channels,
    requestedRange: record.requestedRange,
  };
  fs.writeFileSync(record.sidecarPath, `${JSON.stringify(body, null, 2)}\n`, { flag: 'wx' });
}

/** The hash a sidecar states, or null when it is missing or unreadable. */
export function sidecarHash(sidecarPath: string): string | null {
  try {
    const v = JSON.parse(fs.readFileSync(sidecarPath, 'utf8')) as { sha256?: unknown };
    return typeof v.sha256 === 'string' ? v.sha256 : null;
  } catch {
    return null;
  }
}
