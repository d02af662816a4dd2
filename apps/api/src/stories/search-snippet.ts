import snowball from 'snowball-stemmers';

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
 * Which words are marked: those whose Snowball English stem (the `snowball-stemmers` port of the
 * algorithm PostgreSQL's `english_stem` dictionary runs; the same stem for all 27,000 distinct
 * words of the project's own text and 20,000 random ones, checked against `ts_lexize`) is one of
 * the query's lexemes (the tsquery's terms, from `querytree`, so negated words are not marked), or
 * whose lower-cased form is (a word with digits is not stemmed by the english configuration).
 * Ranking and matching stay PostgreSQL's; the highlighting marks what it matched.
 */

const SENTINELS = /[\uE000\uE001]/g;
/** A word, as the snippet counts and marks them: a run of letters, digits and combining marks. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const MAX_WORDS = 25;
const MAX_FRAGMENTS = 2;
/** Words shown before a fragment's first match. */
const LEAD = 4;

const ENGLISH = snowball.newStemmer('english');

/** The lexemes of a tsquery's text (`querytree(query)::text`: `'wildfir' & 'smoke' | 'maria' <-> 'garcia'`). */
export function queryLexemes(tsquery: string): string[] {
  const lexemes = new Set<string>();
  for (const match of tsquery.matchAll(/'((?:[^']|'')*)'/g)) lexemes.add((match[1] ?? '').replace(/''/g, "'"));
  return [...lexemes];
}

/** A matcher of words against the query's lexemes, remembering its answers (a page asks about the same words often). */
export function wordMatcher(lexemes: readonly string[]): (word: string) => boolean {
  const wanted = new Set(lexemes);
  const known = new Map<string, boolean>();
  const initials = new Set(lexemes.map((l) => l.slice(0, 1)));
  return (word) => {
    const lower = word.toLowerCase();
    // A stem starts with its word's first letter (the y of "yellow" included).
    if (!initials.has(lower.slice(0, 1))) return false;
    let answer = known.get(lower);
    if (answer === undefined) {
      // A word with digits is a `numword` to PostgreSQL's parser, which the english configuration
      // leaves unstemmed (the `simple` dictionary): its lexeme is the word itself.
      answer = wanted.has(lower) || wanted.has(ENGLISH.stem(lower));
      known.set(lower, answer);
    }
    return answer;
  };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** HTML-escapes text: &, <, >, " and ' (as the story body's text is escaped). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/**
 * Where a lexeme's words can start in lower-cased text: the lexeme less its last two letters (one
 * letter for a lexeme of three or fewer), since the stemmer may have changed or added those
 * (happy -> happi, hoping -> hope, possibility -> possibl, dying -> die).
 */
const stemPrefix = (lexeme: string) => (lexeme.length <= 3 ? lexeme.slice(0, 1) : lexeme.slice(0, -2));
/** How far before a possible match reading starts again after a skip (enough for the LEAD words). */
const BACK = 160;

/**
 * The snippet of `text` for `lexemes`: escaped, matches in <mark>, up to two fragments of up to 25
 * words around the first matches (the second after the first ends), joined by " ... "; without a
 * match, the first 25 words. The text is not read word by word between matches: it skips to the
 * next place where a lexeme's stem occurs (a plain search in the lower-cased text) and reads from a
 * little before it, so a 30,000-character transcript with a match at its end costs a few searches.
 */
export function snippet(text: string, lexemes: readonly string[]): string {
  const clean = text.replace(SENTINELS, '');
  const matches = wordMatcher(lexemes);
  const lower = clean.toLowerCase();
  // Offsets are shared by `lower` and `clean` only when lower-casing kept every length (nearly always).
  const canSkip = lower.length === clean.length && lexemes.length > 0;
  const prefixes = [...new Set(lexemes.map(stemPrefix))].filter(Boolean);
  const nextCandidate = (from: number) => {
    let best = -1;
    for (const prefix of prefixes) {
      const at = lower.indexOf(prefix, from);
      if (at >= 0 && (best < 0 || at < best)) best = at;
    }
    return best;
  };
  // Words as [start, end, matched]; a fragment never starts before `floor` (the first word read after a skip).
  const words: Array<[number, number, boolean]> = [];
  const fragments: Array<[number, number]> = [];
  let open: [number, number] | null = null;
  let floor = 0;
  WORD.lastIndex = 0;
  for (;;) {
    if (!open && canSkip) {
      // Skip ahead to a little before the next place a match can be.
      const candidate = nextCandidate(WORD.lastIndex);
      if (candidate < 0) break;
      let from = Math.max(WORD.lastIndex, candidate - BACK);
      if (from > WORD.lastIndex) {
        // Start at a word's beginning: move to the end of the word `from` falls in.
        while (from < candidate && /[\p{L}\p{N}\p{M}]/u.test(clean[from - 1] ?? '')) from++;
        WORD.lastIndex = from;
        floor = words.length;
      }
    }
    const m = WORD.exec(clean);
    if (!m) break;
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
      open = [Math.max(previousEnd + 1, floor, index - LEAD), index];
    }
  }
  if (open) {
    open[1] = words.length - 1;
    fragments.push(open);
  }
  if (!fragments.length) {
    // No match: the first 25 words.
    words.length = 0;
    WORD.lastIndex = 0;
    for (let m = WORD.exec(clean); m && words.length < MAX_WORDS; m = WORD.exec(clean)) words.push([m.index, m.index + m[0].length, false]);
    if (!words.length) return '';
    fragments.push([0, words.length - 1]);
  }
  return fragments
    .map(([first, last]) => {
      let out = '';
      let at = words[first]?.[0] ?? 0;
      for (const [start, end, matched] of words.slice(first, last + 1)) {
        out += escapeHtml(clean.slice(at, start));
        const word = escapeHtml(clean.slice(start, end));
        out += matched ? `<mark>${word}</mark>` : word;
        at = end;
      }
      // The punctuation right after the last word (a full stop, a closing bracket), not the space.
      return out + escapeHtml(/^[^\s\p{L}\p{N}\p{M}]*/u.exec(clean.slice(at, at + 20))?.[0] ?? '');
    })
    .join(' ... ');
}

/** The snippet of `text` for a tsquery's text (`querytree(query)::text`). */
export function searchSnippet(text: string, tsquery: string): string {
  return snippet(text, queryLexemes(tsquery));
}
