import { z } from 'zod';
import { call, event } from '../contract/define';
import type { ClipPreview, ExportJobView, ExportProgress, ExportSettings, ExportWritePreview, OpenResult, VerifyResult, VideoSources } from './types';

const connectionId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Unknown connection id.');
const jobId = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Unknown export.') }).strict();
const uuidLike = z.string().trim().min(1).max(128).regex(/^[A-Za-z0-9_.:-]+$/, 'Not a valid identifier.');
const utcInstant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, 'Times are sent in UTC, e.g. 2026-04-19T10:00:00Z.');

export const exportStartInput = z
  .object({
    connectionId,
    storeUuid: uuidLike,
    /** '' for cameras that record without an appliance (Aurora). */
    applianceId: z.string().trim().max(128).regex(/^[A-Za-z0-9_.:-]*$/, 'Not a valid appliance id.'),
    channels: z.array(uuidLike).min(1, 'Choose at least one camera.').max(16, 'An export takes at most 16 cameras.'),
    start: utcInstant,
    end: utcInstant,
    analyticsOverlay: z.boolean().default(false),
    infoOverlay: z.boolean().default(false),
    raw: z.boolean().default(false),
    resolution: z.string().regex(/^\d{2,4}x\d{2,4}$/, 'A resolution looks like 1024x768.').nullable().default(null),
    /** Where the file goes; default: the console's export folder. */
    folder: z.string().trim().min(1).max(1024).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (new Set(v.channels).size !== v.channels.length) ctx.addIssue({ code: 'custom', message: 'A camera is listed twice.', path: ['channels'] });
    if (Date.parse(v.end) <= Date.parse(v.start)) ctx.addIssue({ code: 'custom', message: 'The end must come after the start.', path: ['end'] });
  });

export const exportCalls = {
  'exports.sources': call<VideoSources>()(
    z.object({ connectionId, refresh: z.boolean().default(false) }).strict(),
    'Stores, their appliances and video channels of a RetailNext connection (read from the vendor, kept a few minutes).',
  ),
  'exports.settings': call<ExportSettings>()(z.object({}).strict(), 'The default export folder and what this shell can do (folder picker, open files).'),
  'exports.chooseFolder': call<{ folder: string | null }>()(z.object({}).strict(), 'Asks for a folder with the native dialog (desktop shell only).'),
  'exports.startPreview': call<ExportWritePreview>()(
    exportStartInput,
    'What starting this export would create at RetailNext (store, cameras, range, format, folder); nothing is sent. Confirm it with exports.confirm.',
  ),
  'exports.confirm': call<ExportJobView>()(
    z.object({ previewId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'Unknown preview: preview the export again.') }).strict(),
    'Sends a previewed start, retry or delete once: recorded in the change log before it is sent and completed with RetailNext\'s answer. A start then is followed and downloaded into the folder; one that failed stays in the list as failed, with its cause.',
  ),
  'exports.list': call<ExportJobView[]>()(z.object({}).strict(), 'Every export of this console, newest first, with its state and evidence record.'),
  'exports.cancel': call<ExportJobView>()(jobId, 'Stops following or downloading an export; a partial download is kept for Resume.'),
  'exports.resume': call<ExportJobView>()(jobId, 'Continues an interrupted or cancelled download where it stopped (HTTP Range), or follows the export again.'),
  'exports.retryPreview': call<ExportWritePreview>()(jobId, 'What asking RetailNext for the same export again would do (after it failed or expired); nothing is sent. Confirm it with exports.confirm.'),
  'exports.deletePreview': call<ExportWritePreview>()(jobId, 'What deleting the export task at RetailNext would do, and what stays on this computer; nothing is sent. Confirm it with exports.confirm.'),
  'exports.verify': call<VerifyResult>()(jobId, 'Hashes the downloaded file again and says whether it still matches its evidence record.'),
  'exports.preview': call<ClipPreview>()(jobId, 'An address on the console\'s own origin that plays the downloaded file in the export\'s detail (HTTP Range, so the player seeks).'),
  'exports.open': call<OpenResult>()(
    z.object({ id: jobId.shape.id, target: z.enum(['file', 'folder']) }).strict(),
    'Opens the downloaded file, or shows it in its folder (desktop shell only; browser mode gives the path).',
  ),
} as const;

export const exportEvents = {
  'exports.changed': event<ExportJobView>('An export changed state (started, ready, downloading, done, failed...).'),
  'exports.progress': event<ExportProgress>('Download progress of an export (a few times a second).'),
} as const;
