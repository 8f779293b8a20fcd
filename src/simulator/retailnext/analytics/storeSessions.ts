/**
 * Store hours as sessions: the opening of local day D, possibly running past midnight into D+1
 * (close <= open). Buckets after midnight of an overnight session belong to day D and carry the
 * "+" prefix RetailNext uses for hours that overlap the following day.
 */
import type { Store } from '../../estate/types';
import { MS, toNaive, fromNaive } from './zonedTime';

export interface Session {
  /** local day (naive ms at midnight) the session belongs to */
  day: number;
  startMs: number;
  endMs: number;
}

export interface Attribution {
  session: Session;
  /** '' within the day, '+' when it spills into the following day */
  prefix: '' | '+';
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

const sessionCache = new WeakMap<Store, Map<number, { hours: unknown; tz: string; session: Session | null }>>();

export function sessionOfDay(store: Store, day: number): Session | null {
  const weekday = new Date(day).getUTCDay();
  const hours = store.hours[weekday];
  let perStore = sessionCache.get(store);
  if (!perStore) {
    perStore = new Map();
    sessionCache.set(store, perStore);
  }
  const cached = perStore.get(day);
  // store hours and zone can be edited at runtime: the cache entry must match them
  if (cached && cached.hours === hours && cached.tz === store.time_zone) return cached.session;
  let session: Session | null = null;
  if (hours) {
    const open = minutesOf(hours.open);
    let close = minutesOf(hours.close);
    if (close <= open) close += 24 * 60;
    session = {
      day,
      startMs: fromNaive(day + open * MS.MINUTE, store.time_zone),
      endMs: fromNaive(day + close * MS.MINUTE, store.time_zone),
    };
  }
  if (perStore.size > 20_000) perStore.clear();
  perStore.set(day, { hours, tz: store.time_zone, session });
  return session;
}

/** The store-hours session an instant falls in, if any. */
export function attribute(store: Store, t: number): Attribution | null {
  const day = Math.floor(toNaive(t, store.time_zone) / MS.DAY) * MS.DAY;
  const today = sessionOfDay(store, day);
  if (today && t >= today.startMs && t < today.endMs) return { session: today, prefix: '' };
  const yesterday = sessionOfDay(store, day - MS.DAY);
  if (yesterday && t >= yesterday.startMs && t < yesterday.endMs) return { session: yesterday, prefix: '+' };
  return null;
}

export function isOvernight(store: Store): boolean {
  return store.hours.some((h) => h !== null && minutesOf(h.close) <= minutesOf(h.open));
}
