import type { z } from 'zod';
import { calls, isCallName } from '../../shared/contract/calls';
import { AppError, fail, ok, type Result } from '../../shared/contract/errors';
import { maxInputBytes } from '../../shared/contract/limits';
import type { Logger } from '../log/logger';
import { followSignals } from '../platform/signals';
import type { CallContext } from './context';
import type { Handlers } from './handlers';

/** A call by name; `signal` is the caller's (a cancelled call, a closing core) and reaches the handler. */
export type Invoke = (name: unknown, input: unknown, signal?: AbortSignal) => Promise<Result<unknown>>;

/**
 * The boundary every shell goes through: checks the call's name and size, validates its input
 * against the contract, runs the handler and turns whatever happens into a typed result. Nothing
 * thrown here reaches a shell, so a malformed call can never take the main process down.
 */
export function createDispatcher(handlers: Handlers, log: Logger, closing?: AbortSignal): Invoke {
  return async (name, input, signal) => {
    if (!isCallName(name)) {
      return fail('unknown_call', 'The console asked for something this version does not know.', `unknown call ${describe(name)}`);
    }
    const size = serialisedSize(input === undefined ? {} : input);
    if (size === null) return fail('invalid_input', 'The request could not be read.', 'input is not plain JSON');
    if (size > maxInputBytes) {
      return fail('payload_too_large', 'The request is too large.', `${size} bytes; the limit is ${maxInputBytes}`);
    }
    const schema: z.ZodType = calls[name].input;
    const parsed = schema.safeParse(input === undefined ? {} : input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
      return fail('invalid_input', issue?.message ?? 'The request is not valid.', where ? `field ${where}` : undefined);
    }
    const call = followSignals([signal, closing]);
    try {
      const handler = handlers[name] as (input: unknown, call: CallContext) => Promise<unknown>;
      return ok(await handler(parsed.data, { signal: call.signal }));
    } catch (e) {
      return { ok: false, error: realCause(toAppError(e, name, log), call.signal, name, log).toContractError() };
    } finally {
      call.done();
    }
  };
}

export function toAppError(e: unknown, where: string, log: Logger): AppError {
  if (e instanceof AppError) return e;
  const code = (e as { code?: unknown }).code;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new AppError('disk_full', 'The disk is full, so nothing was saved. Free some space and try again; the previous data is intact.');
  }
  log.log('error', 'unexpected failure', { call: where, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  return new AppError('internal', 'Something went wrong inside the console. The details are in its log.');
}

/**
 * "Cancelled" only when the call was: a cancellation nobody asked for (a part of the work stopped
 * because a sibling failed, whose cause was lost) is told as what it is, never as "cancelled".
 */
function realCause(error: AppError, signal: AbortSignal, where: string, log: Logger): AppError {
  if (error.code !== 'cancelled' || signal.aborted) return error;
  log.log('error', 'a call stopped as cancelled though nobody cancelled it', { call: where, detail: error.detail ?? error.message });
  return new AppError('internal', 'This request stopped part-way though nobody cancelled it, and the cause was not kept. The details are in the console\'s log; try again.');
}

function serialisedSize(value: unknown): number | null {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? null : Buffer.byteLength(text);
  } catch {
    return null;
  }
}

function describe(name: unknown): string {
  return typeof name === 'string' ? JSON.stringify(name.slice(0, 80)) : typeof name;
}
