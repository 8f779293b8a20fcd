import { defaultAuditSettings } from '../../../../shared/audit/rules';

/** A device heard within this long is not quiet (the audit's default for "Device not heard from"). */
const RECENT_MS = defaultAuditSettings.quietMinutes * 60_000;

export type HeardSince = 'back' | 'quiet-again' | 'quiet';

/**
 * A "haven't heard" alert beside the device's own last heard: heard after the alert was raised and
 * recently, the device is back and the alert may be out of date; heard after it but long ago, it
 * went quiet again; heard before it, it has been quiet since. Null when a time is missing.
 */
export function heardSince(lastHeard: string | null | undefined, raised: string | null | undefined, now: number): HeardSince | null {
  const heard = Date.parse(lastHeard ?? '');
  const at = Date.parse(raised ?? '');
  if (Number.isNaN(heard) || Number.isNaN(at)) return null;
  if (heard <= at) return 'quiet';
  return now - heard <= RECENT_MS ? 'back' : 'quiet-again';
}

export const heardSinceWords: Record<HeardSince, { text: string; title: string }> = {
  back: { text: 'heard since the alert', title: 'The device was heard after this alert was raised, within the last hour: the alert may be out of date.' },
  'quiet-again': { text: 'heard after the alert, quiet again', title: 'The device was heard after this alert was raised, but not within the last hour.' },
  quiet: { text: 'not heard since the alert', title: 'The device has not been heard since the alert was raised.' },
};
