import Hls, { type ErrorData, type LevelLoadedData } from 'hls.js';
import type { TileState } from '../../../../shared/live/types';
import { api } from '../../api/client';
import { coreLoader, type AskCoreMedia } from './coreLoader';

export interface PlayerOptions {
  /** Without progress for this long, a tile is checked: frozen playlist = stalled, moving = buffering. */
  stallAfterMs?: number;
  onState(state: TileState, note: string): void;
  /** Where playlists and segments come from: the core, over the window's own link (the api client) unless told. */
  media?: AskCoreMedia;
}

/** One loader class for every tile: each hls.js instance makes its own loaders from it. */
const sharedLoader = coreLoader((path, signal) => api.media(path, signal));

/**
 * One live tile: hls.js with a capped back buffer and a watchdog. hls.js raises no fatal error when a
 * live stream stalls, so the watchdog watches the picture (currentTime) and the playlist (its last
 * segment number): no picture and a frozen playlist = a dead stream (stalled, reloaded with backoff);
 * no picture but a moving playlist = a slow one (buffering).
 */
export class TilePlayer {
  private hls: Hls | null = null;
  private state: TileState = 'connecting';
  private lastTime = -1;
  private lastProgressAt = Date.now();
  private lastEndSn = -1;
  private lastPlaylistMoveAt = Date.now();
  private targetDurationMs = 2000;
  private stalledAtSn: number | null = null;
  private reloadDelayMs = 2000;
  private nextReloadAt = 0;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private suspended = false;
  private readonly stallAfterMs: number;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly url: string,
    private readonly options: PlayerOptions,
  ) {
    this.stallAfterMs = options.stallAfterMs ?? 4000;
    video.muted = true;
    video.playsInline = true;
    video.addEventListener('playing', this.onPlaying);
  }

  start(): void {
    if (!Hls.isSupported()) {
      this.set('offline', 'this browser cannot play HLS (no Media Source Extensions)');
      return;
    }
    this.load();
    this.watchdog = setInterval(() => this.check(), 1000);
  }

  /** Off screen or hidden window: stop loading and decoding; back on: jump to the live edge. */
  setSuspended(suspended: boolean): void {
    if (suspended === this.suspended) return;
    this.suspended = suspended;
    if (suspended) {
      this.hls?.stopLoad();
      this.video.pause();
      if (this.state !== 'auth failed') this.set('paused', 'not visible: not loading');
    } else if (this.state !== 'auth failed') {
      this.lastProgressAt = Date.now();
      this.lastPlaylistMoveAt = Date.now();
      this.set('connecting', 'resuming at the live edge');
      this.reload();
    }
  }

  reload(): void {
    this.destroyHls();
    this.load();
  }

  destroy(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.video.removeEventListener('playing', this.onPlaying);
    this.destroyHls();
  }

  private load(): void {
    // A live tile needs a few seconds either side of the play head: 16 tiles each holding 10 s
    // behind and 8-16 s ahead kept ~190 s of video buffered across the wall for nothing.
    const hls = new Hls({
      backBufferLength: 4,
      maxBufferLength: 4,
      maxMaxBufferLength: 8,
      maxBufferSize: 4 * 1000 * 1000,
      liveSyncDurationCount: 2,
      liveMaxLatencyDurationCount: 6,
      manifestLoadingMaxRetry: 1,
      levelLoadingMaxRetry: 2,
      fragLoadingMaxRetry: 2,
      // a worker per tile costs its own heap; transmuxing 16 small live streams on the page is cheap
      enableWorker: false,
      // playlists and segments over the window's own link to the core, not through the shell (coreLoader.ts)
      loader: this.options.media ? coreLoader(this.options.media) : sharedLoader,
    });
    this.hls = hls;
    hls.on(Hls.Events.LEVEL_LOADED, (_e, data: LevelLoadedData) => {
      const details = data.details;
      this.targetDurationMs = Math.max(1000, details.targetduration * 1000);
      if (details.endSN !== this.lastEndSn) {
        this.lastEndSn = details.endSN as number;
        this.lastPlaylistMoveAt = Date.now();
      }
    });
    hls.on(Hls.Events.ERROR, (_e, data: ErrorData) => this.onError(data));
    hls.loadSource(this.url);
    hls.attachMedia(this.video);
    void this.video.play().catch(() => undefined);
  }

  private onError(data: ErrorData): void {
    const code = (data.response as { code?: number } | undefined)?.code;
    if ((code === 401 || code === 403) && (data.details === Hls.ErrorDetails.MANIFEST_LOAD_ERROR || data.details === Hls.ErrorDetails.LEVEL_LOAD_ERROR || data.fatal)) {
      this.destroyHls();
      this.set('auth failed', code === 401 ? 'the stream token was refused, even after a fresh one' : 'this token does not give access to this camera');
      return;
    }
    if (!data.fatal) return;
    if (data.type === Hls.ErrorTypes.MEDIA_ERROR) {
      this.hls?.recoverMediaError();
      return;
    }
    this.destroyHls();
    this.set('offline', code ? `the stream answered ${code}` : 'the stream cannot be reached');
    this.nextReloadAt = Date.now() + this.reloadDelayMs;
    this.reloadDelayMs = Math.min(this.reloadDelayMs * 2, 15_000);
  }

  private readonly onPlaying = (): void => {
    // after a stall, only a playlist that moved on counts as the stream being back
    if (this.stalledAtSn !== null && this.lastEndSn <= this.stalledAtSn) return;
    this.stalledAtSn = null;
    this.reloadDelayMs = 2000;
    this.lastProgressAt = Date.now();
    this.set('playing', 'live');
  };

  private check(): void {
    if (this.suspended || this.state === 'auth failed') return;
    const now = Date.now();
    if (!this.hls) {
      if (now >= this.nextReloadAt) this.load();
      return;
    }
    const t = this.video.currentTime;
    if (t !== this.lastTime && !this.video.paused) {
      this.lastTime = t;
      this.lastProgressAt = now;
      if (this.state !== 'playing' && (this.stalledAtSn === null || this.lastEndSn > this.stalledAtSn)) {
        this.stalledAtSn = null;
        this.set('playing', 'live');
      }
      return;
    }
    if (now - this.lastProgressAt < this.stallAfterMs) return;
    const playlistFrozen = now - this.lastPlaylistMoveAt > Math.max(2 * this.targetDurationMs, this.stallAfterMs);
    if (playlistFrozen) {
      if (this.state !== 'stalled') {
        this.stalledAtSn = this.lastEndSn;
        this.set('stalled', 'no new video from the camera; retrying');
        this.nextReloadAt = now + this.reloadDelayMs;
      } else if (now >= this.nextReloadAt) {
        this.reloadDelayMs = Math.min(this.reloadDelayMs * 2, 10_000);
        this.nextReloadAt = now + this.reloadDelayMs;
        this.reload();
      }
    } else if (this.state !== 'buffering' && this.state !== 'connecting') {
      this.set('buffering', 'the stream is slow: video arrives late');
    } else if (this.state === 'buffering' || this.state === 'connecting') {
      void this.video.play().catch(() => undefined);
    }
  }

  private destroyHls(): void {
    this.hls?.destroy();
    this.hls = null;
  }

  private set(state: TileState, note: string): void {
    this.state = state;
    this.options.onState(state, note);
  }
}
