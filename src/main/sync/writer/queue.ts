import type { WriterInput } from './input';
import type { SyncWriter } from './writer';

/**
 * Jobs handed to the writer without waiting for each commit, so fetching goes on while the disk
 * works; `add` waits only when `maxQueued` jobs are still unwritten (memory stays bounded).
 * The first failed write is rethrown by the next `add` and by `flush`.
 */
export class WriteQueue {
  written = 0;
  private readonly queued = new Set<Promise<unknown>>();
  private failure: { error: unknown } | null = null;

  constructor(
    private readonly writer: SyncWriter,
    private readonly onWritten: (rows: number) => void = () => undefined,
    private readonly maxQueued = 32,
  ) {}

  async add(input: WriterInput): Promise<void> {
    this.throwIfFailed();
    while (this.queued.size >= this.maxQueued) await Promise.race(this.queued);
    this.throwIfFailed();
    const p: Promise<unknown> = this.writer.write(input, { stream: true }).then(
      (n) => {
        this.written += n;
        this.onWritten(n);
      },
      (e: unknown) => {
        this.failure ??= { error: e };
      },
    );
    this.queued.add(p);
    void p.finally(() => this.queued.delete(p));
  }

  /** Waits for every queued job; throws the first failure. */
  async flush(): Promise<void> {
    while (this.queued.size > 0) await Promise.all([...this.queued]);
    this.throwIfFailed();
  }

  /** Waits for every queued job, failures or not (before giving up on a run). */
  async settle(): Promise<void> {
    while (this.queued.size > 0) await Promise.all([...this.queued]);
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}
