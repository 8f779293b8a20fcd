import type { Finding, FindingSubject } from './rules';

/**
 * Since when a finding holds, as far as the cache can tell: a time (last heard, last update), a
 * day (the day counted), or not known (a setting: the vendor does not say when it changed, only
 * that it was so in the data fetched at `seenAt`). `note` is a whole sentence.
 */
export type FindingSince =
  | { kind: 'time'; label: string; at: string }
  | { kind: 'day'; label: string; day: string }
  | { kind: 'unknown'; note: string; seenAt: string | null };

const vendorOf = (subject: FindingSubject) => (subject === 'exteros_location' ? 'Exteros' : subject === 'store' ? 'The vendor' : 'RetailNext');

/** `seenAt`: when the data the finding was read from was fetched (the device's inventory), if known. */
export function findingSince(f: Finding, seenAt: string | null): FindingSince {
  const day = f.at && /^\d{4}-\d{2}-\d{2}$/.test(f.at) ? f.at : null;
  switch (f.rule) {
    case 'quiet':
      if (f.at) return { kind: 'time', label: 'Not heard from since', at: f.at };
      return { kind: 'unknown', note: 'Not known: the inventory does not say when this device was last heard.', seenAt };
    case 'exteros_stale':
      if (f.at) return { kind: 'time', label: 'No new data since', at: f.at };
      return { kind: 'unknown', note: 'Not known: Exteros sent no counts for this location in any synced day.', seenAt };
    case 'traffic_validity':
      if (day) return { kind: 'day', label: 'Flagged hours up to', day };
      break;
    case 'in_out_imbalance':
      if (day) return { kind: 'day', label: 'On', day };
      break;
    default:
      break;
  }
  return { kind: 'unknown', note: `Not known: ${vendorOf(f.subject).replace(/^The/, 'the')} does not say when this changed.`, seenAt };
}
