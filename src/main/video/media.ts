/**
 * What the shells' media route asks the core for, and its answer: live video (live/) and the
 * preview of a downloaded clip (exports/clipMedia.ts) are served on the page's own origin alike.
 */
export interface MediaRequest {
  /** The path below the media base, e.g. /live/<session>/<channel>.m3u8 or /clips/<token>/<name> */
  path: string;
  method: string;
  /** The request's Range header (a clip's preview seeks with it; live media ignores it). */
  range?: string | null;
}

export interface MediaResponse {
  status: number;
  headers: Record<string, string>;
  body: ReadableStream<Uint8Array> | Uint8Array | null;
}
