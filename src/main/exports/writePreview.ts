import { cameraLabel } from '../../shared/exports/cameraNames';
import { exportRange } from '../../shared/exports/describe';
import type { ExportRequest, ExportWritePreview } from '../../shared/exports/types';
import { pluralWord } from '../../shared/text/plural';
import { formatMb } from './download';
import type { Job } from './jobStore';

type Lines = ExportWritePreview['lines'];

/** The query RetailNext receives to start this export, as the change log keeps it (never a credential). */
export function startBody(r: ExportRequest): Record<string, unknown> {
  return {
    store_uuid: r.storeUuid,
    channel: r.channels.map((c) => c.uuid),
    start: r.start,
    end: r.end,
    ...(r.resolution ? { resolution: r.resolution } : {}),
    analytics_overlay: r.analyticsOverlay ? 1 : 0,
    info_overlay: r.infoOverlay ? 1 : 0,
    raw: r.raw ? 1 : 0,
  };
}

/** What a start (or a retry) creates at RetailNext, and where the file will go. */
export function startLines(r: ExportRequest, folder: string): Lines {
  const overlays = [r.analyticsOverlay ? 'analytics (tracks, lines, zones)' : null, r.infoOverlay ? 'camera name and time' : null].filter(Boolean);
  return [
    { label: 'Store', value: r.storeName },
    { label: pluralWord(r.channels.length, 'Camera'), value: r.channels.map((c) => cameraLabel(c, c.nameShared === true)).join(', ') },
    { label: 'Time range', value: `${exportRange(r)} (store time, ${r.timeZone})` },
    { label: 'Format', value: `${r.raw ? 'Raw video (.mkv, much larger; for troubleshooting)' : 'MP4'}${r.resolution ? `, ${r.resolution}` : ''}${overlays.length ? `, overlays: ${overlays.join(' and ')}` : ', no overlays'}` },
    { label: 'Saved into', value: folder },
  ];
}

/** What deleting the export's task at RetailNext removes there, and what stays on this computer. */
export function deleteLines(job: Job): { lines: Lines; notes: string[] } {
  const here =
    job.state === 'done' && job.filePath
      ? `The downloaded file stays: ${job.filePath} (with its evidence record)`
      : job.bytesDone > 0
        ? `Nothing finished; the ${formatMb(job.bytesDone)} already downloaded can no longer be resumed`
        : 'Nothing was downloaded yet';
  const lines: Lines = [
    { label: 'At RetailNext', value: `The export task ${job.exportId ?? ''} is deleted: it can no longer be downloaded from RetailNext` },
    { label: 'On this computer', value: here },
  ];
  const notes = job.state === 'done' ? [] : ['Retry asks RetailNext to make the export again afterwards.'];
  if (job.state === 'in_progress' || job.state === 'ready' || job.state === 'downloading') notes.unshift('The console stops following this export first.');
  return { lines, notes };
}
