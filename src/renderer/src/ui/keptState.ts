import { useCallback, useMemo, useRef } from 'react';
import { create } from 'zustand';
import { persist, type PersistOptions, type PersistStorage, type StorageValue } from 'zustand/middleware';
import { isRecord, type Read } from '../../../shared/app/keptShape';

/**
 * State that stays: each view's query, filters, search, sort, selection and drafts, kept with zustand's
 * `persist` in one way for every view (this module), so a view shows what it showed when the user
 * switches away and back or reloads the page.
 *
 * Where: `session` (sessionStorage, the default) for view state. It lasts as long as the window: a reload
 * or a core restart keeps it, a new window or a restart of the console starts clean, so a report result or a
 * filter from an older version of the console (or of its data) is never shown after an update, and the
 * cached figures do not stay on disk in a second place. `local` (localStorage) only for the few choices
 * that should outlive a restart: the last view (the "last view remembered").
 *
 * Never secrets: only what a view chose to keep (its `pick`), and nothing the core holds as a secret ever
 * reaches the renderer. Every stored shape has a version; its `read` takes what it can from a value
 * of any version and ignores the rest, so bad or old stored data never breaks a view.
 */

export type Keep = 'session' | 'local';

export const keptPrefix = 'roc.view.';

export interface KeptOptions<S, P> {
  /** The storage key is `roc.view.<name>`. */
  name: string;
  /** Raised when the kept shape changes; `read` gets the stored version to translate older shapes. */
  version: number;
  /** What is kept of the state (never secrets, never what can be asked again cheaply). */
  pick(state: S): P;
  /** What of a stored value can be used (each field checked), or null to drop it. Must not throw. */
  read(stored: unknown, version: number): Partial<P> | null;
  keep?: Keep;
  /** A smaller version to keep when the storage is full (e.g. the query without its large result). */
  shrink?(kept: P): P;
}

function storageOf(keep: Keep): Storage | null {
  try {
    return keep === 'local' ? window.localStorage : window.sessionStorage;
  } catch {
    return null; // storage disabled (a locked-down browser): the state lasts while the page is open
  }
}

/** JSON in the browser's storage that never throws: unreadable is nothing, full keeps the smaller part. */
export function keptStorage<P>(keep: Keep, shrink?: (kept: P) => P): PersistStorage<P> {
  return {
    getItem(name) {
      try {
        const text = storageOf(keep)?.getItem(name);
        if (!text) return null;
        const value: unknown = JSON.parse(text);
        if (!isRecord(value) || typeof value.version !== 'number' || !('state' in value)) return null;
        return value as unknown as StorageValue<P>;
      } catch {
        return null;
      }
    },
    setItem(name, value) {
      const store = storageOf(keep);
      if (!store) return;
      try {
        store.setItem(name, JSON.stringify(value));
      } catch {
        // Full (a very large report) or refused: the smaller part if there is one, and never an older value.
        try {
          if (shrink) store.setItem(name, JSON.stringify({ ...value, state: shrink(value.state) }));
          else store.removeItem(name);
        } catch {
          try {
            store.removeItem(name);
          } catch {
            // nothing more to do: the state lasts while the page is open
          }
        }
      }
    },
    removeItem(name) {
      try {
        storageOf(keep)?.removeItem(name);
      } catch {
        // as above
      }
    },
  };
}

/** The `persist` options of a view's store: `create<S>()(persist(creator, kept({...})))`. */
export function kept<S, P>(o: KeptOptions<S, P>): PersistOptions<S, P> {
  const safeRead = (stored: unknown, version: number): Partial<P> => {
    try {
      return o.read(stored, version) ?? {};
    } catch {
      return {};
    }
  };
  return {
    name: keptPrefix + o.name,
    version: o.version,
    storage: keptStorage<P>(o.keep ?? 'session', o.shrink),
    partialize: (s) => o.pick(s),
    // Another version's shape: `read` takes what it still understands (then merge reads it as current).
    migrate: (stored, version) => safeRead(stored, version) as P,
    merge: (stored, current) => ({ ...current, ...safeRead(stored, o.version) }),
  };
}

interface KeptFields {
  fields: Record<string, unknown>;
  put(key: string, value: unknown): void;
}

/** The kept values of views' own fields (form drafts, searches) held in components, by key. */
export const useKeptFields = create<KeptFields>()(
  persist(
    (set) => ({
      fields: {},
      put: (key, value) => set((s) => ({ fields: { ...s.fields, [key]: value } })),
    }),
    kept<KeptFields, Pick<KeptFields, 'fields'>>({
      name: 'fields',
      version: 1,
      pick: (s) => ({ fields: s.fields }),
      read: (stored) => (isRecord(stored) && isRecord(stored.fields) ? { fields: stored.fields } : null),
    }),
  ),
);

/**
 * useState that stays (in sessionStorage, see above): `key` names the field ("exports.form.from"),
 * `read` checks the stored value (a value that does not read gives `initial`).
 */
export function useKept<T>(key: string, initial: T, read: Read<T>): [T, (next: T | ((prev: T) => T)) => void] {
  const first = useRef(initial).current;
  const stored = useKeptFields((s) => s.fields[key]);
  // Read once per stored value, so an array or object keeps its identity between renders.
  const value = useMemo(() => (stored === undefined ? first : (read(stored) ?? first)), [stored, first]); // read: the caller's constant
  const setValue = useCallback(
    (next: T | ((prev: T) => T)) => {
      const { fields, put } = useKeptFields.getState();
      const prevRaw = fields[key];
      const prev = prevRaw === undefined ? first : (read(prevRaw) ?? first);
      put(key, typeof next === 'function' ? (next as (p: T) => T)(prev) : next);
    },
    [key, first], // read: the caller's constant
  );
  return [value, setValue];
}
