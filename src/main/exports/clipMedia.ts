import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { MediaRequest, MediaResponse } from '../video/media';
import { plain, serveFile } from '../video/fileMedia';

export { parseRange } from '../video/fileMedia';

const maxClips = 64;
/** What a shell tells the player for an address it cannot locate. */
export const unknownClip = 'this preview is unknown or closed; press Preview again';

/**
 * Downloaded exports played in the console: each preview gets an unguessable address under the
 * media route of the page's own origin, which serves the file from disk with HTTP Range, so the
 * player (a plain <video src>) can seek. Only files the console downloaded are served, by a token
 * only the exports.preview call hands out. The shell serves it: it asks the core once per request
 * which file an address is (locate), then streams the file itself (video/fileMedia.ts), so no
 * chunk of it is relayed between the processes.
 */
export class ClipMedia {
  private readonly clips = new Map<string, { file: string; at: number }>();
  private base: string | null = null;

  expose(base: string): void {
    this.base = base.replace(/\/+$/, '');
  }

  /** The address of a file for the player, or null when this console has no media route. */
  register(file: string): string | null {
    if (this.base === null) return null;
    const token = randomBytes(18).toString('base64url');
    this.clips.set(token, { file, at: Date.now() });
    while (this.clips.size > maxClips) this.clips.delete(this.clips.keys().next().value!);
    const ext = path.extname(file).slice(1).toLowerCase() || 'mp4';
    return `${this.base}/clips/${token}/clip.${ext}`;
  }

  /** The file an address below the media base stands for, or null when no preview has it. */
  locate(pathBelowBase: string): string | null {
    const m = /^\/clips\/([A-Za-z0-9_-]{16,64})\/clip\.[a-z0-9]{1,5}$/.exec(pathBelowBase);
    return (m && this.clips.get(m[1]!)?.file) ?? null;
  }

  async handle(req: MediaRequest): Promise<MediaResponse> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(405, 'only GET');
    const file = this.locate(req.path);
    if (!file) return plain(404, unknownClip);
    return serveFile(file, req.method, req.range);
  }
}
