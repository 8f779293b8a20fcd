import fs from 'node:fs';
import type { ContractError } from '../../shared/contract/errors';
import type { SyncRunStatus, SyncTrigger } from '../../shared/sync/types';

/** How a run ended, as `SyncRuns.finishJob` records it. */
export interface RunOutcome {
  runId: number;
  status: Exclude<SyncRunStatus, 'running'>;
  finishedAt: string;
  rows: number;
  detail: { range?: { from: string; to: string } | null; requests?: number; skipped?: number; trigger?: SyncTrigger };
  error: ContractError | null;
}

const reservedBytes = 16 * 1024;

/**
 * Run ends the cache could not record (its disk was full), kept where a restart finds them: a
 * file whose space is taken up front, while there is some, and then only overwritten in place, so
 * saving needs no new space. Without it, a console closed while the disk was full would later call
 * such a run "interrupted (closed or crashed)" instead of telling its real end. Best effort: a file
 * that cannot be reserved or written leaves the outcomes in memory only.
 */
export class UnrecordedRunsFile {
  constructor(private readonly file: string) {}

  /** Takes the file's space now (a no-op when it already has it). */
  reserve(): void {
    try {
      if (fs.statSync(this.file).size === reservedBytes) return;
    } catch {
      // missing: made below
    }
    try {
      fs.writeFileSync(this.file, Buffer.alloc(reservedBytes, 0x20));
    } catch {
      // no space even for this: outcomes stay in memory
    }
  }

  /** Overwrites the file with these outcomes (the most recent that fit). */
  save(outcomes: readonly RunOutcome[]): boolean {
    let list = [...outcomes].sort((a, b) => a.runId - b.runId);
    let text = JSON.stringify(list);
    while (Buffer.byteLength(text) > reservedBytes && list.length > 0) {
      list = list.slice(1);
      text = JSON.stringify(list);
    }
    const buf = Buffer.alloc(reservedBytes, 0x20);
    buf.write(text);
    let fd: number | null = null;
    try {
      fd = fs.openSync(this.file, 'r+');
      fs.writeSync(fd, buf, 0, reservedBytes, 0);
      fs.fsyncSync(fd);
      return true;
    } catch {
      return false;
    } finally {
      if (fd !== null) fs.closeSync(fd);
    }
  }

  load(): RunOutcome[] {
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(this.file, 'utf8').trim() || '[]');
      return Array.isArray(parsed) ? parsed.filter(isOutcome) : [];
    } catch {
      return [];
    }
  }
}

function isOutcome(v: unknown): v is RunOutcome {
  const o = v as Partial<RunOutcome> | null;
  return !!o && typeof o.runId === 'number' && typeof o.status === 'string' && typeof o.finishedAt === 'string' && typeof o.rows === 'number';
}
