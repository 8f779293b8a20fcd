import { cancelledError } from '../contract/errors';

/**
 * What `waiting` gives, unless `signal` aborts first: then "cancelled" at once, after `onAbort`
 * (which lets the waiter undo its part: clear a timer, leave a queue). The one listener goes as
 * soon as either happens, so a long-lived signal (a sync's) gathers none.
 */
export function untilAborted<T>(waiting: Promise<T>, signal: AbortSignal | undefined, onAbort?: () => void): Promise<T> {
  if (!signal) return waiting;
  if (signal.aborted) {
    onAbort?.();
    return Promise.reject(cancelledError());
  }
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      onAbort?.();
      reject(cancelledError());
    };
    signal.addEventListener('abort', abort, { once: true });
    waiting.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(e);
      },
    );
  });
}
