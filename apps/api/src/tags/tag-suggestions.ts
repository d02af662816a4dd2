import type { TagSuggestion, TagType } from '@newsdesk/contracts';

export type SuggestionSource = TagSuggestion['matches'][number]['source'];
export interface CandidateTag {
  id: string;
  slug: string;
  name: string;
  type: TagType;
  aliases: string[];
}

/** How much an occurrence counts, by where it is: the headline says most about what a story is. */
const WEIGHTS: Record<SuggestionSource, number> = { headline: 5, teaser: 3, body: 1, transcript: 1 };
const MAX_TERM_WORDS = 6;

/** Lowercase words without accents, possessives or punctuation: "Kremlin's" -> ["kremlin"], "al-Assad" -> ["al", "assad"]. */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2019]s\b/g, '')
    .replace(/['\u2019]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Counts of every run of 1..MAX_TERM_WORDS consecutive words. */
function phraseCounts(text: string): Map<string, number> {
  const tokens = words(text);
  const counts = new Map<string, number>();
  for (let i = 0; i < tokens.length; i++) {
    let phrase = '';
    for (let n = 0; n < MAX_TERM_WORDS && i + n < tokens.length; n++) {
      phrase = n ? `${phrase} ${tokens[i + n]}` : (tokens[i] ?? '');
      counts.set(phrase, (counts.get(phrase) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * Tags whose name or an alias occurs (as whole words) in the story, ranked by where and how often.
 * Pure and local: no network service, linear in the text and the number of tag terms.
 */
export function suggestTags(
  texts: Record<SuggestionSource, string>,
  tags: CandidateTag[],
  exclude: ReadonlySet<string> = new Set(),
  limit = 10,
): TagSuggestion[] {
  const counted = (Object.keys(texts) as SuggestionSource[]).map((source) => [source, phraseCounts(texts[source])] as const);
  const suggestions: TagSuggestion[] = [];
  for (const tag of tags) {
    if (exclude.has(tag.id)) continue;
    const matches: TagSuggestion['matches'] = [];
    for (const term of new Set([tag.name, ...tag.aliases])) {
      const key = words(term).join(' ');
      if (!key || key.split(' ').length > MAX_TERM_WORDS) continue;
      for (const [source, counts] of counted) {
        const count = counts.get(key);
        if (count) matches.push({ source, term, count });
      }
    }
    if (!matches.length) continue;
    const score = matches.reduce((sum, match) => sum + WEIGHTS[match.source] * match.count, 0);
    suggestions.push({ tag: { id: tag.id, slug: tag.slug, name: tag.name, type: tag.type }, score, matches });
  }
  return suggestions.sort((a, b) => b.score - a.score || a.tag.name.localeCompare(b.tag.name)).slice(0, limit);
}
