import type { Worker } from 'node:worker_threads';
import { AppError, cancelledError, type Result } from '../../shared/contract/errors';
import type { CoreContext } from '../core/context';
import { JsonText } from '../core/jsonText';
import { writePreparedJson } from '../estate/prepared';
import { onThreadExit } from '../platform/threads';
import { readOps, type ReadOps } from './ops';
import type { ApartField, FromReadThread, ReadLane, ReadOpName, ToReadThread } from './protocol';
import { startReadThread, type StartedReadThread } from './startThread';

export interface ReadsOptions {
  /** better-sqlite3 addon for this runtime (Electron's ABI in the desktop app). */
  sqliteNativeBinding?: string;
  /** `inline` reads on the core's own connection (and loop); `auto` on worker threads when they start. */
  mode?: 'auto' | 'inline';
  /** Workers started before the core was built (its process starts the estate's first thing), taken by their lanes. */
  started?: Partial<Record<ReadLane, StartedReadThread>>;
}

interface Lane {
  /**
   * The answer's value: as JSON text from a worker (a JsonText), as a value when read inline.
   * `signal` is the call's: given up, the read answers "cancelled" at once and the worker drops it.
   */
  read(op: ReadOpName, input: unknown, signal?: AbortSignal, apart?: ApartField): Promise<unknown>;
  warm(part: 'start' | 'sync'): void;
  start(): void;
  close(): Promise<void>;
}

/**
 * The heavy reads of the core (the estate model and store trees, inventory and audit tables, alerts,
 * reports), each lane on a worker thread of its own with a read-only connection to the cache, so the
 * core's loop stays free for cheap calls while they run. A worker starts on its lane's first read,
 * or earlier when asked (start); if it dies, the reads it held fail in words and the next read
 * starts a new one. Where no worker can run (an in-memory cache, a missing build), the lane reads
 * inline on the core's connection.
 */
export class ReadsService {
  private readonly lanes = new Map<ReadLane, Lane>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly options: ReadsOptions = {},
  ) {}

  /** A read's answer for a call: JSON text from a worker (relayed unparsed), or the value. */
  async answer<T>(lane: ReadLane, op: ReadOpName, input: unknown, signal?: AbortSignal): Promise<T | JsonText<T>> {
    return (await this.lane(lane).read(op, input, signal)) as T | JsonText<T>;
  }

  /** A read's value, for a call whose answer the core makes itself (parses a worker's answer). */
  async value<T>(lane: ReadLane, op: ReadOpName, input: unknown, signal?: AbortSignal): Promise<T> {
    const value = await this.lane(lane).read(op, input, signal);
    return (value instanceof JsonText ? JSON.parse(value.text) : value) as T;
  }

  /**
   * A CSV the desktop saves (an answer with a `csv` text): from a worker, the CSV comes as its
   * UTF-8 bytes beside the JSON of the rest, so the core neither parses nor encodes it (a large
   * estate's cameras make 9.5 MB of CSV); read inline, it is the text.
   */
  async csv(lane: ReadLane, op: ReadOpName, input: unknown, signal?: AbortSignal): Promise<{ fileName: string; rows: number; csv: string | Uint8Array }> {
    const made = await this.valueApart<{ fileName: string; rows: number; csv?: string | Uint8Array | null }>(lane, op, input, 'csv', signal);
    return { fileName: made.fileName, rows: made.rows, csv: made.csv ?? '' };
  }

  /**
   * A read's value whose text field `field` comes from a worker beside the JSON of the rest: the core
   * parses only the rest, and hands the text on as it is (a CSV to a file, as bytes; a list to the
   * cache writer).
   */
  async valueApart<T>(lane: ReadLane, op: ReadOpName, input: unknown, field: ApartField, signal?: AbortSignal): Promise<T> {
    const value = await this.lane(lane).read(op, input, signal, field);
    if (value instanceof TextApart) return { ...(JSON.parse(value.rest) as object), [field]: value.text } as T;
    return (value instanceof JsonText ? JSON.parse(value.text) : value) as T;
  }

  /** Prepares a lane's views off the core's loop (the first screen at start, the rest after a sync). */
  warm(lane: ReadLane, part: 'start' | 'sync'): void {
    this.lane(lane).warm(part);
  }

  /** Starts a lane's worker now rather than at its first read (the estate's, as the core starts). */
  start(lane: ReadLane): void {
    this.lane(lane).start();
  }

  async close(): Promise<void> {
    const lanes = [...this.lanes.values()];
    this.lanes.clear();
    await Promise.all(lanes.map((l) => l.close()));
  }

  private lane(name: ReadLane): Lane {
    let lane = this.lanes.get(name);
    if (!lane) {
      const db = this.ctx.db;
      const threadable = this.options.mode !== 'inline' && !db.memory && db.name !== ':memory:' && db.name !== '';
      const early = this.options.started?.[name] ?? null;
      if (early && !threadable) void early.worker.terminate();
      lane = threadable ? new ThreadLane(this.ctx, name, this.options, early, () => new InlineLane(this.ctx, name)) : new InlineLane(this.ctx, name);
      this.lanes.set(name, lane);
    }
    return lane;
  }
}

/** A Result's value, or its error thrown as the AppError it was. */
function valueOf(result: Result<unknown>): unknown {
  if (result.ok) return result.value;
  throw new AppError(result.error.code, result.error.message, result.error.detail);
}

