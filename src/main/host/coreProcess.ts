/**
 * The core's own process: started by a shell with child_process.fork (browser mode, tests) or
 * Electron's utilityProcess.fork (desktop), both speaking the CoreHost protocol (protocol.ts). It
 * loads the keychain and the SQLite addon, builds the core, and serves the shell's channel, each
 * window's own port (desktop) and each browser-mode page's socket the shell hands it (pageSocket.ts).
 * The start data comes in ROC_CORE_START (JSON of CoreStart).
 *
 * Its first act is to start the estate's read worker, which the Stores view's first answer needs;
 * only then does it load the rest of the core (compose.ts, loadEntry: most of the process's code),
 * so that the worker's load and the core's overlap instead of following each other.
 */
import type * as Compose from '../compose';
import type { Core } from '../compose';
import type { ShellServices } from '../core/shellServices';
import { createFileLogger } from '../log/fileLogger';
import type { Logger } from '../log/logger';
import { keepServingOnFailure } from '../log/processGuard';
import { loadEntry } from '../platform/entries';
import { stepBackCoreProcess } from '../platform/priority';
import { startReadThread, type StartedReadThread } from '../reads/startThread';
import { KeytarSecretStore } from '../secrets/keytarStore';
import type { Duplex } from 'node:stream';
import { serveClient, serveWindowPort, type Port, type WindowPort } from './coreServer';
import { pageServer } from './pageSocket';
import type { CoreStart, CoreToShell, FromCore, PageHandoff, ShellServiceName, ShellToCore, ToCore } from './protocol';

/** Electron's utility-process parentPort, as far as this file uses it: a window's port comes with a message. */
interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data: unknown; ports: WindowPort[] }) => void): void;
}

interface ShellChannel {
  port: Port<ShellToCore, CoreToShell>;
  onWindowPort(listener: (port: WindowPort) => void): void;
  /** A browser-mode page's socket, handed over Node's IPC with its upgrade request. */
  onPageSocket(listener: (page: PageHandoff, socket: Duplex) => void): void;
}

/** The channel to the shell: Electron's parentPort in a utility process, else Node's IPC. */
function shellChannel(): ShellChannel {
  const parentPort = (process as NodeJS.Process & { parentPort?: ElectronParentPort }).parentPort;
  const windowListeners: Array<(port: WindowPort) => void> = [];
  if (parentPort) {
    return {
      port: {
        post: (m) => parentPort.postMessage(m),
        onMessage: (listener) =>
          parentPort.on('message', (e) => {
            const port = e.ports[0];
            if (port) windowListeners.forEach((l) => l(port));
            else listener(e.data as ShellToCore);
          }),
      },
      onWindowPort: (l) => windowListeners.push(l),
      onPageSocket: () => undefined,
    };
  }
  if (!process.send) throw new Error('The core process was started without a channel to its shell.');
  const pageListeners: Array<(page: PageHandoff, socket: Duplex) => void> = [];
  return {
    port: {
      post: (m) =>
        new Promise<void>((resolve) => {
          if (!process.connected) return resolve();
          process.send!(m, undefined, {}, () => resolve());
        }),
      onMessage: (listener) =>
        process.on('message', (m: ShellToCore | PageHandoff, handle?: unknown) => {
          if (m.t !== 'page') return listener(m);
          if (handle) pageListeners.forEach((l) => l(m, handle as Duplex));
        }),
    },
    onWindowPort: () => undefined,
    onPageSocket: (l) => pageListeners.push(l),
  };
}

/** The shell services the shell offers, asked for over the channel. */
function askShell(names: ShellServiceName[], ask: (service: ShellServiceName, args: unknown[]) => Promise<unknown>): ShellServices {
  const offered = new Set(names);
  const services: ShellServices = {};
  if (offered.has('chooseFolder')) services.chooseFolder = async (options) => (await ask('chooseFolder', [options])) as string | null;
  if (offered.has('openPath')) services.openPath = async (filePath) => void (await ask('openPath', [filePath]));
  if (offered.has('showItemInFolder')) services.showItemInFolder = (filePath) => void ask('showItemInFolder', [filePath]).catch(() => undefined);
  if (offered.has('notify')) services.notify = (title, body) => void ask('notify', [title, body]).catch(() => undefined);
  if (offered.has('restartToUpdate')) services.restartToUpdate = async () => (await ask('restartToUpdate', [])) as string | null;
  if (offered.has('printToPdf')) services.printToPdf = async () => Buffer.from((await ask('printToPdf', [])) as Uint8Array);
  return services;
}

