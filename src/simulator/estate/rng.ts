// Seeded randomness for the estate and the KPI model. Never Math.random: same seed, same numbers.

/** 32-bit integer hash of a list of integers (murmur3-style finaliser per step). */
export function hashInts(...values: number[]): number {
  let h = 0x811c9dc5;
  for (const v of values) {
    h = Math.imul(h ^ (v | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    // Mix the high part of large numbers (e.g. epoch hours) too.
    const hi = Math.floor(v / 4294967296) | 0;
    if (hi !== 0) h = Math.imul(h ^ hi, 0x27d4eb2f);
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

function mix(h: number, v: number): number {
  h = Math.imul(h ^ (v | 0), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  const hi = Math.floor(v / 4294967296) | 0;
  if (hi !== 0) h = Math.imul(h ^ hi, 0x27d4eb2f);
  return h;
}

/** hashInts(a, b, c, d) without the rest-array allocation (the KPI model calls it millions of times). */
export function hash4(a: number, b: number, c: number, d: number): number {
  let h = mix(mix(mix(mix(0x811c9dc5, a), b), c), d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

/** unit(a, b, c, d) without allocation; equal to unit(a, b, c, d). */
export function unit4(a: number, b: number, c: number, d: number): number {
  return hash4(a, b, c, d) / 4294967296;
}

/** Hash a list of integers to a float in [0, 1). */
export function unit(...values: number[]): number {
  return hashInts(...values) / 4294967296;
}

/** Hash of a string to a 32-bit integer (FNV-1a). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, good enough for generating an estate. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = hashInts(seed, 0x5eed) | 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(minInclusive: number, maxInclusive: number): number {
    return minInclusive + Math.floor(this.next() * (maxInclusive - minInclusive + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  hex(length: number): string {
    let s = '';
    while (s.length < length) s += Math.floor(this.next() * 4294967296).toString(16).padStart(8, '0');
    return s.slice(0, length);
  }
  /** A version-1-looking UUID (RetailNext's ids look like time-based UUIDs). */
  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-11${h.slice(14, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  }
  mac(prefix = ''): string {
    const parts = prefix ? prefix.split(':') : [];
    while (parts.length < 6) parts.push(this.hex(2).toUpperCase());
    return parts.join(':');
  }
}

/** Deterministic UUID from integers (for things created on demand, like alerts). */
export function uuidFromInts(...values: number[]): string {
  const h = [0, 1, 2, 3].map((i) => hashInts(...values, i).toString(16).padStart(8, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-11${h.slice(14, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
