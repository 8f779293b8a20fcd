import { untilAborted } from '../../../shared/async/untilAborted';
import { cancelledError } from '../../../shared/contract/errors';

/**
 * One piece of work whose answer several callers share (a vendor read kept for a few minutes): it
 * runs with a signal of its own, which stops only once every caller that joined has given up while it
 * was still running. A caller who gives up hears "cancelled" at once; the others keep waiting for the
 * same answer. A caller without a signal never gives up, so the work always runs to its end for it.
 */
export class SharedRequest<T> {
  readonly answer: Promise<T>;
  private readonly stop = new AbortController();
  private waiting = 0;
  private kept = false;
  private settled = false;

  constructor(work: (signal: AbortSignal) => Promise<T>) {
    this.answer = work(this.stop.signal);
    const settle = () => void (this.settled = true);
    this.answer.then(settle, settle);
  }

  /** True once every caller gave up before the answer came: the work was stopped. */
  get stopped(): boolean {
    return this.stop.signal.aborted;
  }

  /** The shared answer for one caller, who may give up through `signal` without stopping the others. */
  join(signal?: AbortSignal): Promise<T> {
    if (!signal) {
      this.kept = true;
      return this.answer;
    }
    if (signal.aborted) return Promise.reject(cancelledError());
    if (this.settled) return this.answer;
    this.waiting++;
    return untilAborted(this.answer, signal, () => {
      this.waiting--;
      if (this.waiting === 0 && !this.kept && !this.settled) this.stop.abort();
    });
  }
}
