/**
 * A read worker thread (started through startThread.ts): one lane of heavy reads (the estate model,
 * store trees, inventory and audit tables; or reports) on its own read-only connection to the WAL
 * cache, so the core's loop keeps answering cheap calls while they run. Answers go back as JSON
 * text, which the core relays without parsing. Reads run one at a time, in the order they came; a
 * read whose call was given up is skipped if it has not begun, and its answer is not sent if it has
 * (a read runs synchronously, so it is not stopped half-way: what it builds, a model or a tree, is
 * kept for the next read anyway).
 *
 * It loads in two steps, so that a console that has just started answers the Stores view's first
 * screen at once: first only the SQLite addon, enough to answer that screen with the text of the
 * copy the last run kept (it_prepared) as it is; then the lane's services (ops.ts: every feature it
 * reads for, and zod, most of the worker's load), at the first message that needs them or right
 * after that first answer.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { CoreContext } from '../core/context';
import { cacheVersion } from '../estate/model';
import { keptTopTreeText } from '../estate/prepared';
import type { Logger } from '../log/logger';
import { AppError } from '../../shared/contract/errors';
import { loadEntry } from '../platform/entries';
import type * as Ops from './ops';
import type { ReadOps } from './ops';
import { apartFields, type FromReadThread, type ReadThreadData, type ToReadThread } from './protocol';
import { stepBackThisThread } from '../platform/priority';

// The windows and the core's cheap calls come before a heavy read (platform/priority.ts).
stepBackThisThread('readThread');

type Work = Exclude<ToReadThread, { type: 'open' | 'cancel' }>;

const data = workerData as ReadThreadData;
const port = parentPort!;
const post = (m: FromReadThread) => port.postMessage(m);
const log: Logger = { log: (level, message, fields) => post({ type: 'log', level, message, fields }) };

function open(file: string): Database.Database | null {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true, ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}) });
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -16384');
    return db;
  } catch (e) {
    post({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
    return null;
  }
}

/** The lane's services over `db`, and the JSON text of their answers. */
function loadOps(db: Database.Database, now: () => Date): { ops: ReadOps; jsonOf(value: unknown): string } {
  const { readOps } = loadEntry<typeof Ops>('readOps');
  const refuse = () => Promise.reject(new AppError('internal', 'A read worker holds no secrets.'));
  const ctx: CoreContext = {
    db,
    secrets: { get: refuse, set: refuse, delete: refuse },
    log,
    dataDir: data.dataDir,
    now,
    shell: {},
    emit: () => undefined,
  };
  // The JSON of answers the services keep (a tree, a table: the same object until the cache
  // changes), so asking again costs no serialising; forgotten with the object. A view read from
  // the copy the last run kept comes with its text: the first answer costs none either.
  const texts = new WeakMap<object, string>();
  const ops = readOps(ctx, data.lane, {
    keep: (name, version, value) => {
      const json = JSON.stringify(value);
      if (typeof value === 'object' && value !== null) texts.set(value, json);
      post({ type: 'keep', name, version, json });
    },
    readAs: (value, json) => void texts.set(value, json),
  });
  const jsonOf = (value: unknown): string => {
    if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
    let text = texts.get(value);
    if (text === undefined) texts.set(value, (text = JSON.stringify(value)));
    return text;
  };
  return { ops, jsonOf };
}

/** Whether a message asks for (or prepares) the Stores view's first screen. */
function firstScreen(m: Work): boolean {
  if (data.lane !== 'estate') return false;
  if (m.type === 'warm') return m.part === 'start';
  return m.op === 'estate.tree' && (m.input as { part?: unknown } | null)?.part === 'top';
}

const internalError = { code: 'internal', message: 'Something went wrong inside the console. The details are in its log.' } as const;

