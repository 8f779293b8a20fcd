/**
 * Real video files for exports, made with ffmpeg from test patterns: one tile per channel, a
 * drawbox-only overlay (no fonts needed). MP4 (H.264) normally; raw=1 gives uncompressed video in
 * Matroska (the doc warns raw exports are much larger): ~1 GB for 5 minutes of one channel, which is
 * the large-file mode for download benchmarks. Files are cached in the work dir by content key.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportSpec } from './exportRequest';

export const FRAME_RATE = 10;

export interface RenderedFile {
  path: string;
  size: number;
  key: string;
  contentType: string;
  extension: string;
}

/** What the file's bytes depend on (the clock time of the range does not show: no text overlay). */
export function renderKey(spec: ExportSpec): string {
  const parts = {
    v: 1,
    channels: spec.channels.map((c) => c.channel_uuid),
    d: spec.durationSec,
    w: spec.width,
    h: spec.height,
    a: spec.analyticsOverlay,
    i: spec.infoOverlay,
    raw: spec.raw,
  };
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

function grid(n: number): { cols: number; rows: number } {
  const cols = Math.ceil(Math.sqrt(n));
  return { cols, rows: Math.ceil(n / cols) };
}

export function ffmpegArgs(spec: ExportSpec, outPath: string): string[] {
  const n = spec.channels.length;
  const { cols, rows } = grid(n);
  const tileW = Math.max(32, Math.floor(spec.width / cols) & ~1);
  const tileH = Math.max(32, Math.floor(spec.height / rows) & ~1);
  const args = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y'];
  spec.channels.forEach(() => {
    args.push('-f', 'lavfi', '-i', `testsrc2=size=${tileW}x${tileH}:rate=${FRAME_RATE}`);
  });
  const filters: string[] = [];
  spec.channels.forEach((ch, i) => {
    // each channel its own tint, so tiles are told apart
    const hue = (parseInt(ch.channel_uuid.slice(0, 6), 16) % 360) | 0;
    filters.push(`[${i}:v]hue=h=${hue}[t${i}]`);
  });
  let last: string;
  if (n === 1) {
    last = 't0';
  } else {
    const layout = spec.channels.map((_, i) => `${(i % cols) * tileW}_${Math.floor(i / cols) * tileH}`).join('|');
    filters.push(`${spec.channels.map((_, i) => `[t${i}]`).join('')}xstack=inputs=${n}:layout=${layout}:fill=black[grid]`);
    last = 'grid';
  }
  const overlay: string[] = [];
  if (spec.infoOverlay) {
    // a dark caption bar with a marker that moves with time (no text: no font needed)
    overlay.push('drawbox=x=0:y=0:w=iw:h=ih/16:color=black@0.6:t=fill');
    overlay.push(`drawbox=x='mod(t*40,iw-ih/16)':y=0:w=ih/16:h=ih/16:color=yellow@0.9:t=fill`);
  }
  if (spec.analyticsOverlay) {
    // a traffic line and two zones
    overlay.push('drawbox=x=0:y=ih*0.7:w=iw:h=4:color=red@0.9:t=fill');
    overlay.push('drawbox=x=iw*0.1:y=ih*0.2:w=iw*0.3:h=ih*0.35:color=lime@0.9:t=3');
    overlay.push('drawbox=x=iw*0.55:y=ih*0.25:w=iw*0.3:h=ih*0.3:color=cyan@0.9:t=3');
  }
  overlay.push(`scale=${spec.width}:${spec.height}`, 'format=yuv420p');
  filters.push(`[${last}]${overlay.join(',')}[out]`);
  args.push('-filter_complex', filters.join(';'), '-map', '[out]', '-t', String(spec.durationSec));
  if (spec.raw) {
    args.push('-c:v', 'rawvideo', '-f', 'matroska', outPath);
  } else {
    args.push(
      '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p',
      '-g', String(FRAME_RATE * 2), '-movflags', '+faststart', '-f', 'mp4', outPath,
    );
  }
  return args;
}

export class ExportRenderer {
  private readonly inFlight = new Map<string, Promise<RenderedFile>>();
  private readonly children = new Set<ReturnType<typeof spawn>>();
  private readonly dir: string;
  private closed = false;

  constructor(workDir: string, private readonly ffmpegPath = 'ffmpeg') {
    this.dir = join(workDir, 'video-exports');
    mkdirSync(this.dir, { recursive: true });
  }

  /** The rendered file for a spec: reused when an identical export was rendered before. */
  render(spec: ExportSpec): Promise<RenderedFile> {
    const key = renderKey(spec);
    const extension = spec.raw ? 'mkv' : 'mp4';
    const contentType = spec.raw ? 'video/x-matroska' : 'video/mp4';
    const path = join(this.dir, `${key}.${extension}`);
    const existing = this.inFlight.get(key);
    if (existing) return existing;
    try {
      const size = statSync(path).size;
      if (size > 0) return Promise.resolve({ path, size, key, contentType, extension });
    } catch {
      // not rendered yet
    }
    const tmp = `${path}.part`;
    const job = new Promise<RenderedFile>((resolve, reject) => {
      if (this.closed) return reject(new Error('renderer closed'));
      const child = spawn(this.ffmpegPath, ffmpegArgs(spec, tmp), { stdio: ['ignore', 'ignore', 'pipe'] });
      this.children.add(child);
      let stderr = '';
      child.stderr?.on('data', (d: Buffer) => {
        if (stderr.length < 4000) stderr += d.toString();
      });
      child.on('error', (err) => {
        this.children.delete(child);
        reject(new Error(`ffmpeg could not start: ${err.message}`));
      });
      child.on('close', (code) => {
        this.children.delete(child);
        if (code !== 0) {
          rmSync(tmp, { force: true });
          reject(new Error(`ffmpeg exited with ${code}: ${stderr.trim().split('\n').pop() ?? ''}`));
          return;
        }
        // The simulator may have closed and removed its folder while ffmpeg finished: a failed
        // request then, never an uncaught error in the process.
        if (this.closed) return reject(new Error('renderer closed'));
        try {
          renameSync(tmp, path);
          resolve({ path, size: statSync(path).size, key, contentType, extension });
        } catch (e) {
          reject(new Error(`the rendered export could not be kept: ${e instanceof Error ? e.message : String(e)}`));
        }
      });
    }).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, job);
    return job;
  }

  close(): void {
    this.closed = true;
    for (const c of this.children) c.kill('SIGKILL');
    this.children.clear();
  }
}