function main(): void {
  // The windows and the shell come first; the threads started from here on inherit this (platform/priority.ts).
  stepBackCoreProcess();
  const start = JSON.parse(process.env.ROC_CORE_START ?? 'null') as CoreStart | null;
  if (!start) throw new Error('The core process was started without ROC_CORE_START.');
  let estateReads: StartedReadThread | undefined;
  try {
    estateReads = startReadThread({ lane: 'estate', dataDir: start.dataDir, nativeBinding: start.sqliteNativeBinding });
  } catch {
    // The lane tries again when the core is built, and says why it reads inline if it cannot.
  }
  const channel = shellChannel();
  const post = (m: CoreToShell) => void Promise.resolve(channel.port.post(m)).catch(() => undefined);
  const log: Logger = createFileLogger(start.dataDir, { process: 'core' });
  // Nothing missed in the core ends it silently: logged here, and the shell is told.
  keepServingOnFailure({
    log(level, message, detail) {
      log.log(level, message, detail);
      if (level === 'error') post({ t: 'fault', message: `${message}${detail?.error ? `: ${String(detail.error).split('\n')[0]}` : ''}` });
    },
  });

  let nextAsk = 1;
  const asks = new Map<number, { resolve(value: unknown): void; reject(e: Error): void }>();
  const ask = (service: ShellServiceName, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextAsk++;
      asks.set(id, { resolve, reject });
      post({ t: 'shell-ask', id, service, args });
    });

  let core: Core;
  try {
    const { createCore } = loadEntry<typeof Compose>('core');
    core = createCore({
      dataDir: start.dataDir,
      secrets: new KeytarSecretStore(start.keychainService),
      shell: start.shell,
      version: start.version,
      log,
      sqliteNativeBinding: start.sqliteNativeBinding,
      shellServices: askShell(start.shellServices, ask),
      backgroundSync: start.backgroundSync,
      warmAdminReads: true,
      readThreads: estateReads && { estate: estateReads },
    });
  } catch (e) {
    post({ t: 'failed', message: e instanceof Error ? e.message : String(e) });
    setTimeout(() => process.exit(1), 100);
    return;
  }
  core.media.expose(start.mediaBasePath);

  const pages = pageServer(core, log, start.partChars);
  channel.onPageSocket((page, socket) => pages.accept(page, socket));
  /** The events the shell asked for (follow-events): no other is sent to it. */
  let followed: ReadonlySet<string> | null = null;
  const shellMessages: Array<(m: ToCore) => void> = [];
  channel.port.onMessage((m) => {
    if (m.t === 'shell-answer') {
      const pending = asks.get(m.id);
      asks.delete(m.id);
      if (m.ok) pending?.resolve(m.value);
      else pending?.reject(new Error(m.message));
      return;
    }
    if (m.t === 'updates') {
      core.updates.set(m.status);
      return;
    }
    if (m.t === 'follow-events') {
      if (!followed) core.subscribe((event, payload) => void (followed?.has(event) && post({ t: 'event', json: JSON.stringify({ event, payload }) })));
      followed = new Set(m.events);
      return;
    }
    if (m.t === 'clip-file') {
      post({ t: 'clip-file', id: m.id, file: core.media.clipFile(m.path) });
      return;
    }
    if (m.t === 'close-pages') {
      pages.closeAll();
      return;
    }
    if (m.t === 'stop') {
      void core.close().finally(() => process.exit(0));
      return;
    }
    shellMessages.forEach((l) => l(m));
  });
  // The shell's own calls; only the events it asks for (follow-events); no media: live video goes to
  // each window over its own port or socket, and a clip preview's file is located (clip-file) and
  // streamed by the shell itself, so no media bytes cross this channel.
  serveClient(core, { post: (m: FromCore) => channel.port.post(m), onMessage: (l) => shellMessages.push(l) }, log, { partChars: start.partChars, events: false, mediaPaths: () => false });
  channel.onWindowPort((windowPort) => serveWindowPort(core, windowPort, log, { partChars: start.partChars }));
  // The shell went away without a word (it was killed): the console is gone, so the core ends at
  // once, as it did when it ran inside the shell; nothing more is sent to a vendor (a bulk run's
  // rows in flight become "outcome unknown" at the next start) and the WAL cache is crash-safe.
  process.on('disconnect', () => {
    log.log('warn', 'host: the shell went away; the core ends now');
    process.exit(0);
  });
  post({ t: 'ready' });
}

main();
