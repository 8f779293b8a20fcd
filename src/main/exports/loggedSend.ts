import { randomUUID } from 'node:crypto';
import { AppError, cancelledError, isAppError } from '../../shared/contract/errors';
import type { ChangeLog, NewChange, Outcome } from '../changeLog/changeLog';
import { outcomeOfError } from '../changeLog/outcome';

const previewTtlMs = 30 * 60_000;

/**
 * Previews shown and not yet confirmed. Confirming takes one out before anything is sent, so a
 * second click (or a second window) finds nothing to send.
 */
export class PreviewShelf<T> {
  private readonly open = new Map<string, { value: T; createdMs: number }>();

  constructor(private readonly nowMs: () => number) {}

  put(value: T): string {
    const now = this.nowMs();
    for (const [id, p] of this.open) if (now - p.createdMs > previewTtlMs) this.open.delete(id);
    const id = randomUUID();
    this.open.set(id, { value, createdMs: now });
    return id;
  }

  take(id: string): T {
    const p = this.open.get(id);
    this.open.delete(id);
    if (!p) throw new AppError('conflict', 'This preview was already sent, or it expired: preview it again.');
    return p.value;
  }
}

export type LoggedResult<T> = { changeId: number; ok: true; value: T } | { changeId: number; ok: false; error: AppError; outcome: Outcome };

/**
 * One write to RetailNext through the change log: recorded as being sent before the request leaves,
 * sent once (never retried here), completed with the answer or with the real cause of its failure.
 * `connect` failing (no keys in the keychain...) means nothing was sent.
 *
 * `signal` is the confirming call's. Given up before the request leaves, nothing is sent (the log
 * says "cancelled before it was sent" once it holds the change) and "cancelled" is thrown. Once the
 * request leaves it is never given up half-way: it completes or fails on its own and the log says which.
 * `keep` saves what the answer gave (an export's task id) in the same transaction as the log's "done":
 * a stop can never leave one without the other.
 */
export async function sendLogged<C, T>(log: ChangeLog, change: NewChange, connect: () => Promise<C>, send: (client: C) => Promise<T>, done: (value: T) => { vendorStatus: number; message: string }, signal?: AbortSignal, keep?: (value: T) => void): Promise<LoggedResult<T>> {
  if (signal?.aborted) throw cancelledError();
  const changeId = log.record(change, 'sending');
  let client: C;
  try {
    client = await connect();
  } catch (e) {
    const error = asAppError(e);
    const outcome: Outcome = { status: 'not_sent', message: `Not sent: ${error.message}` };
    log.complete(changeId, outcome);
    return { changeId, ok: false, error, outcome };
  }
  if (signal?.aborted) {
    const { stopRun: _stop, ...outcome } = outcomeOfError(cancelledError());
    log.complete(changeId, outcome);
    throw cancelledError();
  }
  try {
    const value = await send(client);
    log.complete(changeId, { status: 'done', ...done(value) }, keep && (() => keep(value)));
    return { changeId, ok: true, value };
  } catch (e) {
    const { stopRun: _stop, ...outcome } = outcomeOfError(e);
    log.complete(changeId, outcome);
    return { changeId, ok: false, error: asAppError(e), outcome };
  }
}

function asAppError(e: unknown): AppError {
  return isAppError(e) ? e : new AppError('internal', 'The console failed while sending; the details are in the log.', e instanceof Error ? e.message : String(e));
}
