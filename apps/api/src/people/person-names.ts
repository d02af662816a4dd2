import { normalizeName } from '@newsdesk/contracts';

/**
 * How people are found by name. Every name is folded with the contracts' `normalizeName` (the same
 * folding the transcript resolver uses), and stored as search keys in three tiers:
 *   1 the full name (display name, and "given family");
 *   2 the family name, and every later word of a full name ("assad" and "al-assad" of "Bashar al-Assad");
 *   3 aliases, whole and from each later word.
 * A search is a prefix match on these keys; a person ranks by their best key (exact match first,
 * then the lowest tier).
 */
export const SEARCH_TIERS = [1, 2, 3] as const;
export type SearchTier = (typeof SEARCH_TIERS)[number];

/** Longest key stored (folded names are short; this only bounds a pathological alias). */
const KEY_MAX = 200;

export interface NamedPerson {
  displayName: string;
  givenName: string;
  familyName: string;
  aliases: readonly string[];
}

export function personSearchKeys(person: NamedPerson): Array<{ key: string; tier: SearchTier }> {
  const keys = new Map<string, SearchTier>();
  const add = (folded: string, tier: SearchTier) => {
    const key = folded.slice(0, KEY_MAX).trim();
    if (!key) return;
    const existing = keys.get(key);
    if (existing === undefined || tier < existing) keys.set(key, tier);
  };
  const addWithWords = (name: string, wholeTier: SearchTier, wordTier: SearchTier) => {
    const folded = normalizeName(name);
    add(folded, wholeTier);
    for (let i = 1; i < folded.length; i++) {
      if (folded[i - 1] === ' ' || folded[i - 1] === '-') add(folded.slice(i), wordTier);
    }
  };
  addWithWords(person.displayName, 1, 2);
  addWithWords(`${person.givenName} ${person.familyName}`, 1, 2);
  add(normalizeName(person.familyName), 2);
  for (const alias of person.aliases) addWithWords(alias, 3, 3);
  return [...keys].map(([key, tier]) => ({ key, tier }));
}

/** The list order: family name, then given name, folded. */
export function sortName(person: Pick<NamedPerson, 'givenName' | 'familyName'>): string {
  return normalizeName(`${person.familyName} ${person.givenName}`);
}

/**
 * The key range [low, high) of all keys starting with `prefix`, in byte order (the keys are
 * COLLATE "C"), so a btree range scan finds them, whatever the plan. `high` is null when no
 * upper bound can be formed (a prefix of only U+10FFFF characters).
 */
export function prefixRange(prefix: string): { low: string; high: string | null } {
  const chars = Array.from(prefix);
  for (let char = chars.pop(); char !== undefined; char = chars.pop()) {
    const last = char.codePointAt(0) ?? 0;
    let next = last + 1;
    if (next >= 0xd800 && next <= 0xdfff) next = 0xe000; // skip the surrogate range
    if (next <= 0x10ffff) return { low: prefix, high: chars.join('') + String.fromCodePoint(next) };
  }
  return { low: prefix, high: null };
}
