import type { EstateModel } from './model';
import { plural } from '../../shared/text/plural';

/** A store's name for display: the RetailNext name, else the name an alert gave it, else "Unknown store". */
export function storeLabel(model: EstateModel, uuid: string | null | undefined): string {
  if (!uuid) return 'No store';
  const loc = model.locationsByUuid.get(uuid);
  if (loc) return loc.name;
  return model.alertOnlyStoreNames.get(uuid) ?? `Unknown store ${uuid.length > 13 ? `${uuid.slice(0, 8)}…` : uuid}`;
}

/** True when the uuid is a RetailNext store of the tree. */
export function isKnownStore(model: EstateModel, uuid: string | null | undefined): boolean {
  return !!uuid && model.locationsByUuid.get(uuid)?.type === 'store';
}

export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${plural(hours, 'hour')}${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
  const days = Math.floor(hours / 24);
  return `${plural(days, 'day')}${hours % 24 ? ` ${plural(hours % 24, 'hour')}` : ''}`;
}

export function formatUtc(iso: string | null): string {
  if (!iso) return 'unknown';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/** UTC epoch ms of a wall-clock time (day yyyy-mm-dd, hour) in a time zone (UTC when unknown or invalid). */
export function zonedToUtc(day: string, hour: number, timeZone: string | null): number {
  const guess = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)), hour);
  if (!timeZone) return guess;
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(guess));
    const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
    const asLocal = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
    return guess - (asLocal - guess);
  } catch {
    return guess;
  }
}

/** The local date (yyyy-mm-dd) and hour of an instant in a time zone. */
export function localDayHour(ms: number, timeZone: string | null): { day: string; hour: number } {
  try {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone: timeZone ?? 'UTC', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit' }).formatToParts(new Date(ms));
    const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
    return { day: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) };
  } catch {
    const d = new Date(ms).toISOString();
    return { day: d.slice(0, 10), hour: Number(d.slice(11, 13)) };
  }
}
