import type { z } from 'zod';
import type { Db } from '../db/open';

/** One group of the user's settings, kept as JSON in it_settings under its name. */
export interface SavedSettings<T> {
  load(db: Db): T;
  /** Saves them (null: back to the defaults) and reads them back as load would. */
  save(db: Db, settings: T | null, now: Date): T;
}

/**
 * What was saved is laid over the defaults, and so is its `perItem` map (the rules switched on, the
 * datasets scheduled), so that a rule or dataset added in a later version comes with its default;
 * what the schema refuses (a cache edited by hand, or written by a version whose settings had
 * another shape) reads as the defaults.
 */
export function savedSettings<S extends z.ZodType<Record<string, unknown>>>(name: string, schema: S, defaults: z.output<S>, perItem: keyof z.output<S> & string): SavedSettings<z.output<S>> {
  const overDefaults = (saved: Record<string, unknown>) => ({
    ...defaults,
    ...saved,
    [perItem]: { ...(defaults[perItem] as object), ...((saved[perItem] as object | undefined) ?? {}) },
  });
  const load = (db: Db): z.output<S> => {
    const row = db.prepare('SELECT value FROM it_settings WHERE name = ?').get(name) as { value: string } | undefined;
    if (!row) return structuredClone(defaults);
    try {
      const parsed = schema.safeParse(overDefaults(JSON.parse(row.value) as Record<string, unknown>));
      return parsed.success ? parsed.data : structuredClone(defaults);
    } catch {
      return structuredClone(defaults);
    }
  };
  return {
    load,
    save(db, settings, now) {
      if (settings === null) db.prepare('DELETE FROM it_settings WHERE name = ?').run(name);
      else db.prepare('INSERT INTO it_settings (name, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at').run(name, JSON.stringify(settings), now.toISOString());
      return load(db);
    },
  };
}
