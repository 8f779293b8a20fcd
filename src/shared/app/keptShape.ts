/**
 * Readers for view state read back from the browser's storage (see src/renderer/src/ui/keptState.ts).
 * What was stored may be from another version, edited by hand or cut short: each reader returns the
 * value when it has the expected shape and undefined otherwise, never throws, and keeps only known
 * fields, so a bad stored value falls back to the view's default instead of breaking the view.
 */

export type Read<T> = (v: unknown) => T | undefined;

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const readString: Read<string> = (v) => (typeof v === 'string' && v.length <= 2000 ? v : undefined);
export const readBoolean: Read<boolean> = (v) => (typeof v === 'boolean' ? v : undefined);
export const readNumber: Read<number> = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function readOneOf<T extends string>(choices: readonly T[]): Read<T> {
  return (v) => (typeof v === 'string' && (choices as readonly string[]).includes(v) ? (v as T) : undefined);
}

/** An array whose every item reads (a bad item drops the whole array: its meaning may have changed). */
export function readArray<T>(item: Read<T>, max = 10_000): Read<T[]> {
  return (v) => {
    if (!Array.isArray(v) || v.length > max) return undefined;
    const out: T[] = [];
    for (const x of v) {
      const r = item(x);
      if (r === undefined) return undefined;
      out.push(r);
    }
    return out;
  };
}

/** A string-keyed map whose values read; entries that do not read are left out. */
export function readRecordOf<T>(item: Read<T>, max = 1000): Read<Record<string, T>> {
  return (v) => {
    if (!isRecord(v)) return undefined;
    const out: Record<string, T> = {};
    for (const [k, x] of Object.entries(v).slice(0, max)) {
      const r = item(x);
      if (r !== undefined) out[k] = r;
    }
    return out;
  };
}

type Readers<T> = { [K in keyof T]-?: Read<NonNullable<T[K]>> };

/**
 * An object read field by field: fields that do not read are left out (optional fields), unless
 * listed in `required`, when the whole object is refused.
 */
export function readObject<T extends object>(fields: Readers<T>, required: ReadonlyArray<keyof T> = []): Read<T> {
  return (v) => {
    if (!isRecord(v)) return undefined;
    const out: Partial<T> = {};
    for (const key of Object.keys(fields) as Array<keyof T>) {
      const raw = v[key as string];
      const r = raw === undefined || raw === null ? undefined : fields[key](raw);
      if (r === undefined) {
        if (required.includes(key)) return undefined;
        continue;
      }
      out[key] = r as T[keyof T];
    }
    return out as T;
  };
}

/** A value nullable in the state: null reads as null, anything else through `read`. */
export function readNullable<T>(read: Read<T>): Read<T | null> {
  return (v) => (v === null ? null : read(v));
}

/**
 * The fields of a kept state that read, each by its reader: what the stored value gives (others keep
 * the view's defaults), or null when it is not an object at all.
 */
export function readFields<T extends object>(stored: unknown, fields: { [K in keyof T]?: Read<T[K]> }): Partial<T> | null {
  if (!isRecord(stored)) return null;
  const out: Partial<T> = {};
  for (const key of Object.keys(fields) as Array<keyof T>) {
    const r = fields[key]!(stored[key as string]);
    if (r !== undefined) out[key] = r;
  }
  return out;
}
