import { AppError } from '../../shared/contract/errors';
import type { Outcome } from './changeLog';

/** Network failures that happen before a request reaches the vendor: nothing was sent. */
const notReached = /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ENETDOWN|EHOSTDOWN|EADDRNOTAVAIL)\b/;

export interface FailedOutcome extends Outcome {
  /** Whether the rest of a run should stop (nothing else can succeed now). */
  stopRun: string | null;
}

/**
 * What a failed write means for the change log: the vendor said no (failed, with its words), the
 * request never left (not sent), or it left and no answer came back (unknown: check first).
 */
export function outcomeOfError(e: unknown, vendor = 'RetailNext'): FailedOutcome {
  if (!(e instanceof AppError)) {
    return { status: 'unknown', message: 'The console failed while sending: RetailNext may or may not have applied it. Check before sending again.', stopRun: null };
  }
  const http = e.detail ? /^HTTP (\d{3})(?::\s*([\s\S]*))?$/.exec(e.detail) : null;
  if (http) {
    const status = Number(http[1]);
    const said = http[2]?.trim() || null;
    const stop = status === 401 ? `${vendor} refused the credentials: the other rows were not sent. Check the keys in the connection settings, then retry.` : null;
    return { status: 'failed', vendorStatus: status, vendorMessage: said, message: e.message, stopRun: stop };
  }
  if (e.code === 'cancelled') return { status: 'not_sent', message: 'Cancelled before it was sent.', stopRun: null };
  if (e.code === 'offline' && e.detail && notReached.test(e.detail)) {
    return {
      status: 'not_sent',
      message: `Not sent: ${e.message} Nothing was queued; retry once ${vendor} can be reached.`,
      stopRun: `${vendor} cannot be reached, so the remaining rows were not sent (nothing is queued). Retry once the network is back.`,
    };
  }
  if (e.code === 'offline' || e.code === 'timeout') {
    return { status: 'unknown', message: `${e.message} The request had left: ${vendor} may or may not have applied it. Check before sending again.`, stopRun: null };
  }
  if (e.code === 'bad_response') {
    return { status: 'unknown', message: `${e.message} ${vendor} answered, but the answer could not be read: check whether it was applied.`, stopRun: null };
  }
  return { status: 'failed', message: e.message, vendorMessage: e.detail ?? null, stopRun: null };
}
