/**
 * One live HLS stream per channel, made by ffmpeg from a test pattern in real time (-re).
 * SIGKILL freezes the playlist where it is (a real stall: no #EXT-X-ENDLIST); a restart continues
 * the media sequence after the last segment and marks the discontinuity.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { playlistPosition } from './playlist';

export const PLAYLIST_NAME = 'live.m3u8';

export function liveArgs(dir: string, startNumber: number, hue: number): string[] {
  const flags = ['delete_segments', 'temp_file', 'program_date_time'];
  if (startNumber > 0) flags.push('discont_start');
  return [
    '-hide_banner', '-loglevel', 'error', '-nostdin', '-re',
    '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=10',
    '-vf', `hue=h=${hue},drawbox=x='mod(t*60,iw-40)':y=ih-30:w=40:h=20:color=yellow@0.9:t=fill`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-profile:v', 'baseline', '-pix_fmt', 'yuv420p',
    '-g', '10', '-keyint_min', '10', '-sc_threshold', '0',
    '-f', 'hls', '-hls_time', '1', '-hls_list_size', '5', '-hls_flags', flags.join('+'),
    '-start_number', String(startNumber),
    '-hls_segment_filename', join(dir, 'seg%d.ts'),
    join(dir, PLAYLIST_NAME),
  ];
}

export class LiveEncoder {
  readonly dir: string;
  private child: ChildProcess | null = null;
  lastAccessMs = Date.now();
  /** killed by the stallLive fault; restarted when the fault is cleared */
  stalled = false;

  constructor(
    workDir: string,
    readonly channelUuid: string,
    private readonly ffmpegPath = 'ffmpeg',
  ) {
    this.dir = join(workDir, 'hls', channelUuid.replace(/[^A-Za-z0-9-]/g, '_'));
    mkdirSync(this.dir, { recursive: true });
  }

  get running(): boolean {
    return this.child !== null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get playlistPath(): string {
    return join(this.dir, PLAYLIST_NAME);
  }

  readPlaylist(): string | null {
    try {
      return readFileSync(this.playlistPath, 'utf8');
    } catch {
      return null;
    }
  }

  start(): void {
    if (this.child) return;
    const current = this.readPlaylist();
    const pos = current ? playlistPosition(current) : null;
    const startNumber = pos ? pos.mediaSequence + pos.segments : 0;
    const hue = parseInt(this.channelUuid.slice(0, 6), 16) % 360 || 0;
    const child = spawn(this.ffmpegPath, liveArgs(this.dir, startNumber, hue), { stdio: 'ignore' });
    this.child = child;
    this.stalled = false;
    const clear = (): void => {
      if (this.child === child) this.child = null;
    };
    child.on('exit', clear);
    child.on('error', clear);
  }

  /** SIGKILL: the stream freezes mid-flight. SIGTERM: ffmpeg ends the playlist cleanly. */
  stop(signal: 'SIGKILL' | 'SIGTERM' = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child) return Promise.resolve();
    this.child = null;
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve();
      }, 2000);
      child.once('exit', done);
      if (child.exitCode !== null || child.signalCode !== null) done();
      else child.kill(signal);
    });
  }

  /** Resolves once the playlist lists a segment (or after timeoutMs). */
  async ready(timeoutMs = 10_000): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (existsSync(this.playlistPath)) {
        const text = this.readPlaylist();
        if (text && playlistPosition(text).segments > 0) return true;
      }
      if (!this.child && !this.stalled) return false;
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  }
}
