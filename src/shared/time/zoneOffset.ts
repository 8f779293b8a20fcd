import { tzOffset } from '@date-fns/tz';

// The one place the console asks how far an IANA time zone is from UTC (reports, exports, the
// simulator): @date-fns/tz reads it from Intl; this caches it per zone and quarter hour, the finest
// step at which zones change their offset, because reports and the simulator ask it in hot loops.

const quarterHourMs = 900_000;
const offsets = new Map<string, Map<number, number>>();

/** Offset of the zone from UTC at an instant, in ms (wall clock = instant + offset); throws RangeError for an unknown zone. */
export function zoneOffsetMs(timeZone: string, instantMs: number): number {
  let zone = offsets.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsets.set(timeZone, zone);
  }
  const slot = Math.floor(instantMs / quarterHourMs);
  let offset = zone.get(slot);
  if (offset === undefined) {
    const minutes = tzOffset(timeZone, new Date(slot * quarterHourMs));
    if (!Number.isFinite(minutes)) {
      if (zone.size === 0) offsets.delete(timeZone);
      throw new RangeError(`Unknown time zone "${timeZone}"`);
    }
    offset = minutes * 60_000;
    if (zone.size > 200_000) zone.clear();
    zone.set(slot, offset);
  }
  return offset;
}