/** The lane's reads over `db`: what handles every message after `open`. */
function serve(db: Database.Database): (m: Exclude<ToReadThread, { type: 'open' }>) => void {
  let now = new Date();
  // The kept first screen, checked once for its version of the cache (at the warm-up that comes
  // as the core starts), then answered from here until the lane's services are loaded.
  let kept: { version: string; json: string | null } | null = null;
  // A load that failed (a broken install) is tried again by the next message that needs it.
  let loaded: ReturnType<typeof loadOps> | null = null;
  const load = () => {
    loaded ??= loadOps(db, () => now);
    kept = null;
    return loaded;
  };
  const keptFirstScreen = (): string | null => {
    const version = cacheVersion(db);
    if (kept?.version !== version) kept = { version, json: keptTopTreeText(db, version) };
    return kept.json;
  };

  // Reads received and not finished, and those of them whose calls were given up.
  const queued = new Set<number>();
  const dropped = new Set<number>();
  const wanted = (id: number, op: string, begun: boolean) => {
    if (!dropped.delete(id)) return true;
    queued.delete(id);
    log.log('debug', 'reads: dropped a read whose call was given up', { op, begun });
    return false;
  };
  // A turn of the loop before each read, so a cancel that came while the last one ran is seen first.
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

  const handle = async (m: Work): Promise<void> => {
    now = new Date(m.now);
    if (m.type === 'read') {
      await turn();
      if (!wanted(m.id, m.op, false)) return;
    }
    if (!loaded && firstScreen(m)) {
      const json = keptFirstScreen();
      if (json !== null) {
        if (m.type === 'read') {
          queued.delete(m.id);
          post({ type: 'done', id: m.id, ok: true, json });
          // The first screen is out: the rest of the lane loads now, before the next view asks.
          setImmediate(() => {
            try {
              load();
            } catch {
              // said by the next read that needs the services
            }
          });
        }
        return;
      }
    }
    const { ops, jsonOf } = load();
    if (m.type === 'warm') return ops.warm(m.part);
    const result = await ops.run(m.op, m.input);
    if (!wanted(m.id, m.op, true)) return;
    queued.delete(m.id);
    if (!result.ok) return post({ type: 'done', id: m.id, ok: false, error: result.error });
    const value = result.value;
    const apart = m.apart;
    if (apart && typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[apart] === 'string') {
      const { [apart]: text, ...rest } = value as Record<string, string>;
      if (!apartFields[apart].bytes) return post({ type: 'done', id: m.id, ok: true, json: JSON.stringify(rest), apart: text });
      const bytes = new TextEncoder().encode(text);
      return port.postMessage({ type: 'done', id: m.id, ok: true, json: JSON.stringify(rest), apart: bytes } satisfies FromReadThread, [bytes.buffer]);
    }
    let json: string;
    try {
      json = jsonOf(value);
    } catch (e) {
      log.log('error', 'reads: an answer could not be serialised', { op: m.op, error: String(e) });
      return post({ type: 'done', id: m.id, ok: false, error: internalError });
    }
    post({ type: 'done', id: m.id, ok: true, json });
  };

  let tail = Promise.resolve();
  return (m) => {
    if (m.type === 'cancel') {
      if (queued.has(m.id)) dropped.add(m.id);
      return;
    }
    if (m.type === 'read') queued.add(m.id);
    tail = tail.then(() =>
      handle(m).catch((e: unknown) => {
        log.log('error', 'reads: a read failed', { lane: data.lane, error: e instanceof Error ? e.message : String(e) });
        if (m.type !== 'read') return;
        queued.delete(m.id);
        post({ type: 'done', id: m.id, ok: false, error: internalError });
      }),
    );
  };
}

// The cache is opened when the core says it is ready (open): the worker may have been started
// first thing in the core's process, while the core still loads and migrates the cache.
let handle: ReturnType<typeof serve> | null = null;
port.on('message', (m: ToReadThread) => {
  if (m.type !== 'open') return handle?.(m);
  const db = open(m.file);
  if (!db) return;
  handle = serve(db);
  post({ type: 'ready' });
});
