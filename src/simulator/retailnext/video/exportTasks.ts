/**
 * Export tasks and their life: rendering (202) -> ready (302 to the file) -> expired (404), or
 * failed (424 with the reason); DELETE removes a task (404 after). A task stays "rendering" for at
 * least MIN_RENDER_MS so clients always see the 202 step, even when the file is reused.
 */
import { randomBytes } from 'node:crypto';
import { exportFailureReason, type ExportSpec } from './exportRequest';
import type { ExportRenderer, RenderedFile } from './renderer';

export const MIN_RENDER_MS = 400;
/** How long a finished export can be downloaded (simulator clock). */
export const EXPORT_TTL_MS = 24 * 3_600_000;

export type TaskState =
  | { kind: 'rendering' }
  | { kind: 'ready'; file: RenderedFile; expiresAtMs: number }
  | { kind: 'failed'; reason: string };

export interface ExportTask {
  id: string;
  spec: ExportSpec;
  createdAtMs: number;
  state: TaskState;
  /** set when both the render finished and MIN_RENDER_MS passed (wall clock) */
  settled: boolean;
}

/** A v1-looking UUID like the doc's export ids. */
function exportId(): string {
  const h = randomBytes(16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-11${h.slice(14, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export class ExportTasks {
  private readonly tasks = new Map<string, ExportTask>();

  constructor(
    private readonly renderer: ExportRenderer,
    private readonly now: () => number,
  ) {}

  start(spec: ExportSpec): ExportTask {
    const task: ExportTask = { id: exportId(), spec, createdAtMs: this.now(), state: { kind: 'rendering' }, settled: false };
    this.tasks.set(task.id, task);
    const minDelay = new Promise((resolve) => setTimeout(resolve, MIN_RENDER_MS).unref());
    const failure = exportFailureReason(spec, task.createdAtMs);
    const outcome: Promise<TaskState> = failure
      ? Promise.resolve({ kind: 'failed', reason: failure })
      : this.renderer.render(spec).then(
          (file): TaskState => ({ kind: 'ready', file, expiresAtMs: this.now() + EXPORT_TTL_MS }),
          (err: unknown): TaskState => ({ kind: 'failed', reason: `video rendering failed: ${err instanceof Error ? err.message : String(err)}` }),
        );
    void Promise.all([outcome, minDelay]).then(([state]) => {
      task.state = state;
      task.settled = true;
    });
    return task;
  }

  get(id: string): ExportTask | undefined {
    return this.tasks.get(id);
  }

  isExpired(task: ExportTask): boolean {
    return task.state.kind === 'ready' && this.now() >= task.state.expiresAtMs;
  }

  delete(id: string): boolean {
    return this.tasks.delete(id);
  }
}
