import { fork } from 'node:child_process';
import type { Duplex } from 'node:stream';
import { fail } from '../../shared/contract/errors';
import { coreRestartingMessage, type CoreStatus } from '../../shared/app/contract';
import type { ShellServices } from '../core/shellServices';
import { liveNotHere, servedByShell } from '../live/httpMedia';
import type { MediaRequest, MediaResponse } from '../live/service';
import { unknownClip } from '../exports/clipMedia';
import { plain, serveFile } from '../video/fileMedia';
import type { Logger } from '../log/logger';
import { entryFile } from '../platform/entries';
import type { UpdateStatus } from '../../shared/updates/updatePolicy';
import { coreProcessFlags } from './coreFlags';
import { refuseUpgrade } from './refuseUpgrade';
import { eventName, type CoreStart, type CoreToShell, type PageHandoff, type ShellToCore } from './protocol';

/** A started core process, as the host sees it (child_process.fork and utilityProcess.fork alike). */
export interface CoreProcess {
  /** Its process id, once started. */
  readonly pid?: number;
  post(message: ShellToCore): void;
  /** Hands the core a window's own MessagePort (Electron's utility process only). */
  postPort?(port: unknown): void;
  /** Hands the core a browser-mode page's socket with its upgrade request (child_process only). */
  postSocket?(page: PageHandoff, socket: Duplex): void;
  onMessage(listener: (message: CoreToShell) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

/**
 * Starts the core as a Node child process (browser mode, tests), with structured-clone IPC. `entry`:
 * the core's entry file and Node flags (by default as entries.ts finds it; benches pass the build's),
 * given after the core's own V8 flags (coreFlags.ts).
 */
export function forkCoreProcess(start: CoreStart, entry: { file: string; execArgv: string[] } = entryFile('coreProcess')): CoreProcess {
  const { file, execArgv } = entry;
  const child = fork(file, [], {
    execArgv: [...coreProcessFlags, ...execArgv],
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
    postSocket: (page, socket) => {
      // The socket is the core's from now on: this process keeps no copy of it.
      if (!child.connected) return void socket.destroy();
      stopReading(socket);
      child.send(page, socket as Parameters<typeof child.send>[1], {}, (error) => error && socket.destroy());
    },
    onMessage: (listener) => child.on('message', (m) => listener(m as CoreToShell)),
    onExit: (listener) => child.once('exit', (code, signal) => listener(code ?? (signal ? -1 : null))),
    kill: () => void child.kill('SIGKILL'),
  };
}

/**
 * Stops this process reading a socket it hands to the core. Node closes its copy only when the core
 * acknowledges the handle, and drops what that copy reads meanwhile; the core answers the page's
 * handshake as soon as it has the socket, so a call the page sends at once could be read here
 * and lost, and the page would wait for an answer that never comes (the likely cause of two pages
 * that never got their first answer in a fresh-clone run under load). pause() alone does not stop
 * the handle reading, hence readStop on Node's TCP handle.
 */
function stopReading(socket: Duplex): void {
  socket.pause();
  const handle = (socket as Duplex & { _handle?: { reading?: boolean; readStop?(): number } })._handle;
  if (handle?.readStop) {
    handle.reading = false;
    handle.readStop();
  }
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

interface PendingCall {
  name: string;
  /** The leading parts of a long answer, as they came. */
  parts: string[];
  resolve(json: string): void;
}

/** A browser-mode page's socket that waits for the core to (again) serve calls. */
interface HeldPage {
  page: PageHandoff;
  socket: Duplex;
}

/**
 * The shell's side of the core's process: starts it, makes the shell's own calls (answers come back
 * as JSON text, never parsed here), serves a clip preview's file (located by the core, streamed
 * from disk here: no media crosses the channel), hands each browser-mode page's socket to it,
 * answers the shell services it asks for, and when it dies says so (onStatus) and starts it again.
 * Browser mode and the desktop app share it.
 */
export class CoreHost {
  private proc: CoreProcess | null = null;
  private nextId = 1;
  private readonly calls = new Map<number, PendingCall>();
  /** Clip previews' addresses being located by the core: undefined when it stopped meanwhile. */
  private readonly clipLookups = new Map<number, (file: string | null | undefined) => void>();
  /** The shell's event listeners, each with the names of the events it asked for. */
  private readonly eventListeners = new Map<(json: string) => void, ReadonlySet<string>>();
  private readonly readyListeners = new Set<() => void>();
  private readonly statusListeners = new Set<(status: CoreStatus) => void>();
  private queue: ShellToCore[] = [];
  private held: HeldPage[] = [];
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

  /** Sends a call (the shell's own: the tray, the updater, tests); `result` resolves with the Result as JSON text. */
  call(name: string, input: unknown): { id: number; result: Promise<string> } {
    const id = this.nextId++;
    const result = new Promise<string>((resolve) => this.calls.set(id, { name, parts: [], resolve }));
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

  /**
   * The core's events named, as browser mode's wire frame (`{"event", "payload"}` JSON text), for the
   * shell's own use (the desktop tray): the core sends its shell only the events some listener here
   * names, so the others (a sync's progress, an export's, a bulk run's...) never cross the channel.
   */
  onEvent(names: readonly string[], listener: (json: string) => void): () => void {
    this.eventListeners.set(listener, new Set(names));
    this.followEvents();
    return () => {
      if (this.eventListeners.delete(listener)) this.followEvents();
    };
  }

  /**
   * A browser-mode page's WebSocket upgrade, let through by the shell's guard: its socket goes to the
   * core's process, which completes the handshake and serves the page itself. While the core starts
   * (or starts again after a crash) the socket waits here; a core that could not start is said in words.
   */
  takePage(page: PageHandoff, socket: Duplex): void {
    if (this.startFailure) return refuseUpgrade(socket, '503 Service Unavailable', `${this.startFailure}\n`);
    if (this.running && this.proc?.postSocket) return this.proc.postSocket(page, socket);
    if (this.proc && !this.proc.postSocket) {
      this.options.log.log('error', 'host: this core process takes no page sockets (browser mode forks it with child_process)');
      return void socket.destroy();
    }
    const held: HeldPage = { page, socket };
    this.held.push(held);
    socket.once('close', () => (this.held = this.held.filter((h) => h !== held)));
  }

  /** Closes every page's socket (the browser-mode server stops). */
  closePages(): void {
    for (const { socket } of this.held.splice(0)) socket.destroy();
    if (this.running) this.proc?.post({ t: 'close-pages' });
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

  /**
   * A clip preview's bytes (the shells' /media/clips): the core says which file the address is, and
   * the file is read here, from disk, by range. Live video is not served here at all.
   */
  async handle(req: MediaRequest): Promise<MediaResponse> {
    if (!servedByShell(req.path)) return plain(404, liveNotHere);
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(405, 'only GET');
    const id = this.nextId++;
    const file = await new Promise<string | null | undefined>((resolve) => {
      if (this.startFailure) return resolve(undefined);
      this.clipLookups.set(id, resolve);
      this.post({ t: 'clip-file', id, path: req.path });
    });
    if (file === undefined) return plain(503, this.startFailure ?? coreRestartingMessage);
    if (file === null) return plain(404, unknownClip);
    return serveFile(file, req.method, req.range);
  }

  async close(): Promise<void> {
    this.stopping ??= new Promise<void>((resolve) => {
      for (const { socket } of this.held.splice(0)) socket.destroy();
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

  /** Every event some listener names. */
  private followedEvents(): string[] {
    const all = new Set<string>();
    for (const names of this.eventListeners.values()) for (const n of names) all.add(n);
    return [...all].sort();
  }

  /** Tells the core which events to send (all of them each time: the core's list is replaced). */
  private followEvents(): void {
    this.post({ t: 'follow-events', events: this.followedEvents() });
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
        if (this.restarts > 0 && this.eventListeners.size > 0) this.proc?.post({ t: 'follow-events', events: this.followedEvents() });
        for (const { page, socket } of this.held.splice(0)) this.takePage(page, socket);
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
        for (const settle of this.clipLookups.values()) settle(undefined);
        this.clipLookups.clear();
        for (const { page, socket } of this.held.splice(0)) this.takePage(page, socket);
        return;
      case 'fault':
        this.options.log.log('error', 'host: the core reported a failure nobody handled', { error: m.message });
        return;
      case 'shell-ask':
        void this.answerShell(m.id, m.service, m.args);
        return;
      case 'result-part':
        this.calls.get(m.id)?.parts.push(m.part);
        return;
      case 'result':
        this.settle(m.id, m.json, true);
        return;
      case 'event': {
        const name = eventName(m.json);
        for (const [l, names] of this.eventListeners) if (names.has(name)) l(m.json);
        return;
      }
      case 'clip-file': {
        const settle = this.clipLookups.get(m.id);
        this.clipLookups.delete(m.id);
        settle?.(m.file);
        return;
      }
      case 'media-head':
      case 'media-body':
      case 'media-end':
        // The shell asks for no media (live video goes to the windows' own channels).
        return;
    }
  }

  /** `last`: the core's own end of the answer, after its parts; else an answer of the host's (a failure) that stands alone. */
  private settle(id: number, json: string, last = false): void {
    const call = this.calls.get(id);
    if (!call) return;
    this.calls.delete(id);
    call.resolve(last && call.parts.length > 0 ? call.parts.join('') + json : json);
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
    const gone = JSON.stringify(fail('internal', coreRestartingMessage));
    for (const id of [...this.calls.keys()]) this.settle(id, gone);
    for (const settle of this.clipLookups.values()) settle(undefined);
    this.clipLookups.clear();
    // What was waiting to be sent belonged to the calls just failed.
    this.queue = [];
    this.status({ state: 'restarting', message: coreRestartingMessage });
    const delay = Math.min(5_000, (this.options.restartDelayMs ?? 200) * 2 ** this.crashes++);
    setTimeout(() => {
      if (this.stopping) return;
      this.restarts++;
      this.spawn();
    }, delay).unref();
  }

  /** The desktop shell tells its windows; a browser-mode page hears it from its socket closing (api/client.ts). */
  private status(payload: CoreStatus): void {
    for (const l of this.statusListeners) l(payload);
  }
}