class InlineLane implements Lane {
  private ops: ReadOps | null = null;

  constructor(
    private readonly ctx: CoreContext,
    private readonly name: ReadLane,
  ) {}

  private get own(): ReadOps {
    return (this.ops ??= readOps(this.ctx, this.name));
  }

  async read(op: ReadOpName, input: unknown, signal?: AbortSignal): Promise<unknown> {
    if (signal?.aborted) throw cancelledError();
    return valueOf(await this.own.run(op, input));
  }

  warm(part: 'start' | 'sync'): void {
    this.own.warm(part);
  }

  start(): void {}

  async close(): Promise<void> {}
}

/** A worker's answer whose text field came apart (`text`, or its bytes) from the JSON of the rest (`rest`). */
class TextApart {
  constructor(
    readonly rest: string,
    readonly text: string | Uint8Array,
  ) {}
}

type Pending = { resolve(answer: JsonText | TextApart): void; reject(e: Error): void };

class ThreadLane implements Lane {
  private worker: Worker | null = null;
  private started: Promise<Worker | null> | null = null;
  private fallback: Lane | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closed = false;

  constructor(
    private readonly ctx: CoreContext,
    private readonly name: ReadLane,
    private readonly options: ReadsOptions,
    /** A worker started before the core was built, taken at the lane's start. */
    private early: StartedReadThread | null,
    private readonly inline: () => Lane,
  ) {}

  async read(op: ReadOpName, input: unknown, signal?: AbortSignal, apart?: ApartField): Promise<unknown> {
    const worker = await this.thread();
    if (!worker) return this.fallback!.read(op, input, signal);
    if (signal?.aborted) throw cancelledError();
    const id = this.nextId++;
    return new Promise<JsonText | TextApart>((resolve, reject) => {
      const drop = () => {
        if (!this.pending.delete(id)) return;
        reject(cancelledError());
        this.post(worker, { type: 'cancel', id });
      };
      const settled = () => signal?.removeEventListener('abort', drop);
      this.pending.set(id, {
        resolve: (answer) => (settled(), resolve(answer)),
        reject: (e) => (settled(), reject(e)),
      });
      signal?.addEventListener('abort', drop, { once: true });
      this.post(worker, { type: 'read', id, op, input, now: this.ctx.now().toISOString(), ...(apart ? { apart } : {}) });
    });
  }

  warm(part: 'start' | 'sync'): void {
    void this.thread().then((worker) => {
      if (worker) this.post(worker, { type: 'warm', part, now: this.ctx.now().toISOString() });
      else this.fallback?.warm(part);
    });
  }

  start(): void {
    this.thread().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.early) await this.early.worker.terminate();
    this.early = null;
    const worker = await this.started?.catch(() => null);
    if (worker) await worker.terminate();
    this.fail(new AppError('cancelled', 'The console is closing.'));
  }

  private post(worker: Worker, m: ToReadThread): void {
    worker.postMessage(m);
  }

  private thread(): Promise<Worker | null> {
    if (this.closed) return Promise.reject(new AppError('cancelled', 'The console is closing.'));
    this.started ??= new Promise<Worker | null>((resolve) => {
      let started: StartedReadThread;
      try {
        started = this.early ?? startReadThread({ lane: this.name, dataDir: this.ctx.dataDir, nativeBinding: this.options.sqliteNativeBinding });
      } catch (e) {
        return resolve(this.inlineAfter(e));
      }
      this.early = null;
      const { worker } = started;
      const gone = started.gone();
      if (gone) return resolve(this.inlineAfter(gone));
      let ready = false;
      worker.on('message', (m: FromReadThread) => {
        switch (m.type) {
          case 'ready':
            ready = true;
            this.worker = worker;
            return resolve(worker);
          case 'failed':
            return resolve(this.inlineAfter(new Error(m.message)));
          case 'log':
            return this.ctx.log.log(m.level, m.message, { ...m.fields, lane: this.name });
          case 'keep':
            if (this.ctx.db.open) writePreparedJson(this.ctx.db, this.ctx.log, m.name, m.version, m.json);
            return;
          case 'done': {
            const p = this.pending.get(m.id);
            if (!p) return;
            this.pending.delete(m.id);
            if (m.ok) p.resolve(m.apart === undefined ? new JsonText(m.json) : new TextApart(m.json, m.apart));
            else p.reject(new AppError(m.error.code, m.error.message, m.error.detail));
            return;
          }
        }
      });
      onThreadExit(worker, ({ code, error, text }) => {
        if (!ready) return resolve(this.inlineAfter(new Error(text)));
        // A worker that died is started again at the next read; what it held fails in words, with the cause.
        if (this.worker === worker) {
          this.worker = null;
          this.started = null;
        }
        if (this.closed) return;
        this.ctx.log.log('error', 'reads: a read worker died; the next read starts a new one', { lane: this.name, exitCode: code, error, readsLost: this.pending.size });
        this.fail(new AppError('internal', 'The console could not finish reading its cache: its reading thread stopped unexpectedly. Try again.', `the ${this.name} read thread stopped (${text})`));
      });
      this.post(worker, { type: 'open', file: this.ctx.db.name });
    });
    return this.started;
  }

  private inlineAfter(e: unknown): null {
    this.ctx.log.log('warn', 'reads: no read worker; reading on the core', { lane: this.name, error: e instanceof Error ? e.message : String(e) });
    this.fallback ??= this.inline();
    return null;
  }

  private fail(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }
}
