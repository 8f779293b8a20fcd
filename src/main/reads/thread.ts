/**
 * A read worker thread (started by service.ts through platform/threads.ts): one lane of heavy reads
 * (the estate model, store trees, inventory and audit tables; or reports) on its own read-only
 * connection to the WAL cache, so the core's loop keeps answering cheap calls while they run.
 * Answers go back as JSON text, which the core relays without parsing. Reads run one at a time, in
 * the order they came; a read whose call was given up is skipped if it has not begun, and its answer
 * is not sent if it has (a read runs synchronously, so it is not stopped half-way: what it builds, a
 * model or a tree, is kept for the next read anyway).
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { CoreContext } from '../core/context';
import type { Logger } from '../log/logger';
import { AppError } from '../../shared/contract/errors';
import { readOps } from './ops';
import type { FromReadThread, ReadThreadData, ToReadThread } from './protocol';
import { stepBackThisThread } from '../platform/priority';

// The windows and the core's cheap calls come before a heavy read (platform/priority.ts).
stepBackThisThread('readThread');

const data = workerData as ReadThreadData;
const port = parentPort!;
const post = (m: FromReadThread) => port.postMessage(m);

function open(): Database.Database | null {
  try {
    const db = new Database(data.file, { readonly: true, fileMustExist: true, ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}) });
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -16384');
    return db;
  } catch (e) {
    post({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
    return null;
  }
}

function serve(db: Database.Database): void {
  let now = new Date();
  const log: Logger = { log: (level, message, fields) => post({ type: 'log', level, message, fields }) };
  const refuse = () => Promise.reject(new AppError('internal', 'A read worker holds no secrets.'));
  const ctx: CoreContext = {
    db,
    secrets: { get: refuse, set: refuse, delete: refuse },
    log,
    dataDir: data.dataDir,
    now: () => now,
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
  let tail = Promise.resolve();
  port.on('message', (m: ToReadThread) => {
    if (m.type === 'cancel') {
      if (queued.has(m.id)) dropped.add(m.id);
      return;
    }
    if (m.type === 'read') queued.add(m.id);
    tail = tail.then(async () => {
      now = new Date(m.now);
      if (m.type === 'warm') return ops.warm(m.part);
      await turn();
      if (!wanted(m.id, m.op, false)) return;
      const result = await ops.run(m.op, m.input);
      if (!wanted(m.id, m.op, true)) return;
      queued.delete(m.id);
      if (!result.ok) return post({ type: 'done', id: m.id, ok: false, error: result.error });
      let json: string;
      try {
        json = jsonOf(result.value);
      } catch (e) {
        log.log('error', 'reads: an answer could not be serialised', { op: m.op, error: String(e) });
        return post({ type: 'done', id: m.id, ok: false, error: { code: 'internal', message: 'Something went wrong inside the console. The details are in its log.' } });
      }
      post({ type: 'done', id: m.id, ok: true, json });
    });
  });
  post({ type: 'ready' });
}

const db = open();
if (db) serve(db);
