/**
 * What a media request asks the core for, and its answer: live video (live/, asked for by the page's
 * hls.js loader over its own channel to the core) and the preview of a downloaded clip
 * (exports/clipMedia.ts, served by the shells on the page's own origin).
 */
export interface MediaRequest {
  /** The path below the media base, e.g. /live/<session>/<channel>.m3u8 or /clips/<token>/<name> */
  path: string;
  method: string;
  /** The request's Range header (a clip's preview seeks with it; live media ignores it). */
  range?: string | null;
  /** Aborted when the asker gives the request up (hls.js aborted, the page went away): the vendor request stops. */
  signal?: AbortSignal;
}

export interface MediaResponse {
  status: number;
  headers: Record<string, string>;
  body: ReadableStream<Uint8Array> | Uint8Array | null;
}

/** The core's media: live video for the windows' own channels, and the files of clip previews for the shells. */
export interface MediaRoute {
  /** Where the page's media addresses lie ("/media" on its own origin). */
  expose(base: string): void;
  handle(req: MediaRequest): Promise<MediaResponse>;
  /** The file a clip preview's address stands for (a shell streams it itself), or null. */
  clipFile(pathBelowBase: string): string | null;
}
