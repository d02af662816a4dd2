/**
 * Search snippets computed in Node from the text the search statement already returns (issue #16),
 * instead of `ts_headline` in PostgreSQL: ts_headline parsed and stemmed every row's whole text (up
 * to 30,000 characters) for 20 rows per page, 40% of a search's PostgreSQL time, on the one
 * resource all requests share.
 *
 * What stays as it was (and is tested, test/search-snippets.e2e-spec.ts and test/public-outputs):
 * the snippet is HTML-escaped text (&, <, >, " and ' as entities) whose only markup is
 * <mark>…</mark> around matched words; the private-use characters U+E000/U+E001 never come out;
 * up to two fragments of at most 25 words, joined by " ... "; no match found: the first 25 words.
 *
 * Which words are marked: those whose lower-cased form is one of the query's lexemes (the tsquery's
 * terms, from `querytree`, so negated words are not marked) or that lexeme plus an English
 * inflection or common derivation (the Snowball stemmer's lexemes are the word's stem, with a final
 * y turned into i, a final e dropped before -ing/-ed, a doubled consonant before -ing/-ed). Ranking
 * and matching stay PostgreSQL's; only the highlighting is approximated, with no parse of the text
 * beyond what the fragments need.
 */

const SENTINELS = /[\uE000\uE001]/g;
/** A word, as the snippet counts and marks them: a run of letters, digits and combining marks. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const MAX_WORDS = 25;
const MAX_FRAGMENTS = 2;
/** Words shown before a fragment's first match. */
const LEAD = 4;

/** What may follow a lexeme in a word that has it as its stem. */
const SUFFIXES = new Set(
  (
    ' s es ed d ing ings er ers est ly e en al ally ation ations ational ion ions ional ness ment ments ity ities ive ively ' +
    'ize izes ized izing ise ises ised ising ful fully ous ously ism ic ical ically ence ences ance ances able'
  ).split(' '),
);
/** After a lexeme ending in i (Snowball: happy -> happi, cities -> citi). */
const Y_SUFFIXES = new Set(['y', 'ies', 'ied', 'ier', 'iers', 'iest', 'ily', 'iness', 'ying', 'yed', 'yer', 'yers', 'y\u2019s']);
/** After a lexeme ending in e, whose e the word dropped (hope -> hoping). */
const E_SUFFIXES = new Set(['ing', 'ings', 'ed', 'er', 'ers', 'est', 'ation', 'ations', 'ion', 'ions', 'able']);
const DOUBLED = new Set(['ing', 'ings', 'ed', 'er', 'ers', 'est']);

/** The lexemes of a tsquery's text (`querytree(query)::text`: `'wildfir' & 'smoke' | 'maria' <-> 'garcia'`). */
export function queryLexemes(tsquery: string): string[] {
  const lexemes = new Set<string>();
  for (const match of tsquery.matchAll(/'((?:[^']|'')*)'/g)) lexemes.add(match[1]!.replace(/''/g, "'"));
  return [...lexemes];
}

/** Whether `word` (lower case) is a form of `lexeme`. */
function isForm(word: string, lexeme: string): boolean {
  if (word === lexeme) return true;
  if (word.startsWith(lexeme)) {
    const rest = word.slice(lexeme.length);
    if (SUFFIXES.has(rest)) return true;
    if (rest.length >= 3 && rest[0] === lexeme.at(-1) && DOUBLED.has(rest.slice(1))) return true;
  }
  const last = lexeme.at(-1);
  if ((last === 'i' || last === 'e') && lexeme.length > 1) {
    const base = lexeme.slice(0, -1);
    if (word.startsWith(base)) return (last === 'i' ? Y_SUFFIXES : E_SUFFIXES).has(word.slice(base.length));
  }
  return false;
}

/** A matcher of words against the query's lexemes, remembering its answers (a page asks about the same words often). */
export function wordMatcher(lexemes: readonly string[]): (word: string) => boolean {
  const known = new Map<string, boolean>();
  const initials = new Set(lexemes.map((l) => l.slice(0, 1)));
  return (word) => {
    const lower = word.toLowerCase();
    if (!initials.has(lower.slice(0, 1))) return false;
    let answer = known.get(lower);
    if (answer === undefined) {
      answer = lexemes.some((lexeme) => isForm(lower, lexeme));
      known.set(lower, answer);
    }
    return answer;
  };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** HTML-escapes text: &, <, >, " and ' (as the story body's text is escaped). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * The snippet of `text` for words accepted by `matches`: escaped, matches in <mark>, up to two
 * fragments of up to 25 words around the first matches (the second after the first ends), joined
 * by " ... "; without a match, the first 25 words.
 */
export function snippet(text: string, matches: (word: string) => boolean): string {
  const clean = text.replace(SENTINELS, '');
  // Words as [start, end, matched], read only as far as the fragments need.
  const words: Array<[number, number, boolean]> = [];
  const fragments: Array<[number, number]> = []; // word index ranges [first, last]
  let open: [number, number] | null = null;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(clean); m; m = WORD.exec(clean)) {
    const index = words.length;
    const matched = matches(m[0]);
    words.push([m.index, m.index + m[0].length, matched]);
    if (open) {
      if (index - open[0] + 1 >= MAX_WORDS) {
        open[1] = index;
        fragments.push(open);
        open = null;
        if (fragments.length === MAX_FRAGMENTS) break;
      }
    } else if (matched) {
      const previousEnd = fragments.at(-1)?.[1] ?? -1;
      open = [Math.max(previousEnd + 1, index - LEAD), index];
    }
  }
  if (open) {
    open[1] = words.length - 1;
    fragments.push(open);
  }
  if (!fragments.length) {
    if (!words.length) return '';
    fragments.push([0, Math.min(words.length, MAX_WORDS) - 1]);
  }
  return fragments
    .map(([first, last]) => {
      let out = '';
      let at = words[first]![0];
      for (let i = first; i <= last; i++) {
        const [start, end, matched] = words[i]!;
        out += escapeHtml(clean.slice(at, start));
        const word = escapeHtml(clean.slice(start, end));
        out += matched ? `<mark>${word}</mark>` : word;
        at = end;
      }
      // The punctuation right after the last word (a full stop, a closing bracket), not the space.
      return out + escapeHtml(/^[^\s\p{L}\p{N}\p{M}]*/u.exec(clean.slice(at, at + 20))![0]);
    })
    .join(' ... ');
}

/** The snippet of `text` for a tsquery's text (`querytree(query)::text`). */
export function searchSnippet(text: string, tsquery: string): string {
  return snippet(text, wordMatcher(queryLexemes(tsquery)));
}
