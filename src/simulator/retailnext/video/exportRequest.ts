/**
 * POST /v1/video/export/start parameters (query string, as in the doc's example; a form or JSON
 * body is accepted too): channel (repeatable, up to 16, one store appliance), start, end,
 * analytics_overlay, info_overlay, raw, resolution.
 */
import { cameraByDeviceId, estateIndex } from '../../estate/lookup';
import type { Channel, Estate } from '../../estate/types';
import { HttpError } from '../../http/errors';

export const MAX_CHANNELS = 16;
export const DEFAULT_MULTI_RESOLUTION = '1024x768';
export const SINGLE_RESOLUTION = '640x360';
/** An export longer than this is refused (rendering is real work). */
export const MAX_EXPORT_SECONDS = 3600;
/** Raw exports are uncompressed (~3.5 MB per second per channel): kept short. */
export const MAX_RAW_SECONDS = 600;

export interface ExportSpec {
  channels: Channel[];
  storeUuid: string;
  startMs: number;
  endMs: number;
  durationSec: number;
  width: number;
  height: number;
  analyticsOverlay: boolean;
  infoOverlay: boolean;
  raw: boolean;
}

export interface ExportParams {
  get(name: string): string | null;
  getAll(name: string): string[];
}

function bad(message: string): HttpError {
  return new HttpError(400, message);
}

function flag(params: ExportParams, name: string): boolean {
  const v = params.get(name);
  if (v === null || v === '' || v === '0' || v === 'false') return false;
  if (v === '1' || v === 'true') return true;
  throw bad(`"${name}" must be 0 or 1`);
}

function instant(params: ExportParams, name: string): number {
  const v = params.get(name);
  if (v === null || v === '') throw bad(`"${name}" is required (ISO 8601, yyyy-mm-ddThh:mm:ssZ)`);
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(v) ? Date.parse(v) : NaN;
  if (Number.isNaN(ms)) throw bad(`"${name}" must be ISO 8601 with a zone (yyyy-mm-ddThh:mm:ssZ), got "${v}"`);
  return ms;
}

export function parseExportRequest(estate: Estate, params: ExportParams): ExportSpec {
  const ids = params.getAll('channel').flatMap((c) => c.split(',')).map((c) => c.trim()).filter(Boolean);
  if (ids.length === 0) throw bad('"channel" is required (the UUID of a video channel)');
  if (ids.length > MAX_CHANNELS) throw bad(`at most ${MAX_CHANNELS} channels can be exported together`);
  if (new Set(ids).size !== ids.length) throw bad('a channel is listed twice');
  const idx = estateIndex(estate);
  const channels = ids.map((id) => {
    const ch = idx.channelsByUuid.get(id);
    if (!ch) throw new HttpError(404, `video channel ${id} not found`);
    return ch;
  });
  const storeUuid = channels[0]!.store_uuid;
  const applianceOf = (ch: Channel): string => cameraByDeviceId(estate, ch.camera_device_id)?.appliance_id ?? '';
  const appliance = applianceOf(channels[0]!);
  if (channels.some((ch) => ch.store_uuid !== storeUuid || applianceOf(ch) !== appliance)) {
    throw bad('all channels of one export must come from the same store appliance');
  }
  const startMs = instant(params, 'start');
  const endMs = instant(params, 'end');
  if (endMs <= startMs) throw bad('"end" must be after "start"');
  const durationSec = Math.ceil((endMs - startMs) / 1000);
  const raw = flag(params, 'raw');
  if (durationSec > MAX_EXPORT_SECONDS) throw bad(`an export can be at most ${MAX_EXPORT_SECONDS / 60} minutes long`);
  if (raw && durationSec > MAX_RAW_SECONDS) throw bad(`a raw export can be at most ${MAX_RAW_SECONDS / 60} minutes long`);
  let resolution = channels.length > 1 ? DEFAULT_MULTI_RESOLUTION : SINGLE_RESOLUTION;
  const asked = params.get('resolution');
  if (asked !== null && asked !== '' && channels.length > 1) resolution = asked;
  const m = /^(\d{2,4})x(\d{2,4})$/.exec(resolution);
  if (!m) throw bad(`"resolution" must look like 1024x768, got "${resolution}"`);
  const width = Number(m[1]) & ~1;
  const height = Number(m[2]) & ~1;
  if (width < 64 || height < 64 || width > 1920 || height > 1080) throw bad('"resolution" must be between 64x64 and 1920x1080');
  return {
    channels,
    storeUuid,
    startMs,
    endMs,
    durationSec,
    width,
    height,
    analyticsOverlay: flag(params, 'analytics_overlay'),
    infoOverlay: flag(params, 'info_overlay'),
    raw,
  };
}

/** Why the export cannot be produced (becomes a 424 on the status endpoint), or null. */
export function exportFailureReason(spec: ExportSpec, nowMs: number): string | null {
  for (const ch of spec.channels) {
    if (!ch.recording_enabled) return `recording is disabled on channel ${ch.channel_uuid} (${ch.name})`;
  }
  if (spec.endMs > nowMs) return 'the requested range ends in the future: no video has been recorded for it yet';
  for (const ch of spec.channels) {
    const days = ch.maximun_retention_days > 0 ? ch.maximun_retention_days : 30;
    if (spec.startMs < nowMs - days * 86_400_000) return `the requested range is older than the ${days}-day retention of channel ${ch.channel_uuid}`;
  }
  return null;
}
