import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { followSignals } from '../../src/main/platform/signals';
import { untilAborted } from '../../src/shared/async/untilAborted';
import { sleep } from '../../src/main/vendors/http/backoff';
import { isAppError } from '../../src/shared/contract/errors';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'answered';
  } catch (e) {
    return isAppError(e) ? e.code : String(e);
  }
}

describe('untilAborted: the one wait that a signal can end', () => {
  it('gives what the wait gives (or its error) and leaves no listener on a long-lived signal', async () => {
    const longLived = new AbortController();
    expect(await untilAborted(Promise.resolve(7), longLived.signal)).toBe(7);
    expect(await codeOf(untilAborted(Promise.reject(new Error('boom')), longLived.signal))).toBe('Error: boom');
    expect(getEventListeners(longLived.signal, 'abort')).toHaveLength(0);
  });

  it('answers "cancelled" as soon as the signal aborts, runs the waiter\'s undo once, and keeps no listener', async () => {
    const controller = new AbortController();
    let undone = 0;
    const never = new Promise<number>(() => undefined);
    const waiting = codeOf(untilAborted(never, controller.signal, () => undone++));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort();
    expect(await waiting).toBe('cancelled');
    expect(undone).toBe(1);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('a signal already aborted: "cancelled" without waiting, and the undo still runs', async () => {
    let undone = 0;
    expect(await codeOf(untilAborted(new Promise(() => undefined), AbortSignal.abort(), () => undone++))).toBe('cancelled');
    expect(undone).toBe(1);
  });

  it("backoff's sleep ends at the abort, not at its delay, and clears its timer", async () => {
    const controller = new AbortController();
    const slept = codeOf(sleep(60_000, controller.signal));
    controller.abort();
    expect(await slept).toBe('cancelled');
    expect(await codeOf(sleep(1, new AbortController().signal))).toBe('answered');
  });
});

describe('followSignals', () => {
  it('aborts with any source or its own stop, and done() takes its listeners off the sources', () => {
    const a = new AbortController();
    const b = new AbortController();
    const first = followSignals([a.signal, undefined, b.signal]);
    b.abort();
    expect(first.signal.aborted).toBe(true);
    first.done();
    expect(getEventListeners(a.signal, 'abort')).toHaveLength(0);

    const second = followSignals([a.signal]);
    expect(second.signal.aborted).toBe(false);
    second.stop();
    expect(second.signal.aborted).toBe(true);
    expect(a.signal.aborted).toBe(false);
    second.done();
    expect(getEventListeners(a.signal, 'abort')).toHaveLength(0);
  });
});
