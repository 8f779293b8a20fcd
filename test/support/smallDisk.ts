import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A small tmpfs of its own (PLATFORM-NOTES: root can mount one), to fill on purpose. */
export interface SmallDisk {
  dir: string;
  /** Fills the disk, leaving about `leaveBytes` free. */
  fill(leaveBytes?: number): void;
  /** Frees what `fill` took. */
  free(): void;
  unmount(): void;
}

export type SmallDiskResult = { ok: true; disk: SmallDisk } | { ok: false; reason: string };

export function mountSmallDisk(sizeMb = 48): SmallDiskResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roc-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    const said = (e as { stderr?: Buffer }).stderr?.toString().trim();
    return { ok: false, reason: `cannot mount a small tmpfs here (needs root with CAP_SYS_ADMIN): ${said || (e as Error).message}` };
  }
  const filler = path.join(dir, 'filler');
  return {
    ok: true,
    disk: {
      dir,
      fill(leaveBytes = 0) {
        const fd = fs.openSync(filler, 'w');
        try {
          for (const size of [1 << 20, 64 << 10, 4 << 10]) {
            const chunk = Buffer.alloc(size, 1);
            for (;;) {
              try {
                fs.writeSync(fd, chunk);
              } catch {
                break;
              }
            }
          }
        } finally {
          fs.closeSync(fd);
        }
        if (leaveBytes > 0) fs.truncateSync(filler, Math.max(0, fs.statSync(filler).size - leaveBytes));
      },
      free() {
        fs.rmSync(filler, { force: true });
      },
      unmount() {
        try {
          execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      },
    },
  };
}
