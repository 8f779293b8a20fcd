/**
 * A read worker thread (started by service.ts through platform/threads.ts): one lane of heavy reads
 * (the estate model, store trees, inventory and audit tables; or reports) on its own read-only
 * connection to the WAL cache, so the core's loop keeps answering cheap calls while they run.
 * Answers go back as JSON text, which the core relays without parsing. Reads run one at a time, in
 * the order they came.
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

  let tail = Promise.resolve();
  port.on('message', (m: ToReadThread) => {
    tail = tail.then(async () => {
      now = new Date(m.now);
      if (m.type === 'warm') return ops.warm(m.part);
      const result = await ops.run(m.op, m.input);
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
