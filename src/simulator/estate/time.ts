// Time-zone arithmetic for the simulated estate over the shared zone offsets (src/shared/time).
// Every zone the estate uses has whole-hour offsets, so local hours line up with UTC hours.

import { zoneOffsetMs } from '../../shared/time/zoneOffset';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

const dayOffsetCache = new Map<string, Map<number, number | null>>();

/** Offset of the zone from UTC in minutes at an instant (e.g. -480 for PST). */
export function offsetMinutes(timeZone: string, ms: number): number {
  // Most UTC days have one offset all day: two look-ups per zone and day instead of 96.
  let days = dayOffsetCache.get(timeZone);
  if (!days) {
    days = new Map();
    dayOffsetCache.set(timeZone, days);
  }
  const dayKey = Math.floor(ms / DAY_MS);
  let dayOff = days.get(dayKey);
  if (dayOff === undefined) {
    if (days.size > 50_000) days.clear();
    const a = zoneOffsetMs(timeZone, dayKey * DAY_MS);
    const b = zoneOffsetMs(timeZone, dayKey * DAY_MS + DAY_MS - HOUR_MS);
    dayOff = a === b ? a / 60_000 : null;
    days.set(dayKey, dayOff);
  }
  return dayOff ?? zoneOffsetMs(timeZone, ms) / 60_000;
}

export interface LocalParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday
  /** yyyy-mm-dd */
  date: string;
}

export function localParts(timeZone: string, ms: number): LocalParts {
  const d = new Date(ms + offsetMinutes(timeZone, ms) * 60_000);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return {
    year,
    month,
    day,
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
    date: `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`,
  };
}

/** UTC instant of a local wall-clock time (the first one, if DST repeats it). */
export function localToUtc(timeZone: string, date: string, hour = 0, minute = 0): number {
  const wall = Date.parse(`${date}T00:00:00Z`) + hour * HOUR_MS + minute * 60_000;
  let guess = wall - offsetMinutes(timeZone, wall) * 60_000;
  guess = wall - offsetMinutes(timeZone, guess) * 60_000;
  return guess;
}

/** UTC instants of the local hours of a local date (23, 24 or 25 of them). */
export function localDayHours(timeZone: string, date: string): number[] {
  const start = localToUtc(timeZone, date);
  const end = localToUtc(timeZone, addDays(date, 1));
  const hours: number[] = [];
  for (let t = start; t < end; t += HOUR_MS) hours.push(t);
  return hours;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function isIsoDate(s: unknown): s is string {
  return typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
}

function pad(n: number, width = 2): string {
  return String(Math.abs(n)).padStart(width, '0');
}

/** 2021-01-11T11:38:34.942-08:00 (the form RetailNext health alerts use). */
export function formatWithOffset(timeZone: string, ms: number, withMillis = true): string {
  const off = offsetMinutes(timeZone, ms);
  const local = new Date(ms + off * 60_000).toISOString();
  const body = withMillis ? local.slice(0, 23) : local.slice(0, 19);
  const sign = off < 0 ? '-' : '+';
  return `${body}${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}

/** Local wall-clock time without zone: 2026-04-19T11:00:00 (Flow timestamps). */
export function formatLocal(timeZone: string, ms: number): string {
  return new Date(ms + offsetMinutes(timeZone, ms) * 60_000).toISOString().slice(0, 19);
}

export const TIME = { HOUR_MS, DAY_MS } as const;
