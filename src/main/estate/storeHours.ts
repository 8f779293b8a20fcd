import { zoneOffsetMs } from '../../shared/time/zoneOffset';
import type { Db } from '../db/open';

// Store hours from the cache, read where a view needs to know whether a store is open (the occupancy
// correction's conditions, the occupancy board's "no reading" note).

/** Wall-clock ms (the instant as if the zone were UTC) of an instant in a zone; UTC when the zone is unknown. */
export function wallMs(ms: number, tz: string | null): number {
  if (!tz) return ms;
  try {
    return ms + zoneOffsetMs(tz, ms);
  } catch {
    return ms;
  }
}

/**
 * Whether the store is open at an instant by its cached hours (local wall-clock times, written with a
 * Z as RetailNext's store hours are). Yesterday's hours count too: a store may close after midnight.
 */
export function openAt(db: Db, connectionId: string, storeUuid: string, tz: string | null, instantMs: number): { open: boolean | null; hours: { open: string | null; close: string | null } | null } {
  const wall = wallMs(instantMs, tz);
  const day = new Date(wall).toISOString().slice(0, 10);
  const yesterday = new Date(wall - 86_400_000).toISOString().slice(0, 10);
  const rows = db.prepare('SELECT day, open, close FROM cached_store_hours WHERE connection_id = ? AND store_uuid = ? AND day IN (?, ?)').all(connectionId, storeUuid, day, yesterday) as Array<{ day: string; open: string | null; close: string | null }>;
  const anyHours = db.prepare('SELECT 1 FROM cached_store_hours WHERE connection_id = ? AND store_uuid = ? LIMIT 1').get(connectionId, storeUuid) !== undefined;
  const today = rows.find((r) => r.day === day);
  const hours = today ? { open: today.open?.slice(11, 16) ?? null, close: today.close?.slice(11, 16) ?? null } : null;
  if (!anyHours) return { open: null, hours: null };
  // The cache covers a range of days: a store with cached hours but none today is closed today.
  const inside = rows.some((r) => {
    const o = r.open ? Date.parse(r.open) : NaN;
    const c = r.close ? Date.parse(r.close) : NaN;
    return !Number.isNaN(o) && !Number.isNaN(c) && wall >= o && wall < c;
  });
  const covered = db.prepare('SELECT min(day) AS a, max(day) AS b FROM cached_store_hours WHERE connection_id = ? AND store_uuid = ?').get(connectionId, storeUuid) as { a: string; b: string };
  const known = day >= covered.a && day <= covered.b;
  return { open: inside ? true : known ? false : null, hours };
}

