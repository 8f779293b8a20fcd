import type { Result } from './errors';

/**
 * Browser mode's wire format. Renderer -> core: a call, or the cancel of a call the page no longer
 * wants (its result comes back as "cancelled"), or a live media request (a path below the media
 * base) and its cancel; core -> renderer: a call's result, or an event, as text; a media answer
 * as one binary frame (live/mediaFrame.ts).
 */
export type ClientMessage = { id: number; call: string; input: unknown } | { cancel: number } | { media: number; path: string } | { mediaCancel: number };

export type ServerMessage = { id: number | null; result: Result<unknown> } | { event: string; payload: unknown };

export function parseClientMessage(text: string): ClientMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { id, call, input, cancel, media, path, mediaCancel } = value as Record<string, unknown>;
  if (typeof cancel === 'number' && Number.isSafeInteger(cancel)) return { cancel };
  if (typeof mediaCancel === 'number' && Number.isSafeInteger(mediaCancel)) return { mediaCancel };
  if (typeof media === 'number' && Number.isSafeInteger(media)) return typeof path === 'string' && path.length <= 2048 ? { media, path } : null;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || typeof call !== 'string') return null;
  return { id, call, input };
}
