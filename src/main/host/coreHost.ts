import { fork } from 'node:child_process';
import { fail } from '../../shared/contract/errors';
import type { CoreStatus } from '../../shared/app/contract';
import type { ShellServices } from '../core/shellServices';
import type { MediaRequest, MediaResponse } from '../live/service';
import type { Logger } from '../log/logger';
import { entryFile } from '../platform/entries';
import type { UpdateStatus } from '../../shared/updates/updatePolicy';
import type { CoreStart, CoreToShell, ShellToCore } from './protocol';

/** A started core process, as the host sees it (child_process.fork and utilityProcess.fork alike). */
export interface CoreProcess {
  /** Its process id, once started. */
  readonly pid?: number;
  post(message: ShellToCore): void;
  /** Hands the core a window's own MessagePort (Electron's utility process only). */
  postPort?(port: unknown): void;
  onMessage(listener: (message: CoreToShell) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

/**
 * Starts the core as a Node child process (browser mode, tests), with structured-clone IPC. `entry`:
 * the core's entry file and Node flags (by default as entries.ts finds it; benches pass the build's).
 */
export function forkCoreProcess(start: CoreStart, entry: { file: string; execArgv: string[] } = entryFile('coreProcess')): CoreProcess {
  const { file, execArgv } = entry;
  const child = fork(file, [], {
    execArgv,
    serialization: 'advanced',
    env: { ...process.env, ROC_CORE_START: JSON.stringify(start) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // The core's channel may close first when it dies: an unsent message is not an error here.
  child.on('error', () => undefined);
  return {
    pid: child.pid,
    post: (m) => {
      if (child.connected) child.send(m, undefined, {}, () => undefined);
    },
    onMessage: (listener) => child.on('message', (m) => listener(m as CoreToShell)),
    onExit: (listener) => child.once('exit', (code, signal) => listener(code ?? (signal ? -1 : null))),
    kill: () => void child.kill('SIGKILL'),
  };
}

export interface CoreHostOptions {
  start: CoreStart;
  log: Logger;
  /** How the core process is started (utilityProcess.fork in the desktop app). */
  spawn?: (start: CoreStart) => CoreProcess;
  /** The native services the shell answers for the core. */
  shellServices?: ShellServices;
  /** First restart delay after a crash; doubles while it keeps crashing (up to 5 s). */
  restartDelayMs?: number;
}

/** A call's answer as the host hands it on: the last piece of its JSON text, after the parts handed to `onPart`. */
export interface AnswerEnd {
  json: string;
  /** `json` is the whole answer on its own: no part came, or a failure replaced the parts (the core stopped halfway). */
  whole: boolean;
}

interface PendingCall {
  name: string;
  onPart(part: string): void;
  /** Whether a part was handed on already. */
  handed: boolean;
  resolve(end: AnswerEnd): void;
}

interface PendingMedia {
  head(res: MediaResponse): void;
  fail(e: Error): void;
  controller: ReadableStreamDefaultController<Uint8Array> | null;
}

const restartMessage = "The console's core stopped unexpectedly and is restarting. Try again in a moment.";

/**
 * The shell's side of the core's process: starts it, relays calls (answers come back as JSON text,
 * never parsed here), events and live media, answers the shell services it asks for, and when it
 * dies says so to every window and starts it again. Browser mode and the desktop app share it.
 */
export class CoreHost {
  private proc: CoreProcess | null = null;
  private nextId = 1;
  private readonly calls = new Map<number, PendingCall>();
  private readonly media = new Map<number, PendingMedia>();
  private readonly eventListeners = new Set<(json: string) => void>();
  private readonly readyListeners = new Set<() => void>();
  private readonly statusListeners = new Set<(status: CoreStatus) => void>();
  private queue: ShellToCore[] = [];
  /** The shell's last word on its updater, told again to a core started after a crash. */
  private updates: UpdateStatus | null = null;
  private running = false;
  private stopping: Promise<void> | null = null;
  private startFailure: string | null = null;
  private crashes = 0;
  private readyOnce: Promise<void>;
  private settleReady!: { resolve(): void; reject(e: Error): void };
  /** How many times the core was started again after it died. */
  restarts = 0;

  constructor(private readonly options: CoreHostOptions) {
    this.readyOnce = this.newReady();
    this.spawn();
  }

  /** Resolves when the core serves calls (the first start); rejects, in words, when it cannot start. */
  ready(): Promise<void> {
    return this.readyOnce;
  }

  /** Sends a call; `result` resolves with the Result as JSON text. */
  call(name: string, input: unknown): { id: number; result: Promise<string> } {
    const parts: string[] = [];
    const { id, result } = this.callInParts(name, input, (part) => parts.push(part));
    return { id, result: result.then(({ json, whole }) => (whole ? json : parts.join('') + json)) };
  }

  /**
   * Sends a call whose long answer is handed on part by part as it comes, never joined into one
   * string here (browser mode writes the parts to the page's socket): `onPart` gets the leading
   * parts of the JSON text in order, `result` its end.
   */
  callInParts(name: string, input: unknown, onPart: (part: string) => void): { id: number; result: Promise<AnswerEnd> } {
    const id = this.nextId++;
    const result = new Promise<AnswerEnd>((resolve) => this.calls.set(id, { name, onPart, handed: false, resolve }));
    if (this.startFailure) this.settle(id, JSON.stringify(fail('internal', this.startFailure)));
    else this.post({ t: 'call', id, name, input });
    return { id, result };
  }

  /** The call's Result as JSON text. */
  invoke(name: string, input: unknown): Promise<string> {
    return this.call(name, input).result;
  }

  /** Gives up a call (its window went away): it resolves as cancelled now; the core drops its answer. */
  cancel(id: number): void {
    if (!this.calls.has(id)) return;
    this.post({ t: 'cancel', id });
  }

  /** Every event of the core, as browser mode's wire frame (`{"event", "payload"}` JSON text). */
  onEvent(listener: (json: string) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Each time the core (again) serves calls: the desktop shell hands its windows new ports then. */
  onReady(listener: () => void): () => void {
    this.readyListeners.add(listener);
    return () => this.readyListeners.delete(listener);
  }

  /** When the core stops unexpectedly and when it runs again (the desktop shell tells its windows). */
  onStatus(listener: (status: CoreStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Tells the core where the shell's updater stands (the windows read it with app.info and app.updates). */
  tellUpdates(status: UpdateStatus): void {
    this.updates = status;
    this.post({ t: 'updates', status });
  }

  /** The running process (the desktop shell posts window ports to it). */
  get process(): CoreProcess | null {
    return this.running ? this.proc : null;
  }

  /** The live media route, relayed to the core (its base path is given at start). */
  expose(): void {}

  handle(req: MediaRequest): Promise<MediaResponse> {
    const id = this.nextId++;
    return new Promise<MediaResponse>((resolve, reject) => {
      const pending: PendingMedia = {
        controller: null,
        head: (res) => resolve(res),
        fail: (e) => {
          reject(e);
          pending.controller?.error(e);
        },
      };
      this.media.set(id, pending);
      this.post({ t: 'media', id, path: req.path, method: req.method, range: req.range ?? null });
    });
  }

  async close(): Promise<void> {
    this.stopping ??= new Promise<void>((resolve) => {
      const proc = this.proc;
      if (!proc) return resolve();
      proc.onExit(() => resolve());
      proc.post({ t: 'stop' });
      // A core that does not close its cache in time is ended.
      setTimeout(() => proc.kill(), 5_000).unref();
    });
    return this.stopping;
  }

  private newReady(): Promise<void> {
    const p = new Promise<void>((resolve, reject) => (this.settleReady = { resolve, reject }));
    p.catch(() => undefined);
    return p;
  }

  private spawn(): void {
    const proc = (this.options.spawn ?? forkCoreProcess)(this.options.start);
    this.proc = proc;
    proc.onMessage((m) => this.receive(m));
    proc.onExit((code) => this.exited(proc, code));
  }

  private post(m: ShellToCore): void {
    if (this.running && this.proc) this.proc.post(m);
    else this.queue.push(m);
  }

  private receive(m: CoreToShell): void {
    switch (m.t) {
      case 'ready': {
        this.running = true;
        const queued = this.queue;
        this.queue = [];
        for (const q of queued) this.proc?.post(q);
        if (this.restarts > 0 && this.updates) this.proc?.post({ t: 'updates', status: this.updates });
        this.settleReady.resolve();
        if (this.restarts > 0) this.status({ state: 'running', message: 'The console is running again.' });
        this.readyListeners.forEach((l) => l());
        // A core that stays up a minute counts as healthy again.
        setTimeout(() => (this.crashes = 0), 60_000).unref();
        return;
      }
      case 'failed':
        this.startFailure = `The console could not start: ${m.message}`;
        this.options.log.log('error', 'host: the core could not start', { error: m.message });
        this.settleReady.reject(new Error(this.startFailure));
        for (const id of [...this.calls.keys()]) this.settle(id, JSON.stringify(fail('internal', this.startFailure)));
        return;
      case 'fault':
        this.options.log.log('error', 'host: the core reported a failure nobody handled', { error: m.message });
        return;
      case 'shell-ask':
        void this.answerShell(m.id, m.service, m.args);
        return;
      case 'result-part': {
        const call = this.calls.get(m.id);
        if (!call) return;
        call.handed = true;
        call.onPart(m.part);
        return;
      }
      case 'result':
        this.settle(m.id, m.json, true);
        return;
      case 'event':
        for (const l of this.eventListeners) l(m.json);
        return;
      case 'media-head': {
        const pending = this.media.get(m.id);
        if (!pending) return;
        const body = new ReadableStream<Uint8Array>({
          start: (controller) => void (pending.controller = controller),
          cancel: () => {
            this.media.delete(m.id);
            this.post({ t: 'media-cancel', id: m.id });
          },
        });
        pending.head({ status: m.status, headers: m.headers, body });
        return;
      }
      case 'media-body':
        this.media.get(m.id)?.controller?.enqueue(m.chunk);
        return;
      case 'media-end': {
        const pending = this.media.get(m.id);
        this.media.delete(m.id);
        if (!pending) return;
        if (m.error) pending.fail(new Error(m.error));
        else pending.controller?.close();
        return;
      }
    }
  }

  /** `last`: the core's own end of the answer, after its parts; else an answer of the host's (a failure) that stands alone. */
  private settle(id: number, json: string, last = false): void {
    const call = this.calls.get(id);
    if (!call) return;
    this.calls.delete(id);
    call.resolve({ json, whole: !(last && call.handed) });
  }

  private async answerShell(id: number, service: string, args: unknown[]): Promise<void> {
    const fn = (this.options.shellServices as Record<string, ((...a: unknown[]) => unknown) | undefined> | undefined)?.[service];
    try {
      if (!fn) throw new Error(`this shell has no ${service}`);
      this.proc?.post({ t: 'shell-answer', id, ok: true, value: await fn(...args) });
    } catch (e) {
      this.proc?.post({ t: 'shell-answer', id, ok: false, message: e instanceof Error ? e.message : String(e) });
    }
  }

  private exited(proc: CoreProcess, code: number | null): void {
    if (proc !== this.proc) return;
    this.running = false;
    if (this.stopping || this.startFailure) return;
    this.options.log.log('error', 'host: the core process stopped unexpectedly; starting it again', { code });
    const gone = JSON.stringify(fail('internal', restartMessage));
    for (const id of [...this.calls.keys()]) this.settle(id, gone);
    for (const pending of this.media.values()) pending.fail(new Error('the core stopped'));
    this.media.clear();
    // What was waiting to be sent belonged to the calls just failed.
    this.queue = [];
    this.status({ state: 'restarting', message: restartMessage });
    const delay = Math.min(5_000, (this.options.restartDelayMs ?? 200) * 2 ** this.crashes++);
    setTimeout(() => {
      if (this.stopping) return;
      this.restarts++;
      this.spawn();
    }, delay).unref();
  }

  private status(payload: CoreStatus): void {
    for (const l of this.statusListeners) l(payload);
    const json = JSON.stringify({ event: 'app.coreStatus', payload });
    for (const l of this.eventListeners) l(json);
  }
}
