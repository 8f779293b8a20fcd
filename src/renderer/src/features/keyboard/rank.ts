import Fuse, { type IFuseOptions } from 'fuse.js';

export type PaletteGroup = 'Views' | 'Stores' | 'Cameras' | 'Actions';
export const paletteGroups: readonly PaletteGroup[] = ['Views', 'Stores', 'Cameras', 'Actions'];

/** What choosing an entry does: open an address of the console (#view/argument), or run an action. */
export type PaletteTarget = { hash: string } | { action: string };

export interface PaletteEntry {
  key: string;
  group: PaletteGroup;
  label: string;
  /** Shown after the label, searched too: a store's region and id, a camera's store and MAC address. */
  detail: string;
  /** A shortcut shown at the right, as the person reads it. */
  hint?: string;
  /** Lower-case label and detail: what the quick pre-filter of a large group reads. */
  text: string;
  target: PaletteTarget;
}

export const paletteEntry = (e: Omit<PaletteEntry, 'text'>): PaletteEntry => ({ ...e, text: `${e.label} ${e.detail}`.toLowerCase() });

export interface GroupResult {
  group: PaletteGroup;
  items: PaletteEntry[];
  /** Every entry of the group that matched (items holds the best of them). */
  total: number;
  /** Fuse's score of the best item: 0 is a perfect match. */
  best: number;
  /** A large group stopped counting: `total` is a lower bound. */
  capped: boolean;
}

// Extended search: each word of the query is matched fuzzily and every word must match (AND) within
// one key; `text` (label and detail) lets words span both ("register madison"), and the label alone
// weighs more: "Register" finds the cameras named so before those of a store named so.
const fuseOptions: IFuseOptions<PaletteEntry> = {
  keys: [
    { name: 'label', weight: 2 },
    { name: 'text', weight: 1 },
  ],
  includeScore: true,
  ignoreLocation: true,
  threshold: 0.34,
  useExtendedSearch: true,
};

/** Above this many entries a group is pre-filtered (each word's letters in order) before Fuse ranks it. */
export const fullFuzzyLimit = 2500;
/** At most this many candidates of a large group reach Fuse (those holding the words whole first). */
const candidateLimit = 400;

/** The query as Fuse's extended search reads it: words only, its operators (=, !, ', ^, $, |) taken out. */
export function queryWords(query: string): string[] {
  return query
    .toLowerCase()
    .replace(/\|/g, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^[=!'^]+/, '').replace(/\$+$/, ''))
    .filter(Boolean);
}

function hasInOrder(word: string, text: string): boolean {
  let at = 0;
  for (const ch of word) {
    at = text.indexOf(ch, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

/** One group's entries, ready to search: small ones indexed once by Fuse, large ones searched in two steps. */
export class PaletteIndex {
  private readonly fuse: Fuse<PaletteEntry> | null;

  constructor(
    readonly group: PaletteGroup,
    readonly entries: readonly PaletteEntry[],
  ) {
    this.fuse = entries.length <= fullFuzzyLimit ? new Fuse(entries, fuseOptions) : null;
  }

  search(query: string, limit: number): GroupResult {
    const words = queryWords(query);
    if (words.length === 0) return { group: this.group, items: this.entries.slice(0, limit), total: this.entries.length, best: 1, capped: false };
    let fuse = this.fuse;
    let capped = false;
    if (!fuse) {
      // Thousands of stores or tens of thousands of cameras: a typing-speed pass picks at most
      // `candidateLimit` entries for Fuse to rank: those where every word starts a word first, then
      // those holding every word whole, then those with each word's letters in order (a typo).
      const tiers: PaletteEntry[][] = [[], [], []];
      const starts = words.map((w) => ` ${w}`);
      for (const e of this.entries) {
        const t = e.text;
        if (words.every((w) => t.includes(w))) {
          if (words.every((w, i) => t.startsWith(w) || t.includes(starts[i]!))) {
            tiers[0]!.push(e);
            if (tiers[0]!.length >= candidateLimit) break;
          } else if (tiers[0]!.length + tiers[1]!.length < candidateLimit) tiers[1]!.push(e);
        } else if (tiers[0]!.length + tiers[1]!.length + tiers[2]!.length < candidateLimit && words.every((w) => hasInOrder(w, t))) tiers[2]!.push(e);
      }
      const candidates = tiers.flat();
      capped = candidates.length >= candidateLimit;
      fuse = new Fuse(candidates.slice(0, candidateLimit), fuseOptions);
    }
    const found = fuse.search(words.join(' '));
    return { group: this.group, items: found.slice(0, limit).map((r) => r.item), total: found.length, best: found[0]?.score ?? 1, capped };
  }
}

/**
 * The results: each group's best entries, groups with a match only, the group holding the best match
 * first (ties in the order Views, Stores, Cameras, Actions). With no query, views and actions only.
 */
export function rankPalette(indexes: readonly PaletteIndex[], query: string, limitPerGroup: number): GroupResult[] {
  const blank = queryWords(query).length === 0;
  const results = indexes
    .filter((i) => !blank || i.group === 'Views' || i.group === 'Actions')
    .map((i) => i.search(query, limitPerGroup))
    .filter((r) => r.items.length > 0);
  const order = (g: PaletteGroup) => paletteGroups.indexOf(g);
  return results.sort((a, b) => (blank ? 0 : a.best - b.best) || order(a.group) - order(b.group));
}
