import { LoadStats, type HlsConfig, type Loader, type LoaderCallbacks, type LoaderConfiguration, type LoaderContext, type LoaderStats } from 'hls.js';
import { mediaBasePath, type MediaAnswer } from '../../../../shared/live/mediaFrame';

/** Asks the core for a path below the media base; `signal` aborts it (the core stops the vendor request). */
export type AskCoreMedia = (path: string, signal: AbortSignal) => Promise<MediaAnswer>;

/** The path below the media base of a player address ("/media/live/<session>/<channel>.m3u8" and its segments), or null. */
export function mediaPathOf(url: string, base = globalThis.location?.href ?? 'http://localhost/'): string | null {
  let u: URL;
  try {
    u = new URL(url, base);
  } catch {
    return null;
  }
  return u.pathname.startsWith(`${mediaBasePath}/`) ? u.pathname.slice(mediaBasePath.length) : null;
}

/**
 * An hls.js loader whose playlists and segments come from the core over the window's own link to it
 * (the desktop's MessagePort, browser mode's page socket), never through a shell's HTTP route: the
 * shell's loop serves windows and must not relay 16 tiles of video. Statuses are the core's (401/403
 * when RetailNext refuses the token, 502 when it cannot be reached), so the player's error handling
 * reads them as it read HTTP's; status 0 (the core cannot be asked) is a network error.
 */
export function coreLoader(source: AskCoreMedia): new (config: HlsConfig) => Loader<LoaderContext> {
  return class CoreMediaLoader implements Loader<LoaderContext> {
    context: LoaderContext | null = null;
    stats: LoaderStats = new LoadStats();
    private request: AbortController | null = null;
    private timer: ReturnType<typeof setTimeout> | undefined;
    private callbacks: LoaderCallbacks<LoaderContext> | null = null;

    load(context: LoaderContext, config: LoaderConfiguration, callbacks: LoaderCallbacks<LoaderContext>): void {
      this.context = context;
      this.callbacks = callbacks;
      this.stats = new LoadStats();
      this.stats.loading.start = performance.now();
      const request = new AbortController();
      this.request = request;
      const path = mediaPathOf(context.url);
      if (path === null) {
        queueMicrotask(() => !request.signal.aborted && callbacks.onError({ code: 0, text: 'not a console media address' }, context, null, this.stats));
        return;
      }
      const timeoutMs = config.loadPolicy?.maxLoadTimeMs || config.timeout;
      if (timeoutMs > 0 && Number.isFinite(timeoutMs)) {
        this.timer = setTimeout(() => {
          if (request.signal.aborted) return;
          request.abort();
          callbacks.onTimeout(this.stats, context, null);
        }, timeoutMs);
      }
      source(path, request.signal).then(
        (answer) => this.answered(request, context, callbacks, answer),
        () => this.answered(request, context, callbacks, { status: 0, headers: {}, body: new Uint8Array(0) }),
      );
    }

    abort(): void {
      if (!this.request || this.request.signal.aborted) return;
      this.request.abort();
      clearTimeout(this.timer);
      this.stats.aborted = true;
      if (this.context) this.callbacks?.onAbort?.(this.stats, this.context, null);
    }

    destroy(): void {
      this.request?.abort();
      clearTimeout(this.timer);
      this.request = null;
      this.callbacks = null;
      this.context = null;
    }

    private answered(request: AbortController, context: LoaderContext, callbacks: LoaderCallbacks<LoaderContext>, answer: MediaAnswer): void {
      // Given up (aborted, timed out, destroyed) or a newer load: nobody waits for this answer.
      if (request.signal.aborted || this.request !== request) return;
      clearTimeout(this.timer);
      const now = performance.now();
      const stats = this.stats;
      stats.loading.first = Math.max(stats.loading.start, now);
      stats.loading.end = now;
      if (answer.status < 200 || answer.status >= 300) {
        callbacks.onError({ code: answer.status, text: errorText(answer) }, context, null, stats);
        return;
      }
      const bytes = answer.body;
      stats.loaded = stats.total = bytes.byteLength;
      stats.chunkCount = 1;
      const data =
        context.responseType === 'arraybuffer'
          ? (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer)
          : new TextDecoder().decode(bytes);
      callbacks.onSuccess({ url: context.url, data: data as ArrayBuffer | string, code: answer.status }, stats, context, null);
    }
  };
}

function errorText(answer: MediaAnswer): string {
  if (answer.status === 0) return 'the console could not be asked for the stream';
  try {
    const { error } = JSON.parse(new TextDecoder().decode(answer.body)) as { error?: unknown };
    if (typeof error === 'string') return error;
  } catch {
    // not the core's JSON: the status says it
  }
  return `status ${answer.status}`;
}
