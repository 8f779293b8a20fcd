import type { RestartToUpdate } from '../../shared/app/contract';
import { browserUpdateStatus, type UpdateStatus } from '../../shared/updates/updatePolicy';
import type { CoreContext } from '../core/context';

/**
 * Where the desktop shell's updater stands, as the shell last told the core (the updater runs in the
 * shell; the windows only talk to the core). Browser mode never updates itself; a desktop core knows
 * nothing until its shell tells it, shortly after start.
 */
export class ShellUpdates {
  private status: UpdateStatus;

  constructor(
    private readonly ctx: CoreContext,
    shell: 'desktop' | 'browser',
  ) {
    this.status = shell === 'browser' ? browserUpdateStatus : { offReason: null, phase: { phase: 'idle' }, checkedAt: null };
  }

  get(): UpdateStatus {
    return this.status;
  }

  /** The shell's updater moved on: kept, and every window told. */
  set(status: UpdateStatus): void {
    this.status = status;
    this.ctx.emit('app.updates', status);
  }

  /** "Restart now": the shell decides (never during a download or an export) and restarts, or says why not. */
  async restart(): Promise<RestartToUpdate> {
    if (this.status.offReason) return { restart: false, reason: `Updates are off: ${this.status.offReason}` };
    if (!this.ctx.shell.restartToUpdate) return { restart: false, reason: 'This console cannot restart itself to install an update.' };
    const reason = await this.ctx.shell.restartToUpdate();
    return reason ? { restart: false, reason } : { restart: true };
  }
}
