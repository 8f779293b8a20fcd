/** One connection that cannot be reached: its name (when known), its vendor's name, and what it said last. */
export interface OfflineReason {
  id: string;
  name?: string;
  vendor?: string;
  message: string;
}

/** Connections that failed for the same cause, and that cause said once for all of them. */
export interface OfflineCause {
  ids: string[];
  /** The connections' names, in the order they failed (empty when a name is not known). */
  names: string[];
  /** The vendor's name, for a cause of one connection. */
  vendor?: string;
  message: string;
}

const slot = '\u0000';

/**
 * Groups the connections that failed for the same cause: the vendors' messages differ only in the
 * vendor's name ("The connection to Flow dropped…", "The connection to Exteros dropped…"), so the
 * message with that name taken out is the cause. A cause shared by several says "each of them"
 * where its vendor's name stood; a cause of one keeps its own words. Order: as first failed.
 */
export function groupOfflineReasons(reasons: OfflineReason[]): OfflineCause[] {
  const byCause = new Map<string, OfflineReason[]>();
  for (const r of reasons) {
    const cause = r.vendor ? r.message.split(r.vendor).join(slot) : r.message;
    byCause.set(cause, [...(byCause.get(cause) ?? []), r]);
  }
  return [...byCause.entries()].map(([cause, rs]) => {
    const names = rs.every((r) => r.name) ? rs.map((r) => r.name!) : [];
    const message = rs.length === 1 ? rs[0]!.message : (cause.startsWith(slot) ? `Each of them${cause.slice(1)}` : cause).split(slot).join('each of them');
    return { ids: rs.map((r) => r.id), names, vendor: rs.length === 1 ? rs[0]!.vendor : undefined, message };
  });
}

/**
 * The cause without a first sentence that repeats what the banner has just said ("Flow cannot be
 * reached."), so the banner does not say it twice.
 */
export function withoutCannotBeReached({ message, vendor }: OfflineCause): string {
  const lead = `${vendor ?? 'Each of them'} cannot be reached. `;
  return message.startsWith(lead) ? message.slice(lead.length) : message;
}

/** "A", "A and B", "A, B and C"; more than four: "A, B, C and 3 more". */
export function listNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  const shown = names.length > 4 ? [...names.slice(0, 3), `${names.length - 3} more`] : names;
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
